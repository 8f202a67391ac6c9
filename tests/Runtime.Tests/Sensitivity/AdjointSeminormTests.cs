using System;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Generated;
using Xunit;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// <see cref="ContinuousAdjoint.Seminorm"/>: the backward solve controls the error of x and λ only (Kidger, Chen &amp; Lyons
/// 2021). The forward solve is unchanged, the backward one takes other steps, and the gradient stays within the
/// tolerance of the full-norm one.
/// </summary>
public sealed class AdjointSeminormTests
{
    private static readonly double[] Theta = [1.4, 1.1, 0.9, 3.1];

    [Theory]
    [InlineData(StepSharing.PerSample)]
    [InlineData(StepSharing.PerGroup)]
    public void Gradient_Seminorm_OtherBackwardStepsSameGradientWithinTolerance(StepSharing sharing)
    {
        Dataset data = Dataset.SampleTrajectory<GeneratedLotkaVolterra>(
            40, new ContinuousUniform(0.5, 2.0, new MersenneTwister(5)), [1.5, 1.0, 1.0, 3.0], [.. Enumerable.Range(1, 20).Select(k => 0.2 * k)]);
        OdeSolver solver = OdeSolver.Dopri5(1e-8, 1e-8);
        GradientResult full = new TrajectoryProblem<GeneratedLotkaVolterra>(data, solver, new ContinuousAdjoint(sharing), maxDegreeOfParallelism: 1).Gradient(Theta);
        GradientResult semi = new TrajectoryProblem<GeneratedLotkaVolterra>(data, solver, new ContinuousAdjoint(sharing) { Seminorm = true }, maxDegreeOfParallelism: 1).Gradient(Theta);

        // The same forward solve (the seminorm changes the backward one only), so the same loss to the bit.
        Assert.Equal(full.Loss, semi.Loss);

        // Both are the flow's gradient to the tolerance (1e-8 over t ≤ 4): 1e-6 relative leaves room for the integral z,
        // whose error the seminorm no longer bounds directly.
        double scale = full.Gradient.ToArray().Max(Math.Abs);
        for (int k = 0; k < Theta.Length; k++)
        {
            Assert.True(Math.Abs(full.Gradient[k] - semi.Gradient[k]) <= 1e-6 * scale, $"∂L/∂θ{k}: {full.Gradient[k]} vs {semi.Gradient[k]}");
        }

        // The backward steps differ: the seminorm measures x and λ only (what it saves depends on the problem; on this one
        // the parameter integral's errors are the smaller ones, and measured 8 253 vs 8 124 steps per sample set).
        Assert.NotEqual(full.Statistics.Steps, semi.Statistics.Steps);
    }
}
