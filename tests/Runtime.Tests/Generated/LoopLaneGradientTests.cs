using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>
/// A model whose loops are kept (the spiral demo's 2-50-2 tanh net in loop form) has generated lane members too, so the
/// runtime solves it in blocks of vectors; every lane repeats the scalar loop members' arithmetic, so the grouped
/// gradient must equal the one-by-one gradient to the last bit, as for the unrolled models (<see cref="GeneratedLaneTests"/>).
/// </summary>
public sealed class LoopLaneGradientTests
{
    [Theory]
    [InlineData("Discrete", 1)]
    [InlineData("Continuous", 1)]
    [InlineData("Discrete", 2)]
    public void Gradient_SpiralNetKeepingLoopsInVectorLanes_IdenticalToOneByOne(string method, int threads)
    {
        // Loops kept (the symbolic forms of a loop model are not written out), and lane members generated for them.
        Assert.Equal(string.Empty, SpiralLoopNet.Info.RightHandSide[0]);
        Assert.True(SpiralLoopNet.HasVectorLanes, "The loop-form spiral net has no generated lane members.");

        // Seeded weights at the scale of the demo's initialisation (N(0, 0.1²)); the fit starts from a perturbation.
        var random = new MersenneTwister(20261205);
        var normal = new Normal(0.0, 0.1, random);
        double[] trueParameters = new double[SpiralLoopNet.ParameterCount];
        double[] theta = new double[SpiralLoopNet.ParameterCount];
        for (int k = 0; k < trueParameters.Length; k++)
        {
            trueParameters[k] = normal.Sample();
            theta[k] = trueParameters[k] + (0.5 * normal.Sample());
        }

        // 301 samples: two full groups of 128 (32 vectors each) and one of 45 (12 vectors, the last with three lanes padded).
        Dataset data = Dataset.SampleTerminal<SpiralLoopNet>(301, new ContinuousUniform(-1.5, 1.5, new MersenneTwister(12)), trueParameters, horizon: 1.0);
        OdeSolver solver = OdeSolver.Rk4(40);
        var lanes = new TerminalProblem<SpiralLoopNet>(data, solver, Method(method, useLanes: true), maxDegreeOfParallelism: threads);
        var oneByOne = new TerminalProblem<SpiralLoopNet>(data, solver, Method(method, useLanes: false), maxDegreeOfParallelism: 1);

        GradientResult expected = oneByOne.Gradient(theta);
        GradientResult actual = lanes.Gradient(theta);

        // Exact: the same floating-point operations per sample, summed in the same order.
        Assert.True(expected.Loss > 0.0 && double.IsFinite(expected.Loss), $"loss {expected.Loss}");
        Assert.Equal(expected.Loss, actual.Loss);
        Assert.Equal(expected.Gradient.ToArray(), actual.Gradient.ToArray());
        Assert.Equal(expected.TerminalStates.ToArray(), actual.TerminalStates.ToArray());
    }

    [Fact]
    public void LaneRule_ManyParameters_KeepsTheOneByOnePath()
    {
        // The 2-160-160-2 net has generated lane members, but its 26 562 per-lane parameter adjoints would not fit a cache
        // (VectorLanes.MaxParameters): the lane paths refuse it and take the one-by-one path; the 2-50-2 net (252) keeps them.
        Assert.True(HasVectorLanes<NeuralOdeGen.Examples.Models.SpiralWideNet>());
        Assert.False(VectorLanes.IsAvailable<NeuralOdeGen.Examples.Models.SpiralWideNet>());
        Assert.Equal(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, VectorLanes.IsAvailable<SpiralLoopNet>());
        Assert.InRange(VectorLanes.MaxParameters, SpiralLoopNet.ParameterCount, NeuralOdeGen.Examples.Models.SpiralWideNet.ParameterCount - 1);
    }

    private static bool HasVectorLanes<TModel>()
        where TModel : struct, IOdeModel<TModel> => TModel.HasVectorLanes;

    private static ISensitivityMethod Method(string name, bool useLanes) =>
        name == "Discrete" ? new DiscreteAdjoint(useLanes) : new ContinuousAdjoint(useLanes);
}
