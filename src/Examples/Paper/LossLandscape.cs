using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>One point of the paper's Figure 1: the terminal loss of <c>f(x) = a·x</c> against <c>f*(x) = a*·x</c>.</summary>
internal readonly record struct LandscapePoint(string Panel, double Horizon, double TargetRate, double Rate, double Loss);

/// <summary>
/// The closed-form loss landscape of the paper's simplest model (eq. 5):
/// <c>Loss(a) = σ²/2 · (e^{a t} − e^{a* t})²</c>, concave for <c>a &lt; a* − ln 2 / t</c>.
/// </summary>
internal static class LossLandscape
{
    /// <summary>Panel (a): the horizons of Fig. 1(a), with <c>a* = −1</c>.</summary>
    public static readonly double[] PanelAHorizons = [0.5, 1.0, 2.0, 3.0];

    /// <summary>Panel (b): the targets of Fig. 1(b), with <c>t = 1</c>.</summary>
    public static readonly double[] PanelBTargets = [-2.0, -1.0, -0.5, 0.5];

    /// <summary>The terminal loss for initial variance <paramref name="variance"/>.</summary>
    public static double Loss(double rate, double targetRate, double horizon, double variance)
    {
        double difference = Math.Exp(rate * horizon) - Math.Exp(targetRate * horizon);
        return 0.5 * variance * difference * difference;
    }

    /// <summary>Where the loss stops being convex: it is concave for <c>a</c> below this value.</summary>
    public static double ConcavityBoundary(double targetRate, double horizon) => targetRate - (Math.Log(2.0) / horizon);

    /// <summary>Evaluates both panels of Figure 1 on <paramref name="count"/> equally spaced rates in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public static List<LandscapePoint> Figure1(double variance, double from = -4.0, double to = 2.0, int count = 241)
    {
        var points = new List<LandscapePoint>((PanelAHorizons.Length + PanelBTargets.Length) * count);
        foreach (double horizon in PanelAHorizons)
        {
            AddCurve(points, "a", horizon, -1.0, variance, from, to, count);
        }

        foreach (double target in PanelBTargets)
        {
            AddCurve(points, "b", 1.0, target, variance, from, to, count);
        }

        return points;
    }

    private static void AddCurve(List<LandscapePoint> points, string panel, double horizon, double target, double variance, double from, double to, int count)
    {
        for (int i = 0; i < count; i++)
        {
            double rate = from + ((to - from) * i / (count - 1));
            points.Add(new LandscapePoint(panel, horizon, target, rate, Loss(rate, target, horizon, variance)));
        }
    }
}
