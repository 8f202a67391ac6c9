namespace NeuralOdeGen.Benchmarks.Models;

/// <summary>
/// Van der Pol's oscillator in MATLAB's <c>vdp1000</c> form <c>(x' = v, v' = μ(1 − x²)v − x)</c>, the same form as
/// the runtime tests' model; stiff for μ = 1 000. Derivatives generated.
/// </summary>
public partial struct VanDerPolStiff
{
    [Dynamics]
    public static (double X, double V) Rhs(double x, double v, [Param] double mu)
        => (v, (mu * (1.0 - (x * x)) * v) - x);
}
