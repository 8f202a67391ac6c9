using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NeuralOdeGen.Examples.Plotting;
using ScottPlot;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>Draws the paper's Figure 1: the loss landscape for several horizons (a) and several targets (b).</summary>
internal static class Figure1Plot
{
    public static void Save(IReadOnlyList<LandscapePoint> points, string pathWithoutExtension)
    {
        var figure = new Multiplot();
        figure.AddPlots(2);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();

        DrawPanel(figure.GetPlot(0), points, "a", "(a) varying t, a* = -1", static p => $"t = {Format(p.Horizon)}");
        DrawPanel(figure.GetPlot(1), points, "b", "(b) varying a*, t = 1", static p => $"a* = {Format(p.TargetRate)}");
        FigureFile.Save(figure, pathWithoutExtension, 1200, 500);
    }

    private static void DrawPanel(Plot plot, IReadOnlyList<LandscapePoint> points, string panel, string title, System.Func<LandscapePoint, string> label)
    {
        plot.Title(title);
        plot.XLabel("a   (thin lines: a* − ln2/t; the loss is concave left of them)");
        plot.YLabel("Loss(a)");
        var curves = points.Where(p => p.Panel == panel).GroupBy(p => (p.Horizon, p.TargetRate)).ToList();
        double yMax = 0.0;
        for (int i = 0; i < curves.Count; i++)
        {
            LandscapePoint[] curve = [.. curves[i]];
            LandscapePoint first = curve[0];
            Color color = CurveColors.At(i);
            var line = plot.Add.ScatterLine(curve.Select(p => p.Rate).ToArray(), curve.Select(p => p.Loss).ToArray(), color);
            line.LegendText = label(first);
            line.LineWidth = 2;

            // The minimum sits at a = a* (loss 0); the loss is concave left of a* − ln2/t.
            var minimum = plot.Add.Marker(first.TargetRate, 0.0, MarkerShape.FilledCircle, 9, color);
            minimum.LegendText = string.Empty;
            // Solid and faint: Skia's SVG canvas cannot write dash patterns.
            var boundary = plot.Add.VerticalLine(LossLandscape.ConcavityBoundary(first.TargetRate, first.Horizon), 1, color.WithAlpha(0.45));
            boundary.LegendText = string.Empty;

            // Keep the view on the interesting range: the loss explodes like e^{2at} for large a.
            yMax = System.Math.Max(yMax, LossLandscape.Loss(first.TargetRate + 1.0, first.TargetRate, first.Horizon, 1.0));
        }

        plot.Axes.SetLimits(curves[0].First().Rate, curves[0].Last().Rate, -0.05 * yMax, yMax);
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
