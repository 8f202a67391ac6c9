using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>
/// Generated models carry generated lane members, so the runtime solves them in blocks of vectors; every lane repeats
/// the scalar member's arithmetic, so the grouped gradient must equal the one-by-one gradient to the last bit.
/// </summary>
public sealed class GeneratedLaneTests
{
    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void Gradient_GeneratedDecayInVectorLanes_IdenticalToOneByOne(string method) =>
        AssertLanesIdenticalToOneByOne<GeneratedDecay>(method, [-1.0], [0.5]);

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void Gradient_GeneratedLotkaVolterraInVectorLanes_IdenticalToOneByOne(string method) =>
        AssertLanesIdenticalToOneByOne<GeneratedLotkaVolterra>(method, [1.5, 1.0, 1.0, 3.0], [1.4, 1.1, 0.9, 3.1]);

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void Gradient_GeneratedSineGrowthInVectorLanes_IdenticalToOneByOne(string method) =>
        AssertLanesIdenticalToOneByOne<GeneratedSineGrowth>(method, [1.1, -0.4], [0.9, -0.3]);

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void Gradient_GeneratedTimeForcedModelInVectorLanes_IdenticalToOneByOne(string method) =>
        AssertLanesIdenticalToOneByOne<GeneratedForcedGrowth>(method, [-0.7, 0.8], [-0.5, 1.1]);

    private static void AssertLanesIdenticalToOneByOne<TModel>(string method, double[] trueParameters, double[] theta)
        where TModel : struct, IOdeModel<TModel>
    {
        Assert.True(TModel.HasVectorLanes, $"{typeof(TModel).Name} has no generated lane members.");

        // 73 samples in blocks of 8: nine groups of two vectors and a last group of one padded vector. A block of an
        // odd number of vectors cannot be read as 512-bit pairs, so both the 512-bit and the 256-bit element-wise
        // kernels run (for one-state models; Decay's adjoint block of three is odd throughout).
        Dataset data = Dataset.SampleTerminal<TModel>(73, new ContinuousUniform(0.5, 1.5, new MersenneTwister(12)), trueParameters, horizon: 1.5);
        OdeSolver solver = OdeSolver.Rk4(60);
        var lanes = new TerminalProblem<TModel>(data, solver, Method(method, useLanes: true), maxDegreeOfParallelism: 1);
        var oneByOne = new TerminalProblem<TModel>(data, solver, Method(method, useLanes: false), maxDegreeOfParallelism: 1);

        GradientResult expected = oneByOne.Gradient(theta);
        GradientResult actual = lanes.Gradient(theta);

        // Exact: the same floating-point operations per sample, summed in the same order.
        Assert.Equal(expected.Loss, actual.Loss);
        Assert.Equal(expected.Gradient.ToArray(), actual.Gradient.ToArray());
        Assert.Equal(expected.TerminalStates.ToArray(), actual.TerminalStates.ToArray());
    }

    private static ISensitivityMethod Method(string name, bool useLanes) =>
        name == "Discrete" ? new DiscreteAdjoint(useLanes) : new ContinuousAdjoint(useLanes);
}
