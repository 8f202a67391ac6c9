using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;

namespace NeuralOdeGen.Runtime.Tests.Problems;

public sealed class DeterminismTests
{
    public static TheoryData<string, int> MethodsAndSizes
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string method in new[] { "Discrete", "Continuous", "Checkpointed", "Forward" })
            {
                // 1000 samples = 8 blocks of 128, enough for threads to interleave differently on every run; 20 samples
                // (a training batch) = blocks of 8, so that even a small batch is shared by the threads.
                data.Add(method, 1000);
                data.Add(method, 20);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(MethodsAndSizes))]
    public void Gradient_OneTwoThreeThreads_BitIdentical(string method, int sampleCount)
    {
        Dataset data = Dataset.SampleTerminal<LotkaVolterra>(sampleCount, new ContinuousUniform(0.5, 1.5, new MersenneTwister(17)), [1.5, 1.0, 1.0, 3.0], horizon: 1.0, solver: OdeSolver.Rk4(100));
        double[] theta = [1.3, 0.9, 1.1, 2.8];
        GradientResult[] results = new GradientResult[3];
        for (int threads = 1; threads <= 3; threads++)
        {
            var problem = new TerminalProblem<LotkaVolterra>(data, OdeSolver.Dopri5(1e-6, 1e-6), AllocationTests.MethodByName(method), maxDegreeOfParallelism: threads);
            Assert.Equal(Math.Min(threads, (sampleCount + 7) / 8), problem.DegreeOfParallelism);
            results[threads - 1] = problem.Gradient(theta);
        }

        // Exact equality: the reduction order is fixed by the block layout, not by the threads.
        for (int r = 1; r < 3; r++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(results[0].Loss), BitConverter.DoubleToInt64Bits(results[r].Loss));
            Assert.Equal(results[0].Gradient.ToArray(), results[r].Gradient.ToArray());
            Assert.Equal(results[0].TerminalStates.ToArray(), results[r].TerminalStates.ToArray());
            Assert.Equal(results[0].Sensitivities.ToArray(), results[r].Sensitivities.ToArray());
            Assert.Equal(results[0].Statistics, results[r].Statistics);
        }
    }

    [Fact]
    public void SampleTerminal_SameSeeds_SameDataAndDifferentSeedsDiffer()
    {
        Dataset first = Dataset.SampleTerminal<Decay>(50, seed: 1, [-1.0], 1.0, noiseStandardDeviation: 0.1, noiseSeed: 2);
        Dataset again = Dataset.SampleTerminal<Decay>(50, seed: 1, [-1.0], 1.0, noiseStandardDeviation: 0.1, noiseSeed: 2);
        Dataset otherNoise = Dataset.SampleTerminal<Decay>(50, seed: 1, [-1.0], 1.0, noiseStandardDeviation: 0.1, noiseSeed: 3);

        Assert.Equal(first.InitialStates.ToArray(), again.InitialStates.ToArray());
        Assert.Equal(first.Targets.ToArray(), again.Targets.ToArray());
        Assert.Equal(first.InitialStates.ToArray(), otherNoise.InitialStates.ToArray());
        Assert.NotEqual(first.Targets.ToArray(), otherNoise.Targets.ToArray());
    }
}
