using System;
using System.IO;
using System.Linq;
using NeuralOdeGen.Examples.Models;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Events;

/// <summary><c>neuralode train bouncing-ball</c>: the event example of issue #13 from the command line.</summary>
public sealed class BouncingBallExampleTests
{
    [Fact]
    public void Solve_ThroughTheBounces_MatchesTheClosedForm()
    {
        // Dropped from 2 m at rest: flights are parabolas between bounces at the closed-form times, so the height at the
        // midpoint of the second flight is the apex, e²·h0 (the speed after a bounce is e times the impact speed).
        var model = new BouncingBallExample();
        double[] bounces = BouncingBallExample.BounceTimes(2.0, 0.0, 0.7, 9.81, 3);
        double apex = 0.5 * (bounces[0] + bounces[1]);
        double[] states = model.Solve([2.0, 0.0], [0.7, 9.81], [bounces[0] - 1e-3, apex]);

        // Dopri5 at rtol 1e-10 is exact on the quadratic flights up to rounding; the event time is located to adjacent
        // doubles, so 1e-9 m leaves room for the rounding of a few hundred steps.
        double impact = Math.Sqrt(2.0 * 9.81 * 2.0);
        Assert.Equal((impact * 1e-3) - (0.5 * 9.81 * 1e-6), states[0], 1e-9);
        Assert.Equal(0.49 * 2.0, states[2], 1e-9);
        Assert.Equal(0.0, states[3], 1e-9);
    }

    [Fact]
    public void Solve_PastTheAccumulationOfBounces_RestsOnTheFloor()
    {
        // e = 0.5 from 1 m at rest: the bounces accumulate at t1 + 2·e·u/(g(1 − e)) = 0.4515 + 0.9031 s; the ball rests after.
        double[] states = new BouncingBallExample().Solve([1.0, 0.0], [0.5, 9.81], [1.0, 2.0, 3.0]);

        Assert.Equal([0.0, 0.0, 0.0, 0.0], states[2..]);
        Assert.True(states[0] > 0.0, $"h(1) = {states[0]}");
    }

    [Fact]
    public void TrainBouncingBall_FromNoisyBounceTimes_RecoversTheParametersAndWritesItsFiles()
    {
        using var directory = new TempDirectory();
        CliRun run = CliRun.Invoke("train", "bouncing-ball", "--noise", "0.002", "--iterations", "3000", "--out", directory.Path);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        foreach (string file in new[] { "history.csv", "loss.png", "trajectory.png", "checkpoint.json" })
        {
            Assert.True(File.Exists(directory.Combine(file)), file);
        }

        // With 2 ms noise on 3 × 4 bounce times the least-squares e has a standard error of about 5e-4 and g of 0.015
        // (the runtime's BouncingBallTrainingTests derive it from the closed-form Jacobian); 5e-3 and 0.15 are 10σ.
        string row(string name) => run.Output.Split('\n').Single(line => line.Contains($"│ {name} ", StringComparison.Ordinal));
        double fitted(string name) => double.Parse(row(name).Split('│', StringSplitOptions.TrimEntries)[4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(fitted("e"), 0.7 - 5e-3, 0.7 + 5e-3);
        Assert.InRange(fitted("g"), 9.81 - 0.15, 9.81 + 0.15);
    }

    [Fact]
    public void TrainBouncingBall_ContinuousAdjoint_IsAUsageError()
    {
        CliRun run = CliRun.Invoke("train", "bouncing-ball", "--sensitivity", "adjoint", "--iterations", "1", "--out", Path.Combine(Path.GetTempPath(), "unused-bouncing-ball"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("forward sensitivities or the discrete adjoint", run.Error, StringComparison.Ordinal);
    }
}
