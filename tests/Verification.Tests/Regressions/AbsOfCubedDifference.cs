using System;

namespace NeuralOdeGen.Verification.Tests.Regressions;

/// <summary>
/// The random model that crashed the SymPy oracle (CsCheck seed 32o7P5EBn8F1, shrunk): its ∂f/∂alpha residual made
/// SymPy's own simplify fail with "'BooleanTrue' object has no attribute 'lhs'". A parameter named like a Python keyword.
/// </summary>
public partial class AbsOfCubedDifference
{
    [Dynamics]
    public static double Rhs([Param] double s0, double delta, [Param] double alpha, [Param] double @is)
        => Math.Abs(Math.Pow(@is - alpha, 3.0));
}
