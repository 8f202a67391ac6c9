using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Runtime.Tests.Events.Models;

/// <summary>
/// A point <c>ẋ = a</c> and a wall at <c>b·t</c> that catches it: the event <c>Wall</c> is <c>g = x − b·t</c> falling
/// (<c>∂g/∂t = −b</c>, <c>∂g/∂b = −t</c>), its jump <c>x ↦ x + k·t</c> (<c>∂J/∂t = k</c>, <c>∂J/∂k = t</c>) pushes the
/// point ahead again. From <c>x(0) = x0</c> the events are at <c>t_j = t_1·r^{j−1}</c>, <c>t_1 = x0/(b − a)</c>,
/// <c>r = 1 + k/(b − a)</c> — forwards for <c>x0 &gt; 0</c>, backwards in time for <c>x0 &lt; 0</c>. Exercises every
/// time derivative of the contract.
/// </summary>
public partial struct HandMovingWall : IOdeEvents<HandMovingWall>
{
    private static readonly EventInfo[] EventList = [new("Wall", EventDirection.Falling, terminal: false, "Push", "x - b*t", ["x + k*t"])];

    public static int EventCount => 1;

    public static IReadOnlyList<EventInfo> Events => EventList;

    [Dynamics]
    public static double Rhs(double x, [Param] double a, [Param] double b, [Param] double k) => a;

    public static void EvaluateEvents(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g) => g[0] = x[0] - (p[1] * t);

    public static double EventGradient(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gx, Span<double> gp)
    {
        gx[0] = 1.0;
        gp[0] = 0.0;
        gp[1] = -t;
        gp[2] = 0.0;
        return -p[1];
    }

    public static void ApplyJump(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> xPlus) => xPlus[0] = x[0] + (p[2] * t);

    public static void JumpJacobianVectorProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, double dt, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> dxPlus) =>
        dxPlus[0] = dx[0] + (p[2] * dt) + (t * dp[2]);

    public static double JumpVectorJacobianProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = v[0];
        vjp[0] = 0.0;
        vjp[1] = 0.0;
        vjp[2] = t * v[0];
        return p[2] * v[0];
    }

    public static void EvaluateEventsDual(Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> g) => g[0] = x[0] - (p[1] * t);

    public static void ApplyJumpDual(int index, Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> xPlus) => xPlus[0] = x[0] + (p[2] * t);
}
