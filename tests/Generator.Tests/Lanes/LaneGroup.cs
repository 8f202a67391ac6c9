namespace NeuralOdeGen.Generator.Tests.Lanes;

/// <summary>
/// One call of a lane member on a block of <see cref="Count"/> vectors: a time and parameters shared by the block,
/// and each sample's own state and cotangent (<c>States[sample][i]</c>, <c>Cotangents[sample][i]</c>); sample
/// <c>s</c> is lane <c>s % 4</c> of vector <c>s / 4</c>.
/// </summary>
internal sealed record LaneGroup(double Time, double[] Parameters, double[][] States, double[][]? Cotangents = null)
{
    /// <summary>Gets the number of vectors per component (the samples fill whole vectors).</summary>
    public int Count => States.Length / System.Runtime.Intrinsics.Vector256<double>.Count;
}
