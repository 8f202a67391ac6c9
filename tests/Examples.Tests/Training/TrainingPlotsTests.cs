using System;
using System.Linq;
using NeuralOdeGen.Examples.Training;
using ScottPlot;

namespace NeuralOdeGen.Examples.Tests.Training;

/// <summary>The training loss plot, read from its plot model rather than its pixels.</summary>
public sealed class TrainingPlotsTests
{
    private static readonly TrainingHistory OneRecord = new([new TrainingRecord(0, 0.42, [0.5], 3.0, 1.0, double.NaN, double.NaN)]);

    [Fact]
    public void BuildLoss_OneRecord_DrawsItAsAMarker()
    {
        Plot plot = TrainingPlots.BuildLoss(OneRecord, "decay: loss (Sgd)").GetPlot(0);

        ScottPlot.Plottables.Scatter curve = Assert.Single(plot.GetPlottables<ScottPlot.Plottables.Scatter>());
        Coordinates point = Assert.Single(curve.Data.GetScatterPoints());
        Assert.Equal((0.0, Math.Log10(0.42)), (point.X, point.Y));
        Assert.True(curve.MarkerSize > 0, "a line through one point draws nothing");
    }

    [Fact]
    public void BuildLoss_DivergedRun_MarksTheIterationWhereItDiverged()
    {
        Plot plot = TrainingPlots.BuildLoss(OneRecord, "decay: loss (Sgd)", divergedAtIteration: 1).GetPlot(0);

        ScottPlot.Plottables.Marker marker = Assert.Single(plot.GetPlottables<ScottPlot.Plottables.Marker>());
        Assert.Equal(1.0, marker.Location.X);
        Assert.Contains("diverged at iteration 1", marker.LegendText, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildLoss_CompletedRun_HasNoDivergenceMarker()
    {
        var history = new TrainingHistory([
            new TrainingRecord(0, 1.0, [0.5], 3.0, 1.0, 0.1, 0.1),
            new TrainingRecord(1, 0.5, [0.4], 2.0, 1.0, 0.1, 0.1)]);

        Plot plot = TrainingPlots.BuildLoss(history, "decay: loss (Sgd)").GetPlot(0);

        Assert.Empty(plot.GetPlottables<ScottPlot.Plottables.Marker>());
        Assert.Equal(2, plot.GetPlottables<ScottPlot.Plottables.Scatter>().Single().Data.GetScatterPoints().Count);
    }
}
