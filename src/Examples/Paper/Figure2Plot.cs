using System;
using System.Collections.Generic;
using System.Globalization;
using NeuralOdeGen.Examples.Plotting;
using ScottPlot;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>
/// Draws the paper's Figure 2: the loss (log axis, top row) and the parameter a (bottom row) against the
/// iteration, one column per method, one colour per initial value. A run that stopped after one record shows as a dot;
/// a diverged run has an × at the iteration where it diverged.
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

    public static void Save(PaperReport report, string pathWithoutExtension) =>
        FigureFile.Save(Build(report), pathWithoutExtension, 1500, 800);

    /// <summary>Builds the figure: plots 0–2 are the loss panels, 3–5 the parameter panels, in the order of <see cref="Columns"/>.</summary>
    public static Multiplot Build(PaperReport report)
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

            foreach (PaperTrajectory run in report.Experiment.Trajectories)
            {
                if (run.Method != Columns[column].Method)
                {
                    continue;
                }

                Color color = CurveColors.At(IndexOf(initialValues, run.InitialValue));
                string label = "a0 = " + run.InitialValue.ToString("0.##", CultureInfo.InvariantCulture);
                TrainingHistory history = run.Result.History;
                if (history.Count > 0)
                {
                    double[] iterations = new double[history.Count];
                    double[] logLoss = new double[history.Count];
                    double[] rates = new double[history.Count];
                    for (int k = 0; k < history.Count; k++)
                    {
                        iterations[k] = history[k].Iteration;
                        logLoss[k] = Math.Log10(Math.Max(history[k].Loss, LossFloor));
                        rates[k] = history[k].Parameters[0];
                    }

                    // A line through one point draws nothing: a run that stopped after one record shows as a dot.
                    float markerSize = history.Count == 1 ? 8 : 0;
                    var lossLine = loss.Add.ScatterLine(iterations, logLoss, color);
                    lossLine.LineWidth = 2;
                    lossLine.MarkerSize = markerSize;
                    lossLine.LegendText = label;
                    var rateLine = rate.Add.ScatterLine(iterations, rates, color);
                    rateLine.LineWidth = 2;
                    rateLine.MarkerSize = markerSize;
                    rateLine.LegendText = string.Empty;
                }

                if (run.Result.DivergedAtIteration is int diverged)
                {
                    // An × where the loss or the step stopped being finite: on the loss panel at the top edge (the loss is off
                    // the scale), on the parameter panel at the last finite a.
                    var lossMark = loss.Add.Marker(diverged, lossHigh - 0.5, MarkerShape.Eks, 14, color);
                    lossMark.LegendText = string.Create(CultureInfo.InvariantCulture, $"{label}: diverged at iteration {diverged}");
                    var rateMark = rate.Add.Marker(diverged, run.Result.Parameters[0], MarkerShape.Eks, 14, color);
                    rateMark.LegendText = string.Empty;
                }
            }

            double lastIteration = report.Options.Iterations;
            loss.Axes.SetLimits(-0.5, lastIteration + 0.5, lossLow, lossHigh);
            rate.Axes.SetLimits(-0.5, lastIteration + 0.5, rateLow, rateHigh);
            loss.Legend.Alignment = Alignment.LowerLeft;
            if (column == 0)
            {
                loss.ShowLegend();
            }
        }

        return figure;
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

        // Every run diverged before recording a loss: any range will do for the markers alone.
        return double.IsFinite(low) ? (Math.Floor(low) - 0.5, Math.Ceiling(high) + 0.5) : (-1.0, 1.0);
    }

    private static (double Low, double High) RateRange(PaperExperimentResult experiment, double targetRate)
    {
        double low = targetRate;
        double high = targetRate;
        foreach (PaperTrajectory run in experiment.Trajectories)
        {
            low = Math.Min(low, run.InitialValue);
            high = Math.Max(high, run.InitialValue);
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
