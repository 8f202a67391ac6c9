using System;
using System.Collections.Generic;
using System.Globalization;
using NeuralOdeGen.Examples.Plotting;
using ScottPlot;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>
/// Draws the paper's Figure 2: the loss (log axis, top row) and the parameter a (bottom row) against the
/// iteration, one column per method, one colour per initial value.
/// </summary>
internal static class Figure2Plot
{
    private static readonly (string Method, string Title)[] Columns =
    [
        ("Sgd", "SGD"),
        ("Adam", "Adam"),
        ("VarianceCorrected", "Variance-corrected (ours)"),
    ];

    // Losses at or below this are drawn on it: log10 of an exact zero is −∞.
    private const double LossFloor = 1e-30;

    public static void Save(PaperReport report, string pathWithoutExtension)
    {
        var figure = new Multiplot();
        figure.AddPlots(6);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 3);

        IReadOnlyList<double> initialValues = report.Options.InitialValues;
        (double lossLow, double lossHigh) = LossRange(report.Experiment);
        (double rateLow, double rateHigh) = RateRange(report.Experiment, report.Options.TargetRate);
        char panel = 'a';
        for (int column = 0; column < Columns.Length; column++)
        {
            Plot loss = figure.GetPlot(column);
            Plot rate = figure.GetPlot(column + 3);
            loss.Title($"({panel}) Loss ({Columns[column].Title})");
            rate.Title($"({(char)(panel + 3)}) Parameter ({Columns[column].Title})");
            panel++;
            loss.XLabel("iteration");
            loss.YLabel("Loss(a)");
            rate.XLabel("iteration");
            rate.YLabel("a   (grey line: a*)");
            FigureFile.UseLogScaleOnLeftAxis(loss);

            var target = rate.Add.HorizontalLine(report.Options.TargetRate, 1, Colors.Black.WithAlpha(0.5));
            target.LegendText = string.Empty;

            int colour = 0;
            foreach (PaperTrajectory run in report.Experiment.Trajectories)
            {
                if (run.Method != Columns[column].Method)
                {
                    continue;
                }

                colour = IndexOf(initialValues, run.InitialValue);
                TrainingHistory history = run.Result.History;
                double[] iterations = new double[history.Count];
                double[] logLoss = new double[history.Count];
                double[] rates = new double[history.Count];
                for (int k = 0; k < history.Count; k++)
                {
                    iterations[k] = history[k].Iteration;
                    logLoss[k] = Math.Log10(Math.Max(history[k].Loss, LossFloor));
                    rates[k] = history[k].Parameters[0];
                }

                Color color = CurveColors.At(colour);
                var lossLine = loss.Add.ScatterLine(iterations, logLoss, color);
                lossLine.LineWidth = 2;
                lossLine.LegendText = "a0 = " + run.InitialValue.ToString("0.##", CultureInfo.InvariantCulture);
                var rateLine = rate.Add.ScatterLine(iterations, rates, color);
                rateLine.LineWidth = 2;
                rateLine.LegendText = string.Empty;
            }

            double lastIteration = report.Options.Iterations;
            loss.Axes.SetLimits(0, lastIteration, lossLow, lossHigh);
            rate.Axes.SetLimits(0, lastIteration, rateLow, rateHigh);
            loss.Legend.Alignment = Alignment.LowerLeft;
            if (column == 0)
            {
                loss.ShowLegend();
            }
        }

        FigureFile.Save(figure, pathWithoutExtension, 1500, 800);
    }

    private static int IndexOf(IReadOnlyList<double> values, double value)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return 0;
    }

    private static (double Low, double High) LossRange(PaperExperimentResult experiment)
    {
        double low = double.PositiveInfinity;
        double high = double.NegativeInfinity;
        foreach (PaperTrajectory run in experiment.Trajectories)
        {
            foreach (TrainingRecord record in run.Result.History)
            {
                double value = Math.Log10(Math.Max(record.Loss, LossFloor));
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }
        }

        return (Math.Floor(low) - 0.5, Math.Ceiling(high) + 0.5);
    }

    private static (double Low, double High) RateRange(PaperExperimentResult experiment, double targetRate)
    {
        double low = targetRate;
        double high = targetRate;
        foreach (PaperTrajectory run in experiment.Trajectories)
        {
            foreach (TrainingRecord record in run.Result.History)
            {
                low = Math.Min(low, record.Parameters[0]);
                high = Math.Max(high, record.Parameters[0]);
            }
        }

        double margin = 0.05 * (high - low) + 0.1;
        return (low - margin, high + margin);
    }
}
