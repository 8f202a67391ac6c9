using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// With large steps the discretised loss differs from the continuous one, and so do their gradients: the discrete
/// adjoint is exact for the former, the continuous adjoints approximate the latter.
/// </summary>
public sealed class DiscreteVersusContinuousTests(ITestOutputHelper output)
{
    private static readonly double[] Theta = [1.3, 0.9, 1.1, 2.8];

    private static TerminalProblem<LotkaVolterra> Problem(int steps, ISensitivityMethod method)
    {
        Dataset data = Dataset.SampleTerminal<LotkaVolterra>(20, new ContinuousUniform(0.5, 1.5, new MersenneTwister(5)), [1.5, 1.0, 1.0, 3.0], horizon: 2.0);
        return new TerminalProblem<LotkaVolterra>(data, OdeSolver.Rk4(steps), method);
    }

    [Fact]
    public void DiscreteAdjoint_LargeSteps_EqualsFiniteDifferencesOfDiscretisedLoss()
    {
        TerminalProblem<LotkaVolterra> discrete = Problem(5, new DiscreteAdjoint());
        double[] gradient = discrete.Gradient(Theta).Gradient.ToArray();
        double[] finiteDifferences = GradientChecks.RichardsonDifferences(discrete, Theta);
        double error = GradientChecks.RelativeError(gradient, finiteDifferences);

        TerminalProblem<LotkaVolterra> continuous = Problem(5, new ContinuousAdjoint());
        double[] continuousGradient = continuous.Gradient(Theta).Gradient.ToArray();
        double continuousGap = GradientChecks.RelativeError(continuousGradient, finiteDifferences);
        TerminalProblem<LotkaVolterra> checkpointed = Problem(5, new CheckpointedAdjoint());
        double checkpointedGap = GradientChecks.RelativeError(checkpointed.Gradient(Theta).Gradient, finiteDifferences);
        output.WriteLine($"RK4 5 steps (h = 0.4): discrete vs FD {error:E2}; continuous vs FD {continuousGap:E2}; checkpointed vs FD {checkpointedGap:E2}");
        output.WriteLine($"discrete {GradientChecks.Format(gradient)}, continuous {GradientChecks.Format(continuousGradient)}, FD {GradientChecks.Format(finiteDifferences)}");

        // Richardson FD with step 1e-3: truncation ~1e-12·L⁽⁵⁾, rounding ~1e-16/1e-3 = 1e-13 relative; the discrete adjoint
        // is exact to rounding, so they must agree to ~1e-9 or better. The continuous adjoints solve a different (continuous) problem with
        // h = 0.4: their O(h⁴) discrepancy is many orders larger, which is why both methods exist.
        Assert.True(error < 1e-9, $"discrete adjoint vs FD of the discretised loss: {error:E3}");
        Assert.True(continuousGap > 1e-4, $"the continuous adjoint should visibly miss the discretised gradient, gap {continuousGap:E3}");
        Assert.True(checkpointedGap > 1e-4, $"the checkpointed adjoint should visibly miss the discretised gradient, gap {checkpointedGap:E3}");
    }

    [Fact]
    public void ForwardSensitivity_FixedSteps_EqualsDiscreteAdjointToRounding()
    {
        GradientResult discrete = Problem(5, new DiscreteAdjoint()).Gradient(Theta);
        GradientResult forward = Problem(5, new ForwardSensitivity()).Gradient(Theta);
        double error = GradientChecks.RelativeError(forward.Gradient, discrete.Gradient);
        output.WriteLine($"forward vs discrete (RK4, 5 steps): {error:E2}");

        // Differentiating the RK map forward or in reverse gives the same numbers up to rounding (~1e-15 per operation).
        Assert.True(error < 1e-12, $"forward vs discrete: {error:E3}");
        Assert.Equal(discrete.Loss, forward.Loss, 1e-14);
    }
}
