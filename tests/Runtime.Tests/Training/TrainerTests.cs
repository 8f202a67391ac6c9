using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Training;

public sealed class TrainerTests
{
    // Loss(θ) = ½‖θ‖² over one sample with x_t = θ (n = m = 2): gradient θ, so SGD with η gives θ_k = (1 − η)^k θ₀.
    private static QuadraticObjective Quadratic => new();

    [Fact]
    public void Run_Sgd_FollowsGeometricSequenceAndStopsAtBudget()
    {
        TrainingResult result = new Trainer(Quadratic, new Sgd(0.25), new TrainerOptions { MaxIterations = 6 }).Run([2.0, -4.0]);

        Assert.Equal(TrainingStatus.MaxIterations, result.Status);
        Assert.Equal(6, result.Iteration);
        Assert.Equal(7, result.History.Count);

        // 0.75^6 exactly representable steps: a handful of roundings.
        Assert.Equal(2.0 * Math.Pow(0.75, 6), result.Parameters[0], 1e-14);
        Assert.Equal(-4.0 * Math.Pow(0.75, 6), result.Parameters[1], 1e-14);
        TrainingRecord first = result.History[0];
        Assert.Equal(10.0, first.Loss);
        Assert.Equal(Math.Sqrt(20.0), first.GradientNorm, 1e-14);
        Assert.Equal(20.0, first.TerminalVariance, 1e-14);
        Assert.Equal(0.25 * Math.Sqrt(20.0), first.StepNorm, 1e-14);
        Assert.Equal(0.25, first.EffectiveStepSize, 1e-15);
        Assert.True(double.IsNaN(result.History[6].StepNorm));
    }

