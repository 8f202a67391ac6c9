using System.Globalization;
using Spectre.Console;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>The summary as Spectre.Console tables for the terminal.</summary>
internal static class PaperSummaryTable
{
    public static Table Runs(PaperReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Training from each a0 (η = " + report.Options.LearningRate.ToString(CultureInfo.InvariantCulture) + ")");
        table.AddColumns("method", "a0", "result", "why", "iter to tol", "final a", "final loss", "mean contr.", "last contr.");
        foreach (RunSummary run in report.Runs)
        {
            string colour = run.Verdict switch { RunVerdict.Converged => "green", RunVerdict.Slow or RunVerdict.Cancelled => "yellow", _ => "red" };
            table.AddRow(
                run.Method,
                run.InitialValue.ToString("0.##", CultureInfo.InvariantCulture),
                $"[{colour}]{Markup.Escape(PaperSummaryMarkdown.Verdict(run.Verdict))}[/]",
                Markup.Escape(run.Why),
                run.IterationsToTolerance?.ToString(CultureInfo.InvariantCulture) ?? "-",
                run.FinalRate.ToString("0.######", CultureInfo.InvariantCulture),
                run.FinalLoss.ToString("0.###e+00", CultureInfo.InvariantCulture),
                PaperSummaryMarkdown.Number(run.MeanContraction),
                PaperSummaryMarkdown.Number(run.AsymptoticContraction));
        }

        return table;
    }

    public static Table Theorem(PaperReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Theorem 5.1 check (variance-corrected)");
        table.AddColumns("η", "a0", "first step L1/L0", "last contr.", "paper 1-2η", "(1-η)²", "iter to tol");
        foreach (TheoremCheck check in report.Theorem)
        {
            table.AddRow(
                check.LearningRate.ToString(CultureInfo.InvariantCulture),
                check.InitialValue.ToString("0.##", CultureInfo.InvariantCulture),
                PaperSummaryMarkdown.Number(check.FirstStepContraction),
                PaperSummaryMarkdown.Number(check.AsymptoticContraction),
                PaperSummaryMarkdown.Number(check.PaperContraction),
                PaperSummaryMarkdown.Number(check.FirstOrderContraction),
                check.IterationsToTolerance?.ToString(CultureInfo.InvariantCulture) ?? "-");
        }

        return table;
    }
}
