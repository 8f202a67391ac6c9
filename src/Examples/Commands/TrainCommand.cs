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
    public const int CancelledExitCode = ExitCodes.Cancelled;

    /// <summary>The exit code of a run stopped by SIGTERM (128 + 15); the checkpoint, history and plots are written, as for Ctrl-C.</summary>
    public const int TerminatedExitCode = TerminationSignal.ExitCode;

    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "The model: " + string.Join(", ", ExampleModels.Catalogue.Keys) + "." };
        var optimizer = new Option<string?>("--optimizer") { Description = "Optimizer: " + string.Join(", ", Optimizers.Catalogue.Keys) + " (default: gauss-newton)." };
        var learningRate = new Option<double?>("--lr") { Description = "Learning rate (default: the optimizer's own, e.g. 1 for gauss-newton, 0.05 for adam)." };
        var iterations = new Option<int?>("--iterations") { Description = "Maximum optimizer steps (default: 100); with --resume, raise it to go further." };
        var solver = new Option<string?>("--solver") { Description = "ODE solver: " + string.Join(", ", Solvers.Catalogue.Keys) + " (default: rk4; rodas5p for the stiff models)." };
        var sensitivity = new Option<string?>("--sensitivity") { Description = "Gradient method: " + string.Join(", ", Sensitivities.Catalogue.Keys) + " (default: forward for gauss-newton or an implicit solver, discrete-adjoint otherwise)." };
        var samples = new Option<int?>("--samples") { Description = "Number of sampled trajectories (default: 32)." };
        var noise = new Option<double?>("--noise") { Description = "Standard deviation of Gaussian noise on the observations (default: 0)." };
        var seed = new Option<int?>("--seed") { Description = "Random seed of initial states and noise (default: 0)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file (default: OUT/checkpoint.json, or the --resume file); history beside it in FILE.history; written at the start, every 10 steps, at the end and on Ctrl-C/SIGTERM." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Let --checkpoint replace an existing file that is not a NeuralOdeGen checkpoint." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run saved in this checkpoint file, with the settings it recorded (other options only to confirm them; --iterations to go further)." };
        var output = new Option<string?>("--out") { Description = "Output directory (default: out/train/MODEL, or the resumed run's)." };

        var command = new Command("train", "Fit an example model to data sampled from its true parameters; writes history.csv, loss and trajectory plots.")
        {
            model, optimizer, learningRate, iterations, solver, sensitivity, samples, noise, seed, checkpoint, overwrite, resume, output,
        };
        command.SetAction(parse =>
        {
            var options = new TrainOptions
            {
                Model = parse.GetValue(model) ?? "",
                Optimizer = parse.GetValue(optimizer),
                LearningRate = parse.GetValue(learningRate) is double r ? ValueParsing.Positive(r, "--lr") : null,
                Iterations = parse.GetValue(iterations) is int n ? ValueParsing.AtLeast(n, 0, "--iterations") : null,
                Solver = parse.GetValue(solver),
                Sensitivity = parse.GetValue(sensitivity),
                Samples = parse.GetValue(samples) is int s ? ValueParsing.AtLeast(s, 1, "--samples") : null,
                Noise = parse.GetValue(noise) is double sd ? ValueParsing.NonNegative(sd, "--noise") : null,
                Seed = parse.GetValue(seed),
                Checkpoint = OptionalPath(parse.GetValue(checkpoint), "--checkpoint"),
                Overwrite = parse.GetValue(overwrite),
                Resume = OptionalPath(parse.GetValue(resume), "--resume"),
                OutputDirectory = OptionalPath(parse.GetValue(output), "--out"),
            };
            return Execute(options, context);
        });
        return command;
    }

    public static int Execute(TrainOptions options, CliContext context)
    {
        string? resumePath = options.Resume is null ? null : Path.GetFullPath(options.Resume);
        TrainingCheckpoint? resumeFrom = resumePath is null ? null : TrainingCheckpoint.Load(resumePath);
        TrainSettings settings = TrainSettings.Resolve(options, resumeFrom, resumePath);
        ExampleModel model = Names.Lookup(ExampleModels.Catalogue, settings.Model, "model");
        ValueParsing.SampleCount(settings.Samples, model.Info.StateCount, model.ObservationTimes.Length, "--samples");
        if (settings.Samples > model.MaxSamples)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--samples {settings.Samples} is more than {model.Name}'s data can supply: at most {model.MaxSamples}."));
        }

        OdeSolver solver = Solvers.CreateForGradients(settings.Solver, settings.Sensitivity);
        if (model.IsStiff && !solver.IsImplicit)
        {
            // An explicit solver's step is pinned by stability on these (Robertson: ~3e8 Dormand–Prince steps): refuse before any work.
            throw new UsageException(
                $"{model.Name} is stiff: it needs an implicit solver (rodas5p, rodas4, kvaerno5), not --solver {settings.Solver}; " +
                "'neuralode verify " + model.Name + "' checks its derivatives.");
        }

        IOptimizer optimizer = Optimizers.Create(settings.Optimizer, settings.LearningRate);
        ISensitivityMethod sensitivity = Sensitivities.Create(settings.Sensitivity);
        if (optimizer.RequiresSensitivities && !sensitivity.ProvidesSensitivities)
        {
            throw new UsageException($"--optimizer {settings.Optimizer} needs per-sample sensitivities; use --sensitivity forward (not {settings.Sensitivity}).");
        }

        // Every location is checked (and created) before the data are sampled and the first iteration runs.
        string directory = settings.OutputDirectory;
        string checkpointPath = Path.GetFullPath(options.Checkpoint ?? resumePath ?? Path.Combine(directory, "checkpoint.json"));
        TrainLocations.PrepareOutputDirectory(directory);
        TrainLocations.PrepareCheckpoint(checkpointPath, options.Overwrite);

        ITrainingObjective objective = model.CreateObjective(settings.Samples, settings.Seed, settings.Noise, solver, sensitivity);
        OdeModelInfo info = model.Info;
        IAnsiConsole console = context.Console;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Training {model.Name} ({info.ParameterCount} parameters, {settings.Samples} trajectories, seed {settings.Seed}, noise {settings.Noise}) with {optimizer.Name} (lr {settings.LearningRate}), {solver}, {sensitivity.Name}.")));
        if (resumeFrom is not null)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Resuming {resumePath} at iteration {resumeFrom.Iteration}, up to {settings.Iterations}.")));
        }

        // Registered until the outputs are written: SIGTERM during the plots waits for them instead of cutting them off.
        using var termination = new TerminationSignal(context.Cancellation);
        CliContext run = context with { Cancellation = termination.Token };
        var trainerOptions = new TrainerOptions
        {
            MaxIterations = settings.Iterations,
            LossTolerance = options.LossTolerance,
            CheckpointPath = checkpointPath,
            CheckpointInterval = 10,
            OverwriteCheckpoint = options.Overwrite,
            Settings = settings.ToRecord(),
        };
        TrainingResult result = context.Live
            ? RunLive(objective, optimizer, settings, trainerOptions, model.InitialGuessFor(settings.Seed), resumeFrom, run)
            : RunPlain(objective, optimizer, settings, trainerOptions, model.InitialGuessFor(settings.Seed), resumeFrom, info, run);
        return termination.Received
            ? Finish(model, optimizer, solver, settings, result, checkpointPath, context, TerminatedExitCode, "SIGTERM")
            : Finish(model, optimizer, solver, settings, result, checkpointPath, context, CancelledExitCode, "Ctrl-C");
    }

    private static int Finish(
        ExampleModel model, IOptimizer optimizer, OdeSolver solver, TrainSettings settings, TrainingResult result, string checkpointPath, CliContext context, int cancelledExitCode, string signal)
    {
        IAnsiConsole console = context.Console;
        TextWriter output = context.Output;
        OdeModelInfo info = model.Info;
        string directory = settings.OutputDirectory;
        string history = Path.Combine(directory, "history.csv");
        PaperFiles.WriteAtomically(history, result.History.ToCsv(info.ParameterNames));
        TrainingPlots.SaveLoss(result.History, $"{model.Name}: loss ({optimizer.Name})", Path.Combine(directory, "loss"), result.DivergedAtIteration);
        model.WriteFigures(directory, result.Parameters, settings.Seed, solver);

        console.Write(ResultTable(model, settings, result));

        // The noise floor is that of the trajectory MSE against the model's own data; a network's loss (the spiral's batch MAE) has none.
        console.MarkupLine(Markup.Escape(FitVerdict.Describe(result, model.HasTrueParameters ? settings.Noise : 0.0, info.StateCount)));
        int steps = CountSteps(result.History);
        if (result.UnchangedStepCount > 0 && result.Status != TrainingStatus.NoProgress)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Warning: {result.UnchangedStepCount} of {steps} {optimizer.Name} steps left the parameters unchanged (rejected by the optimizer).")));
        }

        console.MarkupLine(Markup.Escape($"Wrote {history}, loss.png/.svg, {model.FigureNames} in {directory}"));
        switch (result.Status)
        {
            case TrainingStatus.Cancelled:
                console.MarkupLine(Markup.Escape($"Stopped by {signal}. Checkpoint written to {checkpointPath}; continue with:"));

                // Unwrapped, on a line of its own, so that it can be copied however long the path is.
                output.WriteLine("  " + ResumeCommand(model, checkpointPath));
                return cancelledExitCode;
            case TrainingStatus.Diverged:
                console.MarkupLine(Markup.Escape(DivergedCheckpointLine(checkpointPath)));
                return ExitCodes.Failure;
            case TrainingStatus.NoProgress:
                console.MarkupLine(Markup.Escape($"Checkpoint: {checkpointPath}"));
                return ExitCodes.Failure;
            default:
                console.MarkupLine(Markup.Escape($"Checkpoint: {checkpointPath}"));
                return ExitCodes.Success;
        }
    }

    /// <summary>The command that continues the run: the checkpoint records every other setting.</summary>
    internal static string ResumeCommand(ExampleModel model, string checkpointPath) =>
        $"neuralode train {model.Name} --resume {Quote(checkpointPath)}";

    private static string Quote(string path) =>
        path.Length > 0 && path.AsSpan().IndexOfAny(" \t\"'$`\\;&|<>()*?[]{}!#~") < 0 ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // The trainer wrote this run's checkpoint at its start and every 10 steps; an older run's is never left behind.
    private static string DivergedCheckpointLine(string checkpointPath)
    {
        try
        {
            int iteration = TrainingCheckpoint.Load(checkpointPath).Iteration;
            return string.Create(CultureInfo.InvariantCulture,
                $"Checkpoint of this run before it diverged (iteration {iteration}; resuming it diverges again unless you change the settings): {checkpointPath}");
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return $"The checkpoint {checkpointPath} could not be read back: {exception.Message}";
        }
    }

    private static int CountSteps(TrainingHistory history)
    {
        int steps = 0;
        foreach (TrainingRecord record in history)
        {
            steps += double.IsNaN(record.StepNorm) ? 0 : 1;
        }

        return steps;
    }

    // An option not given stays null; one given must name a path.
    private static string? OptionalPath(string? value, string option) =>
        value is null ? null : ValueParsing.NonEmptyPath(value, option);

    private static TrainingResult RunPlain(
        ITrainingObjective objective, IOptimizer optimizer, TrainSettings settings, TrainerOptions trainerOptions, double[] initialGuess, TrainingCheckpoint? resumeFrom, OdeModelInfo info, CliContext context)
    {
        int every = Math.Max(1, settings.Iterations / 20);
        TrainerOptions withProgress = WithProgress(trainerOptions, record =>
        {
            if (record.Iteration % every == 0 || record.Iteration == settings.Iterations)
            {
                context.Console.WriteLine(ProgressLine.Format(record, info));
            }
        });
        return Train(objective, optimizer, withProgress, initialGuess, resumeFrom, context);
    }

    private static TrainingResult RunLive(
        ITrainingObjective objective, IOptimizer optimizer, TrainSettings settings, TrainerOptions trainerOptions, double[] initialGuess, TrainingCheckpoint? resumeFrom, CliContext context)
    {
        TrainingResult result = null!;
        context.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                ProgressTask task = progress.AddTask("starting", maxValue: Math.Max(1, settings.Iterations));
                TrainerOptions withProgress = WithProgress(trainerOptions, record =>
                {
                    task.Value = Math.Min(record.Iteration, settings.Iterations);
                    task.Description = Markup.Escape(ProgressLine.Compact(record));
                });
                result = Train(objective, optimizer, withProgress, initialGuess, resumeFrom, context);
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static TrainerOptions WithProgress(TrainerOptions options, Action<TrainingRecord> progress) => new()
    {
        MaxIterations = options.MaxIterations,
        LossTolerance = options.LossTolerance,
        CheckpointPath = options.CheckpointPath,
        CheckpointInterval = options.CheckpointInterval,
        OverwriteCheckpoint = options.OverwriteCheckpoint,
        Settings = options.Settings,
        Progress = progress,
    };

    private static TrainingResult Train(ITrainingObjective objective, IOptimizer optimizer, TrainerOptions trainerOptions, double[] initialGuess, TrainingCheckpoint? resumeFrom, CliContext context)
    {
        var trainer = new Trainer(objective, optimizer, trainerOptions);
        try
        {
            return resumeFrom is null ? trainer.Run(initialGuess, context.Cancellation) : trainer.Resume(resumeFrom, context.Cancellation);
        }
        catch (ArgumentException exception) when (exception.ParamName == nameof(TrainerOptions.CheckpointPath))
        {
            // TrainLocations checked the same before; this is a race with another process.
            throw new UsageException("--checkpoint: " + exception.Message);
        }
        catch (ArgumentException exception) when (resumeFrom is not null)
        {
            throw new InvalidDataException("cannot resume: " + exception.Message, exception);
        }
    }

    private static Table ResultTable(ExampleModel model, TrainSettings settings, TrainingResult result)
    {
        OdeModelInfo info = model.Info;
        var table = new Table().Border(TableBorder.Rounded);
        if (!model.HasTrueParameters)
        {
            table.AddColumns("measure", "start", "fitted");
            foreach ((string measure, double start, double fitted) in model.DescribeFit(model.InitialGuessFor(settings.Seed), result.Parameters))
            {
                table.AddRow(Markup.Escape(measure), Number(start), Number(fitted));
            }

            return table;
        }

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
