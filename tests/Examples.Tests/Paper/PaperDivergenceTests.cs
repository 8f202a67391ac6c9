using System;
using System.IO;
using System.Linq;
using NeuralOdeGen.Examples.Paper;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Paper;

/// <summary><c>neuralode paper</c> when runs diverge: every run is reported and every file is written.</summary>
public sealed class PaperDivergenceTests
{
    private static readonly string[] Files = ["figure1.csv", "figure1.png", "figure1.svg", "figure2.csv", "figure2.png", "figure2.svg", "summary.md"];

    [Theory]
    [InlineData("--horizon", "150")]
    [InlineData("--initial=300")]
    [InlineData("--horizon", "1e300")]
    public void Paper_RunsDivergeAtIterationZero_ReportsThemAndWritesEveryFile(params string[] extra)
    {
        using var directory = new TempDirectory();

        CliRun run = CliRun.Invoke(["paper", "--out", directory.Path, "--samples", "8", "--iterations", "3", .. extra]);

        // A diverging method is one of the paper's findings, not a failure of the command.
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Error);
        foreach (string name in Files)
        {
            Assert.True(File.Exists(directory.Combine(name)), name);
        }

        string summary = File.ReadAllText(directory.Combine("summary.md"));
        Assert.Contains("not converged (diverged)", summary, StringComparison.Ordinal);
        Assert.Contains("at iteration 0", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HorizonFarBeyondTheSolver_EveryRunDivergesAtIterationZeroWithItsReason()
    {
        PaperReport report = PaperReproduction.Run(new PaperOptions { Horizon = 1e300, Samples = 4, Iterations = 2, InitialValues = [-3.0, 1.0], TheoremLearningRates = [0.5] });

        Assert.Equal(6, report.Runs.Count);
        foreach (RunSummary run in report.Runs)
        {
            Assert.Equal(RunVerdict.Diverged, run.Verdict);
            Assert.Contains("at iteration 0", run.Why, StringComparison.Ordinal);

            // Nothing was evaluated: the summary keeps a₀ and reports no loss instead of reading an empty history.
            Assert.Equal(run.InitialValue, run.FinalRate);
            Assert.True(double.IsNaN(run.FinalLoss));
        }
    }

    [Fact]
    public void Summary_FlatLossWithHugeGradient_IsNotCalledAVanishingGradient()
    {
        // A loss that never falls while ‖∇L‖ = 1e200: whatever stopped the run, the gradient did not vanish.
        TrainingResult result = new Trainer(new FlatObjective(1e200), new Sgd(1e-210), new TrainerOptions { MaxIterations = 20 }).Run([0.0]);

        RunSummary summary = RunSummary.From("sgd", 0.0, result, targetRate: -1.0, tolerance: 1e-10);

        Assert.Equal(RunVerdict.Stalled, summary.Verdict);
        Assert.DoesNotContain("vanish", summary.Why, StringComparison.Ordinal);
        Assert.Contains("is not small", summary.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Horizon100_AdamIsNeitherFrozenNorSaidToHaveAVanishingGradient()
    {
        // t = 100: from a₀ = 1 the gradient is ~t·e^{2at} ≈ 1e89 and grows past 1e154 for a > 1.8, where a naive g² overflows.
        PaperReport report = PaperReproduction.Run(new PaperOptions { Horizon = 100, Samples = 8, Iterations = 20, InitialValues = [2.0], TheoremLearningRates = [0.5] });

        RunSummary adam = Assert.Single(report.Runs, r => r.Method == "adam");
        Assert.DoesNotContain("vanish", adam.Why, StringComparison.Ordinal);
        PaperTrajectory trajectory = Assert.Single(report.Experiment.Trajectories, t => t.Method == "Adam");
        Assert.True(trajectory.Result.History[0].GradientNorm > 1e154, $"‖∇L‖ = {trajectory.Result.History[0].GradientNorm}: not the overflow case");

        // Adam's first step has magnitude η = 0.5 whatever the gradient's size (a frozen Adam moved 0).
        Assert.Equal(0.5, Math.Abs(trajectory.Result.History[1].Parameters[0] - 2.0), 1e-9);
    }

    private sealed class FlatObjective(double gradient) : ITrainingObjective
    {
        public int ParameterCount => 1;

        public int StateCount => 1;

        public int SampleCount => 1;

        public double Horizon => 1.0;

        public bool CanProvideSensitivities => false;

        public void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result)
        {
            result.Loss = 1.0;
            result.Gradient[0] = gradient;
            result.TerminalStates[0] = 1.0;
        }

        public double EvaluateLoss(ReadOnlySpan<double> parameters) => 1.0;
    }
}
