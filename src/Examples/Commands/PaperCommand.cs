using System.CommandLine;
using System.Globalization;
using NeuralOdeGen.Examples.Cli;
using NeuralOdeGen.Examples.Paper;
using Spectre.Console;

namespace NeuralOdeGen.Examples.Commands;

/// <summary>
/// <c>neuralode paper</c>: reproduces the seed paper's Figures 1 and 2 and checks Theorem 5.1. Ctrl-C stops the
/// training promptly, writes the files from what was computed and exits with <see cref="ExitCodes.Cancelled"/> (130).
/// </summary>
internal static class PaperCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = new PaperOptions();
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => defaults.OutputDirectory };
        var samples = new Option<int>("--samples") { Description = "Number of samples x0 ~ N(0, 1).", DefaultValueFactory = _ => defaults.Samples };
        var iterations = new Option<int>("--iterations") { Description = "Optimizer steps per run.", DefaultValueFactory = _ => defaults.Iterations };
        var seed = new Option<int>("--seed") { Description = "Random seed of the samples.", DefaultValueFactory = _ => defaults.Seed };
        var solver = new Option<string>("--solver") { Description = "ODE solver: " + string.Join(", ", Solvers.Catalogue.Keys) + ".", DefaultValueFactory = _ => defaults.Solver };
        var sensitivity = new Option<string>("--sensitivity") { Description = "Gradient method: " + string.Join(", ", Sensitivities.Catalogue.Keys) + " (the paper's Algorithm 1 is 'adjoint').", DefaultValueFactory = _ => defaults.Sensitivity };
        var initial = new Option<string>("--initial") { Description = "Comma-separated initial values of a (use --initial=-3,-2,1).", DefaultValueFactory = _ => string.Join(',', defaults.InitialValues) };
        var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate η shared by every method.", DefaultValueFactory = _ => defaults.LearningRate };
        var horizon = new Option<double>("--horizon") { Description = "Horizon t.", DefaultValueFactory = _ => defaults.Horizon };

        var command = new Command("paper", "Reproduce the seed paper: loss landscapes (Fig. 1), SGD vs Adam vs variance-corrected (Fig. 2), Theorem 5.1 check.")
        {
            output, samples, iterations, seed, solver, sensitivity, initial, learningRate, horizon,
        };
        command.SetAction(parse =>
        {
            var options = new PaperOptions
            {
                OutputDirectory = ValueParsing.NonEmptyPath(parse.GetValue(output), "--out"),
                Samples = ValueParsing.SampleCount(parse.GetValue(samples), stateCount: 1, observationCount: 1, "--samples"),
                Iterations = ValueParsing.AtLeast(parse.GetValue(iterations), 1, "--iterations"),
                Seed = parse.GetValue(seed),
                Solver = parse.GetValue(solver) ?? defaults.Solver,
                Sensitivity = parse.GetValue(sensitivity) ?? defaults.Sensitivity,
                InitialValues = ValueParsing.ParseList(parse.GetValue(initial) ?? "", "--initial"),
                LearningRate = ValueParsing.Positive(parse.GetValue(learningRate), "--learning-rate"),
                Horizon = ValueParsing.Positive(parse.GetValue(horizon), "--horizon"),
            };
            Solvers.CreateForGradients(options.Solver, options.Sensitivity);
            Sensitivities.Create(options.Sensitivity);
            return Execute(options, context);
        });
        return command;
    }

    public static int Execute(PaperOptions options, CliContext context)
    {
        IAnsiConsole console = context.Console;
        const string Started = "Training SGD, Adam and the variance-corrected rule… (Ctrl-C stops and writes what is done)";
        PaperReport report = null!;
        if (context.Live)
        {
            console.Status().Start(Started, _ => report = PaperReproduction.Run(options, context.Cancellation));
        }
        else
        {
            console.WriteLine(Started);
            report = PaperReproduction.Run(options, context.Cancellation);
        }

        var files = PaperFiles.Write(report);
        console.Write(PaperSummaryTable.Runs(report));
        console.Write(PaperSummaryTable.Theorem(report));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Variance-corrected near a*: measured contraction vs paper 1-2η = {1 - (2 * options.LearningRate):0.####} and first-order (1-η)² = {(1 - options.LearningRate) * (1 - options.LearningRate):0.####}.")));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Computed in {report.Seconds:0.0} s with {report.SolverDescription} and {report.SensitivityName}. Wrote:")));
        foreach (string file in files)
        {
            console.MarkupLine("  " + Markup.Escape(file));
        }

        if (report.Cancelled)
        {
            console.MarkupLine(Markup.Escape("Cancelled: the runs stopped at Ctrl-C; the files hold what was computed (runs marked 'cancelled')."));
            return ExitCodes.Cancelled;
        }

        return ExitCodes.Success;
    }
}