    [Fact]
    public void Run_LossTolerance_Converges()
    {
        TrainingResult result = new Trainer(Quadratic, new Sgd(0.5), new TrainerOptions { LossTolerance = 1e-6 }).Run([1.0, 0.0]);

        // Loss_k = ½·0.25^k < 1e-6 first at k = 10 (½·0.25^9 = 1.9e-6, ½·0.25^10 = 4.8e-7).
        Assert.Equal(TrainingStatus.Converged, result.Status);
        Assert.Equal(10, result.Iteration);
        Assert.Contains("loss", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_GradientTolerance_Converges()
    {
        TrainingResult result = new Trainer(Quadratic, new Sgd(0.5), new TrainerOptions { GradientTolerance = 1e-3 }).Run([1.0, 0.0]);

        // ‖g_k‖ = 0.5^k < 1e-3 first at k = 10.
        Assert.Equal(TrainingStatus.Converged, result.Status);
        Assert.Equal(10, result.Iteration);
        Assert.Contains("gradient norm", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RelativeLossChange_Stalls()
    {
        TrainingResult result = new Trainer(Quadratic, new Sgd(0.01), new TrainerOptions { RelativeLossChangeTolerance = 0.05 }).Run([1.0, 0.0]);

        // Relative change 1 − 0.99² = 0.0199 < 0.05 already at k = 1.
        Assert.Equal(TrainingStatus.Stalled, result.Status);
        Assert.Equal(1, result.Iteration);
    }

    [Fact]
    public void Run_CancelledFromProgressCallback_StopsAtNextIteration()
    {
        using var cancellation = new CancellationTokenSource();
        var seen = new List<int>();
        var options = new TrainerOptions
        {
            MaxIterations = 100,
            Progress = record =>
            {
                seen.Add(record.Iteration);
                if (record.Iteration == 3)
                {
                    cancellation.Cancel();
                }
            },
        };
        TrainingResult result = new Trainer(Quadratic, new Sgd(0.1), options).Run([1.0, 1.0], cancellation.Token);

        Assert.Equal(TrainingStatus.Cancelled, result.Status);
        Assert.Equal([0, 1, 2, 3], seen);
        Assert.Equal(4, result.Iteration);

        // θ₄ = 0.9⁴ θ₀, the parameters about to be evaluated.
        Assert.Equal(Math.Pow(0.9, 4), result.Parameters[0], 1e-15);
    }

    [Fact]
    public void Run_NonFiniteGradient_DivergesKeepingLastFiniteParameters()
    {
        // The loss is finite everywhere but the gradient overflows once θ₀ > 10: Sgd(η = 3) from 1 goes 1 → −2 → 4 → −8 → 16.
        var objective = new QuadraticObjective { GradientOverflowAbove = 10.0 };
        TrainingResult result = new Trainer(objective, new Sgd(3.0), new TrainerOptions { MaxIterations = 50 }).Run([1.0, 0.0]);

        Assert.Equal(TrainingStatus.Diverged, result.Status);
        Assert.Equal(4, result.DivergedAtIteration);
        Assert.Equal(-8.0, result.Parameters[0]);
        Assert.Equal(32.0, result.Loss);
        Assert.Equal(4, result.History.Count);
        Assert.Contains("iteration 4", result.Reason, StringComparison.Ordinal);
        Assert.Contains("gradient component 0", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OptimizerThrowsOptimizerException_DivergesWithItsMessage()
    {
        // All terminal states zero: the variance-corrected rule would divide by σ_t² = 0.
        var objective = new QuadraticObjective { ZeroTerminalStates = true };
        TrainingResult result = new Trainer(objective, new VarianceCorrected(0.5)).Run([1.0, 2.0]);

        Assert.Equal(TrainingStatus.Diverged, result.Status);
        Assert.Equal(0, result.DivergedAtIteration);
        Assert.Equal([1.0, 2.0], result.Parameters);
        Assert.Contains("σ_t² is zero", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void History_WriteCsv_UsesInvariantRoundTripDoubles()
    {
        TrainingResult result = new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 1 }).Run([0.1, 1.0 / 3.0]);
        string csv = result.History.ToCsv(["p", "q"]);
        string[] lines = csv.Split('\n');

        Assert.Equal("iteration,loss,gradient_norm,terminal_variance,step_norm,effective_step_size,p,q", lines[0]);
        string[] first = lines[1].Split(',');
        Assert.Equal(result.History[0].Loss, double.Parse(first[1], CultureInfo.InvariantCulture));
        Assert.Equal(1.0 / 3.0, double.Parse(first[7], CultureInfo.InvariantCulture));
        Assert.Equal("NaN", lines[2].Split(',')[4]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Run_WrongParameterCount_ThrowsNamingIt()
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(() => new Trainer(Quadratic, new Sgd(0.1)).Run([1.0]));

        Assert.Equal("initialParameters", exception.ParamName);
    }

    [Fact]
    public void Constructor_CheckpointIntervalWithoutPath_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { CheckpointInterval = 5 }));
    }

    [Fact]
    public void Run_CheckpointPath_WritesFileThatLoads()
    {
        string directory = Directory.CreateTempSubdirectory("nog-trainer-").FullName;
        try
        {
            string path = Path.Combine(directory, "run.json");
            new Trainer(Quadratic, new Sgd(0.1), new TrainerOptions { MaxIterations = 3, CheckpointPath = path }).Run([1.0, 1.0]);
            TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(path);

            Assert.Equal(3, checkpoint.Iteration);
            Assert.Equal(3, checkpoint.History.Count);
            Assert.Equal(["run.json", "run.json.history"], Array.ConvertAll(Directory.GetFiles(directory), Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Run_UserDefinedOptimizer_NeedsNoTrainerChangesAndResumes()
    {
        // Sign descent θ ← θ − h·sign(g): from (1, −1) with h = 0.25 every coordinate moves 0.25 towards 0 per step.
        TrainingResult straight = new Trainer(Quadratic, new SignDescent(0.25), new TrainerOptions { MaxIterations = 3 }).Run([1.0, -1.0]);
        TrainingCheckpoint checkpoint = new Trainer(Quadratic, new SignDescent(0.25), new TrainerOptions { MaxIterations = 1 }).Run([1.0, -1.0]).Checkpoint!;
        TrainingResult resumed = new Trainer(Quadratic, new SignDescent(0.25), new TrainerOptions { MaxIterations = 3 })
            .Resume(TrainingCheckpoint.FromJson(checkpoint.ToJson()));

        Assert.Equal([0.25, -0.25], straight.Parameters);
        Assert.Equal(straight.Parameters, resumed.Parameters);
        Assert.Equal(3, resumed.History.Count - 1);
    }

    private sealed class SignDescent(double stepSize) : IOptimizer
    {
        private long _steps;

        public string Name => "SignDescent";

        public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, in OptimizerContext context)
        {
            for (int k = 0; k < parameters.Length; k++)
            {
                parameters[k] -= stepSize * Math.Sign(gradient[k]);
            }

            _steps++;
        }

        public OptimizerState GetState() => new(Name, _steps, new Dictionary<string, double[]>());

        public void SetState(OptimizerState state) => _steps = state.StepCount;
    }

    internal sealed class QuadraticObjective : ITrainingObjective
    {
        public double GradientOverflowAbove { get; init; } = double.PositiveInfinity;

        public bool ZeroTerminalStates { get; init; }

        public int ParameterCount => 2;

        public int StateCount => 2;

        public int SampleCount => 1;

        public double Horizon => 1.0;

        public bool CanProvideSensitivities => false;

        public void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result)
        {
            result.Loss = EvaluateLoss(parameters);
            for (int k = 0; k < 2; k++)
            {
                result.Gradient[k] = parameters[k] > GradientOverflowAbove ? double.PositiveInfinity : parameters[k];
                result.TerminalStates[k] = ZeroTerminalStates ? 0.0 : parameters[k];
            }
        }

        public double EvaluateLoss(ReadOnlySpan<double> parameters) =>
            0.5 * ((parameters[0] * parameters[0]) + (parameters[1] * parameters[1]));
    }
}
