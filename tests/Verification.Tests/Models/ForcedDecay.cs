using System;

namespace NeuralOdeGen.Verification.Tests.Models;

/// <summary>A fault to plant in <see cref="ForcedDecay{TFault}"/>: each flag breaks exactly one derivative path.</summary>
public interface IFault
{
    static abstract bool WrongInfoDerivative { get; }

    static abstract bool WrongInfoRightHandSide { get; }

    static abstract bool WrongStateJacobian { get; }

    static abstract bool WrongProducts { get; }

    static abstract bool WrongDual { get; }
}

public readonly struct NoFault : IFault
{
    public static bool WrongInfoDerivative => false;

    public static bool WrongInfoRightHandSide => false;

    public static bool WrongStateJacobian => false;

    public static bool WrongProducts => false;

    public static bool WrongDual => false;
}

public readonly struct WrongInfoDerivativeFault : IFault
{
    public static bool WrongInfoDerivative => true;

    public static bool WrongInfoRightHandSide => false;

    public static bool WrongStateJacobian => false;

    public static bool WrongProducts => false;

    public static bool WrongDual => false;
}

public readonly struct WrongInfoRightHandSideFault : IFault
{
    public static bool WrongInfoDerivative => false;

    public static bool WrongInfoRightHandSide => true;

    public static bool WrongStateJacobian => false;

    public static bool WrongProducts => false;

    public static bool WrongDual => false;
}

public readonly struct WrongStateJacobianFault : IFault
{
    public static bool WrongInfoDerivative => false;

    public static bool WrongInfoRightHandSide => false;

    public static bool WrongStateJacobian => true;

    public static bool WrongProducts => false;

    public static bool WrongDual => false;
}

public readonly struct WrongProductsFault : IFault
{
    public static bool WrongInfoDerivative => false;

    public static bool WrongInfoRightHandSide => false;

    public static bool WrongStateJacobian => false;

    public static bool WrongProducts => true;

    public static bool WrongDual => false;
}

public readonly struct WrongDualFault : IFault
{
    public static bool WrongInfoDerivative => false;

    public static bool WrongInfoRightHandSide => false;

    public static bool WrongStateJacobian => false;

    public static bool WrongProducts => false;

    public static bool WrongDual => true;
}

/// <summary>
/// Hand-written (not generated) model <c>dx/dt = −a·x² + b·sin(t)</c>, written independently of the generator so that
/// the verifier can be tested on its own; <typeparamref name="TFault"/> breaks one path on purpose.
/// </summary>
public readonly struct ForcedDecay<TFault> : IOdeModel<ForcedDecay<TFault>>
    where TFault : IFault
{
    private static readonly OdeModelInfo CorrectInfo = new(
        "ForcedDecay", ["x"], ["a", "b"], "t", ["-a*x**2 + b*sin(t)"], ["-2*a*x"], ["-x**2", "sin(t)"]);

    public static int StateCount => 1;

    public static int ParameterCount => 2;

    public static OdeModelInfo Info { get; } =
        TFault.WrongInfoDerivative ? new("ForcedDecay", ["x"], ["a", "b"], "t", ["-a*x**2 + b*sin(t)"], ["-a*x"], ["-x**2", "sin(t)"])
        : TFault.WrongInfoRightHandSide ? new("ForcedDecay", ["x"], ["a", "b"], "t", ["-a*x**2 + b*cos(t)"], ["-2*a*x"], ["-x**2", "sin(t)"])
        : CorrectInfo;

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) =>
        dxdt[0] = (-p[0] * x[0] * x[0]) + (p[1] * Math.Sin(t));

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) =>
        jx[0] = TFault.WrongStateJacobian ? -p[0] * x[0] : -2.0 * p[0] * x[0];

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        jp[0] = -x[0] * x[0];
        jp[1] = Math.Sin(t);
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = v[0] * -2.0 * p[0] * x[0];
        vjp[0] = v[0] * -x[0] * x[0];
        vjp[1] = v[0] * (TFault.WrongProducts ? Math.Cos(t) : Math.Sin(t));
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        df[0] = (-2.0 * p[0] * x[0] * dx[0]) - (x[0] * x[0] * dp[0]) + (Math.Sin(t) * dp[1]);

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) =>
        dxdt[0] = TFault.WrongDual
            ? (-p[0] * x[0] * x[0].Value) + (p[1] * Math.Sin(t)) // same value, half the x-derivative
            : (-p[0] * x[0] * x[0]) + (p[1] * Math.Sin(t));
}
