using System;
using System.Linq;
using NeuralOdeGen.Examples.Paper;
using ScottPlot;

namespace NeuralOdeGen.Examples.Tests.Paper;

/// <summary>What Figure 2 draws, read from its plot model rather than its pixels.</summary>
public sealed class Figure2PlotTests
{
    [Fact]
    public void Build_SgdDivergesAfterOneRecord_DrawsThePointAndMarksTheDivergence()
    {
        // From a₀ = 20 the loss e^{40}-scale is finite, but the first SGD step throws a to ~−1e17·…, and the next loss or step
        // is not finite: SGD's history holds the single record of iteration 0.
        PaperReport report = PaperReproduction.Run(new PaperOptions { Samples = 8, Iterations = 5, InitialValues = [-3.0, 20.0], TheoremLearningRates = [0.5] });
        PaperTrajectory sgd = Assert.Single(report.Experiment.Trajectories, t => t.Method == "Sgd" && t.InitialValue == 20.0);
        Assert.Equal(TrainingStatus.Diverged, sgd.Result.Status);
        Assert.Single(sgd.Result.History);

        Multiplot figure = Figure2Plot.Build(report);

        foreach (Plot panel in new[] { figure.GetPlot(0), figure.GetPlot(3) })
        {
            // The one-point curve is visible: a scatter with one point must carry a marker (a line through one point draws nothing).
            ScottPlot.Plottables.Scatter[] onePoint = panel.GetPlottables<ScottPlot.Plottables.Scatter>()
                .Where(s => s.Data.GetScatterPoints().Count == 1).ToArray();
            Assert.NotEmpty(onePoint);
            Assert.All(onePoint, s => Assert.True(s.MarkerSize > 0, "a single point needs a marker"));

            // And the divergence is marked where it happened.
            ScottPlot.Plottables.Marker diverged = Assert.Single(panel.GetPlottables<ScottPlot.Plottables.Marker>());
            Assert.Equal(1.0, diverged.Location.X);
        }

        Assert.Contains("diverged", figure.GetPlot(0).GetPlottables<ScottPlot.Plottables.Marker>().Single().LegendText, StringComparison.Ordinal);
    }
}
