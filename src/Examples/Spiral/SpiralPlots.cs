using System;
using System.Collections.Generic;
using System.Numerics;
using NeuralOdeGen.Examples.Models;
using NeuralOdeGen.Examples.Plotting;
using ScottPlot;

namespace NeuralOdeGen.Examples.Spiral;

/// <summary>
/// The figures of <c>ode_demo.py</c>'s <c>visualize</c>: the trajectories against time, the phase portrait of the true
/// and the learned spiral from <c>[2, 0]</c>, and the learned vector field next to the true one.
/// </summary>
internal static class SpiralPlots
{
    private const int GridPoints = 21;
    private const double GridHalfWidth = 2.0;

    /// <summary>Writes <c>trajectory.png/.svg</c> (y₀(t), y₁(t)) and <c>phase.png/.svg</c> (portrait and vector fields).</summary>
    public static void Save<TNet>(ReadOnlySpan<double> trueTrajectory, ReadOnlySpan<double> learned, OdeSolver solver, string directory)
        where TNet : struct, IOdeModel<TNet>
    {
        double[] times = SpiralData.Times();
        double[]? fit = TrySolve<TNet>(learned, times, solver);
        FigureFile.Save(BuildTrajectory(times, trueTrajectory, fit), System.IO.Path.Combine(directory, "trajectory"), 900, 640);
        FigureFile.Save(BuildPhase<TNet>(trueTrajectory, fit, learned), System.IO.Path.Combine(directory, "phase"), 1500, 520);
    }

    /// <summary>Builds the three-panel phase figure: the portraits, then the true and the learned vector field on [−2, 2]².</summary>
    public static Multiplot BuildPhase<TNet>(ReadOnlySpan<double> trueTrajectory, double[]? learnedTrajectory, ReadOnlySpan<double> learned)
        where TNet : struct, IOdeModel<TNet>
    {
        var figure = new Multiplot();
        figure.AddPlots(3);
        figure.Layout = new ScottPlot.MultiplotLayouts.Columns();
        Plot portrait = figure.GetPlot(0);
        AddPath(portrait, trueTrajectory, Colors.Black.WithAlpha(0.35), 6, "true spiral");
        if (learnedTrajectory is not null)
        {
            AddPath(portrait, learnedTrajectory, CurveColors.At(3), 2, "learned");
        }

        portrait.Title("Phase portrait from (2, 0)");
        portrait.XLabel("y₀");
        portrait.YLabel("y₁");
        portrait.ShowLegend(Edge.Bottom);

        (List<RootedCoordinateVector> truth, List<RootedCoordinateVector> model) = VectorFields<TNet>(learned);
        AddField(figure.GetPlot(1), truth, Colors.Black.WithAlpha(0.6), "True vector field (y³)A");
        AddField(figure.GetPlot(2), model, CurveColors.At(3), "Learned vector field");
        return figure;
    }

    /// <summary>Builds y₀(t) and y₁(t), true and learned (the learned ones left out when the solve failed).</summary>
    public static Multiplot BuildTrajectory(ReadOnlySpan<double> times, ReadOnlySpan<double> trueTrajectory, double[]? learnedTrajectory)
    {
        var figure = new Multiplot();
        figure.AddPlots(2);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        for (int j = 0; j < 2; j++)
        {
            Plot plot = figure.GetPlot(j);
            var trueLine = plot.Add.ScatterLine(times.ToArray(), Component(trueTrajectory, j), Colors.Black.WithAlpha(0.35));
            trueLine.LineWidth = 6;
            trueLine.LegendText = "true";
            if (learnedTrajectory is not null)
            {
                var fitLine = plot.Add.ScatterLine(times.ToArray(), Component(learnedTrajectory, j), CurveColors.At(3));
                fitLine.LineWidth = 2;
                fitLine.LegendText = "learned";
            }

            plot.Title($"spiral: y{(j == 0 ? "₀" : "₁")}(t)");
            plot.XLabel("t");
            plot.Legend.Alignment = Alignment.UpperRight;
            plot.ShowLegend();
        }

        return figure;
    }

    // Both fields at the same grid points.
    private static (List<RootedCoordinateVector> Truth, List<RootedCoordinateVector> Learned) VectorFields<TNet>(ReadOnlySpan<double> learned)
        where TNet : struct, IOdeModel<TNet>
    {
        var truth = new List<RootedCoordinateVector>(GridPoints * GridPoints);
        var model = new List<RootedCoordinateVector>(GridPoints * GridPoints);
        Span<double> y = stackalloc double[2];
        Span<double> rate = stackalloc double[2];
        for (int i = 0; i < GridPoints; i++)
        {
            for (int j = 0; j < GridPoints; j++)
            {
                y[0] = -GridHalfWidth + (2 * GridHalfWidth * i / (GridPoints - 1));
                y[1] = -GridHalfWidth + (2 * GridHalfWidth * j / (GridPoints - 1));
                var point = new Coordinates(y[0], y[1]);
                SpiralTruth.Evaluate(0.0, y, [], rate);
                truth.Add(new RootedCoordinateVector(point, new Vector2((float)rate[0], (float)rate[1])));
                TNet.Evaluate(0.0, y, learned, rate);
                model.Add(new RootedCoordinateVector(point, new Vector2((float)rate[0], (float)rate[1])));
            }
        }

        return (truth, model);
    }

    private static void AddField(Plot plot, List<RootedCoordinateVector> vectors, Color color, string title)
    {
        plot.Add.VectorField(vectors, color);
        plot.Title(title);
        plot.XLabel("y₀");
        plot.YLabel("y₁");
    }

    private static double[]? TrySolve<TNet>(ReadOnlySpan<double> parameters, double[] times, OdeSolver solver)
        where TNet : struct, IOdeModel<TNet>
    {
        double[] outputs = new double[times.Length * 2];
        try
        {
            new OdeIntegrator<TNet>(solver).Solve(0.0, times, SpiralData.InitialState, parameters, outputs);
            return outputs;
        }
        catch (OdeSolverException)
        {
            return null;
        }
    }

    private static void AddPath(Plot plot, ReadOnlySpan<double> trajectory, Color color, float width, string label)
    {
        var line = plot.Add.ScatterLine(Component(trajectory, 0), Component(trajectory, 1), color);
        line.LineWidth = width;
        line.LegendText = label;
    }

    private static double[] Component(ReadOnlySpan<double> trajectory, int j)
    {
        double[] values = new double[trajectory.Length / 2];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = trajectory[(2 * k) + j];
        }

        return values;
    }
}
