using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using NeuralOdeGen.Examples.Cli;
using NeuralOdeGen.Examples.Models;
using NeuralOdeGen.Verification;
using Spectre.Console;

namespace NeuralOdeGen.Examples.Commands;

/// <summary>
/// <c>neuralode verify [MODEL]</c>: the three-path derivative report — SymPy's proof, the compiled Jacobians and
/// products, the dual numbers — with finite differences as a floor, for one example model or all of them.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string?>("MODEL") { Description = "The model (default: every example model).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("verify", "Check the generated derivatives three independent ways (SymPy, compiled code, dual numbers).") { model };
        command.SetAction(parse => Execute(parse.GetValue(model), context));
        return command;
    }

    public static int Execute(string? modelName, CliContext context)
    {
        IReadOnlyCollection<ExampleModel> models = modelName is null
            ? [.. ExampleModels.Catalogue.Values]
            : [Names.Lookup(ExampleModels.Catalogue, modelName, "model")];
        IAnsiConsole console = context.Console;
        SymPyOracle oracle;
        try
        {
            oracle = new SymPyOracle();
        }
        catch (SymbolicOracleException exception)
        {
            // Most oracle messages already end with the install hint; print it once.
            string hint = exception.Message.Contains(SymPyOracle.InstallHint, System.StringComparison.Ordinal) ? "" : $" ({SymPyOracle.InstallHint})";
            context.Error.WriteLine($"neuralode: cannot start SymPy: {exception.Message}{hint}");
            return ExitCodes.Failure;
        }

        bool allPassed = true;
        using (oracle)
        {
            var verifier = new ModelVerifier(oracle);
            foreach (ExampleModel model in models)
            {
                VerificationReport report = verifier.Verify(model.ModelType);
                console.Write(Table(model, report));
                foreach (string failure in report.Failures)
                {
                    console.MarkupLine("[red]" + Markup.Escape(failure) + "[/]");
                }

                allPassed &= report.Passed;
                if (VerifyEvents(oracle, model.ModelType) is { } events)
                {
                    // The [Event] methods' generated members, against SymPy, dual numbers and central differences.
                    console.Write(new Text(events.ToText()));
                    allPassed &= events.Passed;
                }
            }

            console.MarkupLine(Markup.Escape("Oracle: " + oracle.Description));
        }

        return allPassed ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Runs <see cref="EventVerifier"/> on a model type with <c>[Event]</c> methods; null for one without.</summary>
    private static EventVerificationReport? VerifyEvents(ISymbolicOracle oracle, System.Type modelType)
    {
        if (modelType.GetInterface(typeof(IOdeEvents<>).Name) is null)
        {
            return null;
        }

        System.Reflection.MethodInfo verify = typeof(EventVerifier).GetMethod(nameof(EventVerifier.Verify))!.MakeGenericMethod(modelType);
        return (EventVerificationReport)verify.Invoke(new EventVerifier(oracle), null)!;
    }

    private static Table Table(ExampleModel model, VerificationReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{model.Name}: {(report.Passed ? "PASSED" : "FAILED")} at {report.Points.Count} points (errors: max abs/rel vs SymPy's values)")));
        table.AddColumns("entry", "generated", "SymPy proof", "compiled", "VJP/JVP", "dual", "finite diff", "result");
        foreach (EntryReport entry in report.Entries)
        {
            table.AddRow(
                Markup.Escape(entry.Entry.Label),
                Markup.Escape(entry.Generated),
                entry.Verdict == SymbolicVerdict.NotApplicable ? "-" : Markup.Escape(entry.Verdict.ToString().ToLowerInvariant()),
                Markup.Escape(entry.Compiled.Format()),
                Markup.Escape(entry.Products.Format()),
                Markup.Escape(entry.Dual.Format()),
                Markup.Escape(entry.FiniteDifference.Format()),
                entry.Passed ? "[green]ok[/]" : "[red]FAIL[/]");
        }

        return table;
    }
}
