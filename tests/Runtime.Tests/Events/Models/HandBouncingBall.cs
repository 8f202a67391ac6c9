using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Runtime.Tests.Events.Models;

/// <summary>
/// A ball under gravity, <c>ḣ = v, v̇ = −g</c>, bouncing on the floor: event <c>Floor</c> is <c>h</c> falling through 0,
/// its jump <c>(h, v) ↦ (h, −e·v)</c>. The dynamics are generated; the events and their derivatives are written by hand
/// (<c>∂g/∂x = (1, 0)</c>, <c>∂g/∂θ = 0</c>; <c>∂J/∂x = [[1, 0], [0, −e]]</c>, <c>∂J/∂θ = [[0, 0], [−v, 0]]</c>).
/// </summary>
public partial struct HandBouncingBall : IOdeEvents<HandBouncingBall>
{
    private static readonly EventInfo[] EventList = [new("Floor", EventDirection.Falling, terminal: false, "Bounce", "h", ["h", "-e*v"])];

    public static int EventCount => 1;

    public static IReadOnlyList<EventInfo> Events => EventList;

    [Dynamics]
    public static (double H, double V) Rhs(double h, double v, [Param] double e, [Param] double g) => (v, -g);

    public static void EvaluateEvents(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g) => g[0] = x[0];

    public static double EventGradient(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gx, Span<double> gp)
    {
        gx[0] = 1.0;
        gx[1] = 0.0;
        gp.Clear();
        return 0.0;
    }

    public static void ApplyJump(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> xPlus)
    {
        xPlus[0] = x[0];
        xPlus[1] = -p[0] * x[1];
    }

    public static void JumpJacobianVectorProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, double dt, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> dxPlus)
    {
        dxPlus[0] = dx[0];
        dxPlus[1] = (-p[0] * dx[1]) - (x[1] * dp[0]);
    }

    public static double JumpVectorJacobianProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = v[0];
        vjx[1] = -p[0] * v[1];
        vjp[0] = -x[1] * v[1];
        vjp[1] = 0.0;
        return 0.0;
    }

    public static void EvaluateEventsDual(Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> g) => g[0] = x[0];

    public static void ApplyJumpDual(int index, Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> xPlus)
    {
        xPlus[0] = x[0];
        xPlus[1] = -p[0] * x[1];
    }
}
