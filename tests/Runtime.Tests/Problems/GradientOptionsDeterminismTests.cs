using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;

namespace NeuralOdeGen.Runtime.Tests.Problems;

/// <summary>
/// The new outputs (∂L/∂x0 per sample, ∂L/∂τ_k and ∂L/∂t0 summed over samples) are bit-identical for one, two and three
/// threads, backwards from t0 ≠ 0: the time gradients join the parameter gradient's fixed block reduction order.
/// </summary>
public sealed class GradientOptionsDeterminismTests
{
    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    [InlineData("Checkpointed")]
    [InlineData("Forward")]
    public void Gradient_OneTwoThreeThreadsWithEveryOption_BitIdentical(string method)
    {
        // 60 samples = 8 blocks of 8, so that the threads interleave.
        double[] initialStates = Dataset.SampleInitialStates(60, 2, new ContinuousUniform(0.5, 1.5, new MersenneTwister(17)));
        Dataset data = Dataset.Generate<LotkaVolterra>(initialStates, [1.5, 1.0, 1.0, 3.0], [1.6, 1.0, 0.5], startTime: 2.0);
        var options = new GradientOptions { InitialStateGradients = true, TimeGradients = true };
        double[] theta = [1.3, 0.9, 1.1, 2.8];
        GradientResult[] results = new GradientResult[3];
        for (int threads = 1; threads <= 3; threads++)
        {
            var problem = new TrajectoryProblem<LotkaVolterra>(data, OdeSolver.Dopri5(1e-6, 1e-6), AllocationTests.MethodByName(method), threads, options);
            results[threads - 1] = problem.CreateResult();
            problem.Gradient(theta, results[threads - 1]);
        }

        // Exact equality: the reduction order is fixed by the dataset, never by the thread count.
        for (int threads = 2; threads <= 3; threads++)
        {
            Assert.Equal(results[0].Gradient.ToArray(), results[threads - 1].Gradient.ToArray());
            Assert.Equal(results[0].InitialStateGradients.ToArray(), results[threads - 1].InitialStateGradients.ToArray());
            Assert.Equal(results[0].ObservationTimeGradients.ToArray(), results[threads - 1].ObservationTimeGradients.ToArray());
            Assert.Equal(results[0].StartTimeGradient, results[threads - 1].StartTimeGradient);
        }

        // And the outputs are there: every sample has a nonzero ∂L/∂x0, and ∂L/∂t0 is not zero.
        Assert.NotEqual(0.0, results[0].StartTimeGradient);
        for (int i = 0; i < 60; i++)
        {
            Assert.NotEqual(0.0, Math.Abs(results[0].InitialStateGradient(i)[0]) + Math.Abs(results[0].InitialStateGradient(i)[1]));
        }
    }
}
