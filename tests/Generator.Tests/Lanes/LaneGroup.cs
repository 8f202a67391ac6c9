namespace NeuralOdeGen.Generator.Tests.Lanes;

/// <summary>
/// One call of a lane member: a time and parameters shared by all lanes, and each lane's own state and cotangent
/// (<c>LaneStates[lane][i]</c>, <c>LaneCotangents[lane][i]</c>).
/// </summary>
internal sealed record LaneGroup(double Time, double[] Parameters, double[][] LaneStates, double[][]? LaneCotangents = null);
