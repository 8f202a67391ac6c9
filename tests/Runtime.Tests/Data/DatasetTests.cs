using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Data;

public sealed class DatasetTests
{
    [Fact]
    public void SampleTerminal_Decay_TargetsAreClosedFormSolution()
    {
        Dataset data = Dataset.SampleTerminal<Decay>(200, seed: 5, [-1.0], horizon: 1.5);

        // Default generator: DP5 at rtol 1e-10, atol 1e-12; the exponential's relative error stays below 1e-9.
        for (int i = 0; i < data.SampleCount; i++)
        {
            double expected = data.InitialState(i)[0] * Math.Exp(-1.5);
            Assert.Equal(expected, data.Target(i, 0)[0], 1e-9 * Math.Max(1.0, Math.Abs(expected)));
        }

        Assert.Equal(1.5, data.Horizon);
        Assert.Equal(1, data.ObservationCount);
    }

    [Fact]
    public void SampleTerminal_StandardNormalSeed_MatchesMathNetNormalWithSameSeed()
    {
        Dataset data = Dataset.SampleTerminal<Decay>(20, seed: 42, [-1.0], horizon: 1.0);
        var normal = new Normal(0.0, 1.0, new MersenneTwister(42));
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(normal.Sample(), data.InitialState(i)[0]);
        }
    }

    [Fact]
    public void SampleTerminal_Noise_HasRequestedStandardDeviation()
    {
        const double Sigma = 0.05;
        Dataset clean = Dataset.SampleTerminal<Decay>(20_000, seed: 1, [-1.0], 1.0, OdeSolver.Rk4(10));
        Dataset noisy = Dataset.SampleTerminal<Decay>(20_000, seed: 1, [-1.0], 1.0, OdeSolver.Rk4(10), noiseStandardDeviation: Sigma, noiseSeed: 9);
        double sum = 0.0;
        double sumSquares = 0.0;
        for (int i = 0; i < clean.SampleCount; i++)
        {
            double noise = noisy.Target(i, 0)[0] - clean.Target(i, 0)[0];
            sum += noise;
            sumSquares += noise * noise;
        }

        double mean = sum / clean.SampleCount;
        double deviation = Math.Sqrt((sumSquares / clean.SampleCount) - (mean * mean));

        // Standard errors with 20 000 draws: mean σ/√N ≈ 3.5e-4, deviation σ/√(2N) ≈ 2.5e-4; bounds at ~4 standard errors.
        Assert.InRange(mean, -1.5e-3, 1.5e-3);
        Assert.InRange(deviation, Sigma - 1e-3, Sigma + 1e-3);
    }

    [Fact]
    public void SampleTrajectory_HarmonicOscillator_TargetsAtEachObservationTime()
    {
        double[] times = [0.0, 0.4, 1.3, 2.0];
        Dataset data = Dataset.SampleTrajectory<HarmonicOscillator>(5, new ContinuousUniform(-1, 1, new MersenneTwister(3)), [2.0], times);
        for (int i = 0; i < data.SampleCount; i++)
        {
            double x0 = data.InitialState(i)[0];
            double v0 = data.InitialState(i)[1];
            for (int k = 0; k < times.Length; k++)
            {
                double t = times[k];
                double x = (x0 * Math.Cos(2 * t)) + (v0 / 2 * Math.Sin(2 * t));

                // DP5 at 1e-10/1e-12 over two radians of phase: absolute error well below 1e-8.
                Assert.Equal(x, data.Target(i, k)[0], 1e-8);
            }
        }
    }

    [Fact]
    public void Create_RoundTrip_KeepsLayout()
    {
        Dataset data = Dataset.Create(2, [1, 2, 3, 4], [0.5, 1.0], [10, 11, 12, 13, 20, 21, 22, 23]);
        Assert.Equal(2, data.SampleCount);
        Assert.Equal([12.0, 13.0], data.Target(0, 1).ToArray());
        Assert.Equal([20.0, 21.0], data.Target(1, 0).ToArray());
        Assert.Equal([3.0, 4.0], data.InitialState(1).ToArray());
    }
}
