using System;
using NeuralOdeGen.Examples.Models;
using NeuralOdeGen.Examples.Plotting;
using ScottPlot;

namespace NeuralOdeGen.Examples.Training;

/// <summary>The loss curve and the fitted-versus-true trajectory of a training run.</summary>
internal static class TrainingPlots
{
    private const double LossFloor = 1e-30;

    /// <summary>Writes <c>loss.png</c>/<c>.svg</c>; see <see cref="BuildLoss"/>.</summary>
    public static void SaveLoss(TrainingHistory history, string title, string pathWithoutExtension, int? divergedAtIteration = null) =>
        FigureFile.Save(BuildLoss(history, title, divergedAtIteration), pathWithoutExtension, 800, 500);

    /// <summary>
    /// Builds the loss figure (one plot): log10 of the loss against the iteration, a dot when there is one record, and an ×
    /// labelled "diverged at iteration k" at the top edge when <paramref name="divergedAtIteration"/> is given.
    /// </summary>
    public static Multiplot BuildLoss(TrainingHistory history, string title, int? divergedAtIteration = null)
    {
        var figure = new Multiplot();
        figure.AddPlots(1);
        Plot plot = figure.GetPlot(0);
        double[] iterations = new double[history.Count];
        double[] logLoss = new double[history.Count];
        double top = double.NegativeInfinity;
        double bottom = double.PositiveInfinity;
        for (int k = 0; k < history.Count; k++)
        {
            iterations[k] = history[k].Iteration;
            logLoss[k] = Math.Log10(Math.Max(history[k].Loss, LossFloor));
            top = Math.Max(top, logLoss[k]);
            bottom = Math.Min(bottom, logLoss[k]);
        }

        if (history.Count > 0)
        {
            var line = plot.Add.ScatterLine(iterations, logLoss, CurveColors.At(0));
            line.LineWidth = 2;

            // A line through one point draws nothing (e.g. a run that diverged at its first step).
            line.MarkerSize = history.Count == 1 ? 8 : 0;
        }

        if (divergedAtIteration is int diverged)
        {
            // The loss that was not finite is off any scale: mark the iteration above the highest finite loss, and keep
            // every point inside the frame (not under the legend, which goes below the plot).
            double y = double.IsFinite(top) ? Math.Ceiling(top) + 1 : 0.0;
            var marker = plot.Add.Marker(diverged, y, MarkerShape.Eks, 14, Colors.Red);
            marker.LegendText = $"diverged at iteration {diverged}";
            double lastIteration = history.Count > 0 ? Math.Max(iterations[^1], diverged) : diverged;
            double low = double.IsFinite(bottom) ? Math.Floor(bottom) : y - 1;
            plot.Axes.SetLimits(-0.5, lastIteration + 0.5, low - 0.5, y + 0.5);
            plot.ShowLegend(Edge.Bottom);
        }

        plot.Title(title);
        plot.XLabel("iteration");
        plot.YLabel("loss");
        FigureFile.UseLogScaleOnLeftAxis(plot);
        return figure;
    }

    public static void SaveTrajectory(ExampleModel model, ReadOnlySpan<double> initialState, ReadOnlySpan<double> fitted, string pathWithoutExtension)
    {
        OdeModelInfo info = model.Info;
        int n = info.StateCount;
        const int Points = 200;
        double horizon = model.ObservationTimes[^1];
        double[] times = new double[Points];
        for (int i = 0; i < Points; i++)
        {
            times[i] = horizon * (i + 1) / Points;
        }

        double[] truth = model.Solve(initialState, model.TrueParameters, times);
        double[] fit = model.Solve(initialState, fitted, times);
        var figure = new Multiplot();
        figure.AddPlots(n);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        for (int j = 0; j < n; j++)
        {
            Plot plot = figure.GetPlot(j);
            double[] t = new double[Points + 1];
            double[] trueState = new double[Points + 1];
            double[] fitState = new double[Points + 1];
            t[0] = 0.0;
            trueState[0] = initialState[j];
            fitState[0] = initialState[j];
            for (int i = 0; i < Points; i++)
            {
                t[i + 1] = times[i];
                trueState[i + 1] = truth[(i * n) + j];
                fitState[i + 1] = fit[(i * n) + j];
            }

            var trueLine = plot.Add.ScatterLine(t, trueState, Colors.Black.WithAlpha(0.35));
            trueLine.LineWidth = 6;
            trueLine.LegendText = "true parameters";
            var fitLine = plot.Add.ScatterLine(t, fitState, CurveColors.At(3));
            fitLine.LineWidth = 2;
            fitLine.LegendText = "fitted parameters";
            plot.Title($"{model.Name}: {info.StateNames[j]}(t)");
            plot.XLabel("t");
            plot.YLabel(info.StateNames[j]);
            plot.Legend.Alignment = Alignment.UpperRight;
            plot.ShowLegend();
        }

        FigureFile.Save(figure, pathWithoutExtension, 900, 320 * n);
    }
}
