using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Runtime.Tests.Events.Models;

/// <summary>
/// Decay <c>ẋ = −a·x</c> ending when <c>x</c> falls through the level <c>c</c> (a parameter): the terminal event
/// <c>g = x − c</c> (<c>∂g/∂x = 1</c>, <c>∂g/∂c = −1</c>) has its root at <c>t* = ln(x0/c)/a</c>, so
/// <c>∂t*/∂a = −ln(x0/c)/a²</c> and <c>∂t*/∂c = −1/(a·c)</c>.
/// </summary>
public partial struct HandThreshold : IOdeEvents<HandThreshold>
{
    private static readonly EventInfo[] EventList = [new("Level", EventDirection.Falling, terminal: true, null, "x - c", [])];

    public static int EventCount => 1;

    public static IReadOnlyList<EventInfo> Events => EventList;

    [Dynamics]
    public static double Rhs(double x, [Param] double a, [Param] double c) => -a * x;

    public static void EvaluateEvents(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g) => g[0] = x[0] - p[1];

    public static double EventGradient(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gx, Span<double> gp)
    {
        gx[0] = 1.0;
        gp[0] = 0.0;
        gp[1] = -1.0;
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

    public static void EvaluateEventsDual(Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> g) => g[0] = x[0] - p[1];

    public static void ApplyJumpDual(int index, Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> xPlus) => x.CopyTo(xPlus);
}
