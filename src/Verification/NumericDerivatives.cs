namespace NeuralOdeGen.Verification;

/// <summary>
/// Every compiled path's numbers at one point. Matrices are indexed <c>[row i, variable v]</c> with the states
/// first (<c>v = j</c>) and then the parameters (<c>v = n + k</c>).
/// </summary>
internal sealed class NumericDerivatives(int n, int m)
{
    public double[] Value { get; } = new double[n];

    public double[] DualValue { get; } = new double[n];

    public double[,] Jacobian { get; } = new double[n, n + m];

    public double[,] JacobianVectorProduct { get; } = new double[n, n + m];

    public double[,] VectorJacobianProduct { get; } = new double[n, n + m];

    public double[,] Dual { get; } = new double[n, n + m];

    public double[,] FiniteDifference { get; } = new double[n, n + m];

    public bool[,] FiniteDifferenceReliable { get; } = new bool[n, n + m];
}
