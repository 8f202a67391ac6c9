using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Verification.Tests.Events;

/// <summary>A generated model with time in its dynamics and three events (time-dependent jump, no jump, jump without time).</summary>
public partial struct KickedOscillator
{
    [Dynamics]
    public static (double, double) Rhs([Time] double t, double x, double y, [Param] double a, [Param] double b)
        => (y * Math.Cos(t), -a * x - b * y);

    [Event(Direction = EventDirection.Rising, Jump = nameof(Kick))]
    public static double Phase([Time] double t, double x, double y, [Param] double a, [Param] double b) => Math.Sin(t) * x + a * y * y - b;

    public static (double, double) Kick([Time] double t, double x, double y, [Param] double a, [Param] double b)
        => (x + Math.Exp(-t) * a, y * Math.Cos(t) - b * x * x);

    [Event]
    public static double Level(double x, double y, [Param] double a, [Param] double b) => Math.Exp(x) * y - a;

    [Event(Terminal = true, Jump = nameof(Reset))]
    public static double Stop(double x, double y, [Param] double a, [Param] double b) => Math.Tanh(x * y) - 0.5;

    public static (double, double) Reset(double x, double y, [Param] double a, [Param] double b) => (x / Math.Sqrt(x * x + y * y), a * y);
}

/// <summary>A generated model without time in its dynamics whose event and jump read the time (named <c>s</c>).</summary>
public partial struct Refilled
{
    [Dynamics]
    public static double Rhs(double x, [Param] double k) => -k * x;

    [Event(Jump = nameof(Refill))]
    public static double Threshold([Time] double s, double x, [Param] double k) => x - 0.25 * Math.Exp(-s * k);

    public static double Refill([Time] double s, double x, [Param] double k) => x + Math.Sin(s) / k;
}

/// <summary>
/// <see cref="Refilled"/> with one planted fault: its event gradient's time derivative is off by 0.5 (every other member
/// delegates to the generated code), so the verifier must fail exactly the ∂g/∂t rows.
/// </summary>
public readonly struct WrongTimeDerivative : IOdeModel<WrongTimeDerivative>, IOdeEvents<WrongTimeDerivative>
{
    public static int StateCount => Refilled.StateCount;

    public static int ParameterCount => Refilled.ParameterCount;

    public static OdeModelInfo Info => Refilled.Info;

    public static int EventCount => Refilled.EventCount;

    public static IReadOnlyList<EventInfo> Events => Refilled.Events;

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => Refilled.Evaluate(t, x, p, dxdt);

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => Refilled.StateJacobian(t, x, p, jx);

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => Refilled.ParameterJacobian(t, x, p, jp);

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp) =>
        Refilled.VectorJacobianProduct(t, x, p, v, vjx, vjp);

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        Refilled.JacobianVectorProduct(t, x, p, dx, dp, df);

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => Refilled.EvaluateDual(t, x, p, dxdt);

    public static void EvaluateEvents(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> g) => Refilled.EvaluateEvents(t, x, p, g);

    public static double EventGradient(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> gx, Span<double> gp) =>
        Refilled.EventGradient(index, t, x, p, gx, gp) + 0.5;

    public static void ApplyJump(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> xPlus) => Refilled.ApplyJump(index, t, x, p, xPlus);

    public static void JumpJacobianVectorProduct(
        int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, double dt, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> dxPlus) =>
        Refilled.JumpJacobianVectorProduct(index, t, x, p, dt, dx, dp, dxPlus);

    public static double JumpVectorJacobianProduct(int index, double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp) =>
        Refilled.JumpVectorJacobianProduct(index, t, x, p, v, vjx, vjp);

    public static void EvaluateEventsDual(Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> g) => Refilled.EvaluateEventsDual(t, x, p, g);

    public static void ApplyJumpDual(int index, Dual t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> xPlus) => Refilled.ApplyJumpDual(index, t, x, p, xPlus);
}
