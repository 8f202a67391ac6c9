namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>
/// Van der Pol's oscillator <c>x'' − μ(1 − x²) x' + x = 0</c> as a first-order system (MATLAB's <c>vdp1000</c> form);
/// for μ = 1 000 it is stiff (Jacobian eigenvalue ≈ μ(1 − x²) ≈ −3 000 on the slow branch at x = 2) with a period of
/// about (3 − 2 ln 2) μ ≈ 1 614 and jumps between the branches on a time scale of 1/μ.
/// </summary>
public partial struct GeneratedVanDerPol
{
    [Dynamics]
    public static (double X, double V) Rhs(double x, double v, [Param] double mu)
        => (v, (mu * (1.0 - (x * x)) * v) - x);
}
