namespace NeuralOdeGen.Benchmarks.Models;

/// <summary>
/// Robertson's chemical kinetics (Hairer &amp; Wanner II, §IV.1), the same form as the runtime tests' model: rate
/// constants <c>k1 = 0.04</c>, <c>k2 = 3e7</c>, <c>k3 = 1e4</c>; derivatives generated.
/// </summary>
public partial struct Robertson
{
    [Dynamics]
    public static (double A, double B, double C) Rhs(double a, double b, double c, [Param] double k1, [Param] double k2, [Param] double k3)
        => ((-k1 * a) + (k3 * b * c), (k1 * a) - (k3 * b * c) - (k2 * b * b), k2 * b * b);
}
