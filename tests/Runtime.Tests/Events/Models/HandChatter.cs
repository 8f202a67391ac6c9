using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Runtime.Tests.Events.Models;

/// <summary>
/// <c>ẋ = a</c> with an event that chatters: <c>Wall</c> (<c>x − 1</c>, rising) jumps back to <c>x − 10⁻⁶</c>, just
/// before its own surface, so the flow brings it back after <c>10⁻⁶/a</c> and it fires again, without end.
/// </summary>
public partial struct HandChatter : IOdeEvents<HandChatter>
{
    private static readonly EventInfo[] EventList = [new("Wall", EventDirection.Rising, terminal: false, "Back", "x - 1", ["x - 1.0e-6"])];

    public static int EventCount => 1;

    public static IReadOnlyList<EventInfo> Events => EventList;

    [Dynamics]
    public static double Rhs(double x, [Param] double a) => a;

    public static void EvaluateEvents(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g) => g[0] = x[0] - 1.0;

    public static double EventGradient(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gx, Span<double> gp)
    {
        gx[0] = 1.0;
        gp.Clear();
        return 0.0;
    }

    public static void ApplyJump(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> xPlus) => xPlus[0] = x[0] - 1e-6;

    public static void JumpJacobianVectorProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, double dt, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> dxPlus) => dx.CopyTo(dxPlus);

    public static double JumpVectorJacobianProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        v.CopyTo(vjx);
        vjp.Clear();
        return 0.0;
    }

    public static void EvaluateEventsDual(Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> g) => g[0] = x[0] - 1.0;

    public static void ApplyJumpDual(int index, Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> xPlus) => xPlus[0] = x[0] - 1e-6;
}
