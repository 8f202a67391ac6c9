using System;
using System.IO;
using System.Linq;
using NeuralOdeGen.Examples.Models;
using NeuralOdeGen.Examples.Spiral;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Spiral;

/// <summary><c>neuralode train spiral</c>: torchdiffeq's <c>ode_demo.py</c> workload with the generated 2-50-2 network.</summary>
public sealed class SpiralTrainingTests
{
    [Fact]
    public void BatchStarts_AreDistinctInRange_FixedByIterationAndSeed_AndChangeBetweenIterations()
    {
        int[] first = SpiralData.BatchStarts(seed: 3, iteration: 7, batchSize: 20);

        Assert.Equal(20, first.Distinct().Count());
        Assert.All(first, start => Assert.InRange(start, 0, SpiralData.StartCount - 1));
        Assert.Equal(first, SpiralData.BatchStarts(3, 7, 20));
        Assert.NotEqual(first, SpiralData.BatchStarts(3, 8, 20));
        Assert.NotEqual(first, SpiralData.BatchStarts(4, 7, 20));

        // All 990 start points at once is a permutation of them.
        Assert.Equal(Enumerable.Range(0, SpiralData.StartCount), SpiralData.BatchStarts(0, 0, SpiralData.StartCount).Order());
    }

    [Fact]
    public void Batch_SequencesAreTheTrueTrajectoryFromTheirStart()
    {
        double[] truth = SpiralData.TrueTrajectory();
        int[] starts = [0, 123, 989];
        Dataset batch = SpiralData.Batch(truth, starts);

        // ode_demo.py's get_batch: batch_y0 = true_y[s], batch_t = t[:10] (from 0), batch_y = true_y[s + k].
        Assert.Equal(0.0, batch.ObservationTimes[0]);
        Assert.Equal(SpiralData.EndTime * 9 / 999, batch.ObservationTimes[^1], 15);
        for (int i = 0; i < starts.Length; i++)
        {
            Assert.Equal(truth.AsSpan(2 * starts[i], 2), batch.InitialState(i));
            Assert.Equal(truth.AsSpan(2 * (starts[i] + 9), 2), batch.Target(i, 9));
        }

        // The true spiral starts at (2, 0) and, with A's −0.1 diagonal damping the cubic rotation, ends inside the unit box.
        Assert.Equal([2.0, 0.0], truth[..2]);
        Assert.True(Math.Abs(truth[^2]) < 1.0 && Math.Abs(truth[^1]) < 1.0);
    }

    [Fact]
    public void Training_FromTheFixedSeed_LowersTheBatchLossTenfoldAndTheTrajectoryLossFivefold()
    {
        double[] truth = SpiralData.TrueTrajectory();
        var objective = new SpiralObjective<SpiralNet>(truth, batchSize: 20, seed: 0, OdeSolver.Dopri5(1e-8, 1e-10), new DiscreteAdjoint());
        double[] start = SpiralData.InitialWeights<SpiralNet>(0);
        TrainingResult result = new Trainer(objective, new RmsProp(1e-3), new TrainerOptions { MaxIterations = 600 }).Run(start);

        // Batch losses scatter by about 2× between batches (different parts of the spiral): compare means over windows
        // of 20 iterations. Measured (seed 0): 0.061 for the first window, 0.0039–0.0069 from iteration 340 on.
        double first = WindowMean(result.History, 0);
        double best = Enumerable.Range(1, 29).Min(w => WindowMean(result.History, 20 * w));
        Assert.True(best < first / 10, $"window means: first {first}, best {best}");

        // The demo's "total loss" over all 1 000 points from (2, 0): measured 1.686 at the start, 0.195 after 600 steps.
        double before = SpiralData.FullTrajectoryLoss<SpiralNet>(truth, start, SpiralData.TruthSolver);
        double after = SpiralData.FullTrajectoryLoss<SpiralNet>(truth, result.Parameters, SpiralData.TruthSolver);
        Assert.True(after < before / 5, $"full-trajectory loss {before} -> {after}");
    }

