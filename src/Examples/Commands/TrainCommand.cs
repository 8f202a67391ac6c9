using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using NeuralOdeGen.Examples.Cli;
using NeuralOdeGen.Examples.Models;
using NeuralOdeGen.Examples.Paper;
using NeuralOdeGen.Examples.Training;
using Spectre.Console;

namespace NeuralOdeGen.Examples.Commands;

/// <summary><c>neuralode train MODEL</c>: fits an example model to data sampled from its true parameters.</summary>
internal static class TrainCommand
{
    /// <summary>The exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it); the checkpoint is written.</summary>
    public const int CancelledExitCode = 130;

    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "The model: " + string.Join(", ", ExampleModels.Catalogue.Keys) + "." };
        var optimizer = new Option<string>("--optimizer") { Description = "Optimizer: " + string.Join(", ", Optimizers.Catalogue.Keys) + ".", DefaultValueFactory = _ => "gauss-newton" };
        var learningRate = new Option<double?>("--lr") { Description = "Learning rate (default: the optimizer's own, e.g. 1 for gauss-newton, 0.05 for adam)." };
        var iterations = new Option<int>("--iterations") { Description = "Maximum optimizer steps.", DefaultValueFactory = _ => 100 };
        var solver = new Option<string>("--solver") { Description = "ODE solver: " + string.Join(", ", Solvers.Catalogue.Keys) + ".", DefaultValueFactory = _ => "rk4" };
        var sensitivity = new Option<string?>("--sensitivity") { Description = "Gradient method: " + string.Join(", ", Sensitivities.Catalogue.Keys) + " (default: forward for gauss-newton, discrete-adjoint otherwise)." };
        var samples = new Option<int>("--samples") { Description = "Number of sampled trajectories.", DefaultValueFactory = _ => 32 };
        var noise = new Option<double>("--noise") { Description = "Standard deviation of Gaussian noise on the observations.", DefaultValueFactory = _ => 0.0 };
        var seed = new Option<int>("--seed") { Description = "Random seed of initial states and noise.", DefaultValueFactory = _ => 0 };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file (default: OUT/checkpoint.json); written every 10 steps, at the end and on Ctrl-C." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run saved in this checkpoint file." };
        var output = new Option<string?>("--out") { Description = "Output directory (default: out/train/MODEL)." };

        var command = new Command("train", "Fit an example model to data sampled from its true parameters; writes history.csv, loss and trajectory plots.")
        {
            model, optimizer, learningRate, iterations, solver, sensitivity, samples, noise, seed, checkpoint, resume, output,
        };
        command.SetAction(parse =>
        {
            double? rate = parse.GetValue(learningRate);
            var options = new TrainOptions
            {
                Model = parse.GetValue(model) ?? "",
                Optimizer = parse.GetValue(optimizer) ?? "gauss-newton",
                LearningRate = rate is double r ? ValueParsing.Positive(r, "--lr") : null,
                Iterations = ValueParsing.AtLeast(parse.GetValue(iterations), 0, "--iterations"),
                Solver = parse.GetValue(solver) ?? "rk4",
                Sensitivity = parse.GetValue(sensitivity),
                Samples = ValueParsing.AtLeast(parse.GetValue(samples), 1, "--samples"),
                Noise = ValueParsing.NonNegative(parse.GetValue(noise), "--noise"),
                Seed = parse.GetValue(seed),
                Checkpoint = parse.GetValue(checkpoint),
                Resume = parse.GetValue(resume),
                OutputDirectory = parse.GetValue(output),
            };
            return Execute(options, context);
        });
        return command;
    }

    public static int Execute(TrainOptions options, CliContext context)
    {
        ExampleModel model = Names.Lookup(ExampleModels.Catalogue, options.Model, "model");
        OdeSolver solver = Solvers.Create(options.Solver);
        IOptimizer optimizer = Optimizers.Create(options.Optimizer, options.LearningRate);
        ISensitivityMethod sensitivity = Sensitivities.Create(options.Sensitivity ?? (optimizer.RequiresSensitivities ? "forward" : "discrete-adjoint"));
        if (optimizer.RequiresSensitivities && !sensitivity.ProvidesSensitivities)
        {
            throw new UsageException($"--optimizer {options.Optimizer} needs per-sample sensitivities; use --sensitivity forward (not {options.Sensitivity}).");
        }

        string directory = Path.GetFullPath(options.OutputDirectory ?? Path.Combine("out", "train", model.Name));
        Directory.CreateDirectory(directory);
        string checkpointPath = Path.GetFullPath(options.Checkpoint ?? Path.Combine(directory, "checkpoint.json"));
        TrainingCheckpoint? resumeFrom = options.Resume is null ? null : TrainingCheckpoint.Load(options.Resume);

        ITrainingObjective objective = model.CreateObjective(options.Samples, options.Seed, options.Noise, solver, sensitivity);
        OdeModelInfo info = model.Info;
        IAnsiConsole console = context.Console;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Training {model.Name} ({info.ParameterCount} parameters, {options.Samples} trajectories, noise {options.Noise}) with {optimizer.Name}, {solver}, {sensitivity.Name}.")));

        TrainingResult result = context.Live
            ? RunLive(objective, optimizer, options, checkpointPath, model.InitialGuess, resumeFrom, info, context)
            : RunPlain(objective, optimizer, options, checkpointPath, model.InitialGuess, resumeFrom, info, context);

        string history = Path.Combine(directory, "history.csv");
        PaperFiles.WriteAtomically(history, result.History.ToCsv(info.ParameterNames));
        TrainingPlots.SaveLoss(result.History, $"{model.Name}: loss ({optimizer.Name})", Path.Combine(directory, "loss"), result.DivergedAtIteration);
        double[] firstInitialState = model.SampleInitialStates(1, options.Seed);
        TrainingPlots.SaveTrajectory(model, firstInitialState, result.Parameters, Path.Combine(directory, "trajectory"));

        console.Write(ResultTable(model, result));
        console.MarkupLine(Markup.Escape(FitVerdict.Describe(result, options.Noise, info.StateCount)));
        console.MarkupLine(Markup.Escape($"Wrote {history}, loss.png/.svg, trajectory.png/.svg in {directory}"));
        if (result.Status == TrainingStatus.Cancelled)
        {
            console.MarkupLine(Markup.Escape($"Checkpoint written to {checkpointPath}; continue with: neuralode train {model.Name} --resume {checkpointPath}"));
            return CancelledExitCode;
        }

        if (result.Status != TrainingStatus.Diverged)
        {
            console.MarkupLine(Markup.Escape($"Checkpoint: {checkpointPath}"));
        }

        return result.Status == TrainingStatus.Diverged ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static TrainingResult RunPlain(
        ITrainingObjective objective, IOptimizer optimizer, TrainOptions options, string checkpointPath, double[] initialGuess, TrainingCheckpoint? resumeFrom, OdeModelInfo info, CliContext context)
    {
        int every = Math.Max(1, options.Iterations / 20);
        TrainerOptions trainerOptions = TrainerOptionsFor(options, checkpointPath, record =>
        {
            if (record.Iteration % every == 0 || record.Iteration == options.Iterations)
            {
                context.Console.WriteLine(ProgressLine.Format(record, info));
            }
        });
        return Train(objective, optimizer, trainerOptions, initialGuess, resumeFrom, context);
    }

    private static TrainingResult RunLive(
        ITrainingObjective objective, IOptimizer optimizer, TrainOptions options, string checkpointPath, double[] initialGuess, TrainingCheckpoint? resumeFrom, OdeModelInfo info, CliContext context)
    {
        TrainingResult result = null!;
        context.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                ProgressTask task = progress.AddTask("starting", maxValue: Math.Max(1, options.Iterations));
                TrainerOptions trainerOptions = TrainerOptionsFor(options, checkpointPath, record =>
                {
                    task.Value = Math.Min(record.Iteration, options.Iterations);
                    task.Description = Markup.Escape(ProgressLine.Compact(record));
                });
                result = Train(objective, optimizer, trainerOptions, initialGuess, resumeFrom, context);
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static TrainerOptions TrainerOptionsFor(TrainOptions options, string checkpointPath, Action<TrainingRecord> progress) => new()
    {
        MaxIterations = options.Iterations,
        LossTolerance = options.LossTolerance,
        CheckpointPath = checkpointPath,
        CheckpointInterval = 10,
        Progress = progress,
    };

    private static TrainingResult Train(ITrainingObjective objective, IOptimizer optimizer, TrainerOptions trainerOptions, double[] initialGuess, TrainingCheckpoint? resumeFrom, CliContext context)
    {
        var trainer = new Trainer(objective, optimizer, trainerOptions);
        if (resumeFrom is null)
        {
            return trainer.Run(initialGuess, context.Cancellation);
        }

        try
        {
            return trainer.Resume(resumeFrom, context.Cancellation);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException("cannot resume: " + exception.Message, exception);
        }
    }

    private static Table ResultTable(ExampleModel model, TrainingResult result)
    {
        OdeModelInfo info = model.Info;
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("parameter", "true", "start", "fitted", "error");
        for (int k = 0; k < info.ParameterCount; k++)
        {
            table.AddRow(
                Markup.Escape(info.ParameterNames[k]),
                Number(model.TrueParameters[k]),
                Number(model.InitialGuess[k]),
                Number(result.Parameters[k]),
                (result.Parameters[k] - model.TrueParameters[k]).ToString("0.0e+00", CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static string Number(double value) => value.ToString("0.########", CultureInfo.InvariantCulture);
}
