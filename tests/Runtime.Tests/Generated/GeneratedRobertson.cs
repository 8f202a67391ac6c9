namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>
/// Robertson's chemical kinetics (Hairer &amp; Wanner II, §IV.1), the classic stiff test: rate constants
/// <c>k1 = 0.04</c>, <c>k2 = 3e7</c>, <c>k3 = 1e4</c>; the Jacobian's eigenvalues reach ≈ −1e4 early on.
/// </summary>
public partial struct GeneratedRobertson
{
    [Dynamics]
    public static (double A, double B, double C) Rhs(double a, double b, double c, [Param] double k1, [Param] double k2, [Param] double k3)
        => ((-k1 * a) + (k3 * b * c), (k1 * a) - (k3 * b * c) - (k2 * b * b), k2 * b * b);
}