    [Fact]
    public void WideNet_KeepsItsLoops_DrawsWeightsOnly_AndTrainingLowersTheTrajectoryLoss()
    {
        // 2-160-160-2: 320 + 25 600 + 320 weights drawn from N(0, 0.1), 160 + 160 + 2 biases left at 0.
        Assert.Equal(26_562, SpiralWideNet.ParameterCount);
        double[] start = SpiralData.InitialWeights<SpiralWideNet>(0);
        Assert.Equal(26_240, start.Count(w => w != 0.0));
        Assert.InRange(Math.Sqrt(start.Sum(w => w * w) / 26_240), 0.098, 0.102); // sample std of 26 240 N(0, 0.1) draws: ±0.0009 per σ
        Assert.Equal(string.Empty, SpiralWideNet.Info.RightHandSide[0]); // the loop path: no written-out symbolic forms

        double[] truth = SpiralData.TrueTrajectory();
        var objective = new SpiralObjective<SpiralWideNet>(truth, batchSize: 20, seed: 0, OdeSolver.Dopri5(1e-8, 1e-10), new DiscreteAdjoint());
        TrainingResult result = new Trainer(objective, new RmsProp(1e-3), new TrainerOptions { MaxIterations = 20 }).Run(start);

        // Measured (seed 0): the full-trajectory loss from (2, 0) is 6.83 at the start and 3.45 after 5 steps; require a
        // halving within 20 steps, which a wrong gradient direction (or none) cannot give.
        double before = SpiralData.FullTrajectoryLoss<SpiralWideNet>(truth, start, SpiralData.TruthSolver);
        double after = SpiralData.FullTrajectoryLoss<SpiralWideNet>(truth, result.Parameters, SpiralData.TruthSolver);
        Assert.True(after < before / 2, $"full-trajectory loss {before} -> {after}");
    }

    [Fact]
    public void TrainSpiral_WritesTheFiguresAndResumesWithTheSameBatches()
    {
        using var directory = new TempDirectory();
        CliRun straight = CliRun.Invoke("train", "spiral", "--iterations", "12", "--samples", "5", "--out", directory.Combine("straight"));
        CliRun first = CliRun.Invoke("train", "spiral", "--iterations", "5", "--samples", "5", "--out", directory.Combine("split"));
        CliRun resumed = CliRun.Invoke("train", "spiral", "--resume", directory.Combine("split", "checkpoint.json"), "--iterations", "12");

        Assert.True((straight.ExitCode, first.ExitCode, resumed.ExitCode) == (0, 0, 0), straight.Error + first.Error + resumed.Error + resumed.Output);
        Assert.Equal(File.ReadAllText(directory.Combine("straight", "history.csv")), File.ReadAllText(directory.Combine("split", "history.csv")));
        foreach (string figure in new[] { "loss.png", "trajectory.png", "phase.png", "phase.svg" })
        {
            Assert.True(new FileInfo(directory.Combine("straight", figure)).Length > 10_000, figure);
        }

        // torchdiffeq's settings are the defaults: RMSprop at 1e-3 on dopri5.
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(directory.Combine("straight", "checkpoint.json"));
        Assert.Equal(("rmsprop", "0.001", "dopri5"), (checkpoint.Settings["optimizer"], checkpoint.Settings["lr"], checkpoint.Settings["solver"]));
        Assert.Contains("full-trajectory loss", straight.Output, StringComparison.Ordinal);
        Assert.Contains("|θ|", straight.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainSpiral_MoreSequencesThanStartPoints_IsAUsageError()
    {
        CliRun run = CliRun.Invoke("train", "spiral", "--samples", "991", "--iterations", "1", "--out", Path.Combine(Path.GetTempPath(), "unused-spiral"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--samples 991", run.Error, StringComparison.Ordinal);
        Assert.Contains("at most 990", run.Error, StringComparison.Ordinal);
    }

    private static double WindowMean(TrainingHistory history, int first)
    {
        double sum = 0.0;
        for (int k = first; k < first + 20; k++)
        {
            sum += history[k].Loss;
        }

        return sum / 20;
    }
}
