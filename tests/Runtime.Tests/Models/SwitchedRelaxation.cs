using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// <c>ẋ = −k·x + u(t)</c> with a forcing that switches on at <c>t = 1</c> (<c>u = 0</c> before, 1 from then on): a
/// right-hand side with a jump, for the solvers' stop times. Solution: <c>x0·e^{−kt}</c> up to 1, then
/// <c>1/k + (x(1) − 1/k)·e^{−k(t − 1)}</c>.
/// </summary>
public struct SwitchedRelaxation : IOdeModel<SwitchedRelaxation>
{
    public const double SwitchTime = 1.0;

    public static int StateCount => 1;

    public static int ParameterCount => 1;

    public static OdeModelInfo Info { get; } = new("SwitchedRelaxation", ["x"], ["k"], "t", ["-k*x + Heaviside(t - 1)"], ["-k"], ["-x"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => dxdt[0] = (-p[0] * x[0]) + Forcing(t);

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = -p[0];

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => jp[0] = -x[0];

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = -v[0] * p[0];
        vjp[0] = -v[0] * x[0];
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        df[0] = (-p[0] * dx[0]) - (x[0] * dp[0]);

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => dxdt[0] = (-p[0] * x[0]) + Forcing(t);

    /// <summary>The exact solution from <c>x(0) = x0</c>.</summary>
    public static double Exact(double t, double x0, double k)
    {
        if (t < SwitchTime)
        {
            return x0 * Math.Exp(-k * t);
        }

        double atSwitch = x0 * Math.Exp(-k * SwitchTime);
        return (1.0 / k) + ((atSwitch - (1.0 / k)) * Math.Exp(-k * (t - SwitchTime)));
    }

    private static double Forcing(double t) => t >= SwitchTime ? 1.0 : 0.0;
}
