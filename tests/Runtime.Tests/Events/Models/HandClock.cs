using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Runtime.Tests.Events.Models;

/// <summary>
/// <c>ẋ = a</c> with four events on <c>x</c>, none with a jump: <c>Rise</c> (<c>x − 0.3</c>, rising), <c>Fall</c>
/// (<c>x − 0.5</c>, falling), and the terminal <c>Late</c> (<c>x − 0.8</c>) and <c>Early</c> (<c>x − 0.75</c>), either
/// direction. With <c>a = 1</c> and <c>x(0) = 0</c>, <c>x = t</c>: every root is its level.
/// </summary>
public partial struct HandClock : IOdeEvents<HandClock>
{
    private static readonly double[] Levels = [0.3, 0.5, 0.8, 0.75];

    private static readonly EventInfo[] EventList =
    [
        new("Rise", EventDirection.Rising, terminal: false, null, "x - 0.3", []),
        new("Fall", EventDirection.Falling, terminal: false, null, "x - 0.5", []),
        new("Late", EventDirection.Either, terminal: true, null, "x - 0.8", []),
        new("Early", EventDirection.Either, terminal: true, null, "x - 0.75", []),
    ];

    public static int EventCount => 4;

    public static IReadOnlyList<EventInfo> Events => EventList;

    [Dynamics]
    public static double Rhs(double x, [Param] double a) => a;

    public static void EvaluateEvents(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g)
    {
        for (int e = 0; e < Levels.Length; e++)
        {
            g[e] = x[0] - Levels[e];
        }
    }

    public static double EventGradient(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gx, Span<double> gp)
    {
        gx[0] = 1.0;
        gp.Clear();
        return 0.0;
    }

    public static void ApplyJump(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> xPlus) => x.CopyTo(xPlus);

    public static void JumpJacobianVectorProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, double dt, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> dxPlus) => dx.CopyTo(dxPlus);

    public static double JumpVectorJacobianProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        v.CopyTo(vjx);
        vjp.Clear();
        return 0.0;
    }

    public static void EvaluateEventsDual(Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> g)
    {
        for (int e = 0; e < Levels.Length; e++)
        {
            g[e] = x[0] - Levels[e];
        }
    }

    public static void ApplyJumpDual(int index, Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> xPlus) => x.CopyTo(xPlus);
}
