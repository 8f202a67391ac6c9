using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// <c>ẋ₀ = a</c>, <c>ẋ₁ = b·x₀</c>, derivatives by hand. From <c>x(0) = (p, q)</c> the solution is polynomial,
/// <c>x₀ = p + a t</c>, <c>x₁ = q + b(p t + a t²/2)</c>, and so are its sensitivities
/// <c>∂x/∂(a, b) = [[t, 0], [b t²/2, p t + a t²/2]]</c> and the adjoint: every Runge–Kutta method of order ≥ 3 solves all
/// of them exactly, so gradients can be checked to rounding. The sensitivity matrix is not symmetric, so a transposed
/// layout shows.
/// </summary>
public struct Shear : IOdeModel<Shear>
{
    public static int StateCount => 2;

    public static int ParameterCount => 2;

    public static OdeModelInfo Info { get; } = new("Shear", ["x0", "x1"], ["a", "b"], null, ["a", "b*x0"], ["0", "0", "b", "0"], ["1", "0", "0", "x0"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt)
    {
        dxdt[0] = p[0];
        dxdt[1] = p[1] * x[0];
    }

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
    {
        jx[0] = 0.0;
        jx[1] = 0.0;
        jx[2] = p[1];
        jx[3] = 0.0;
    }

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        jp[0] = 1.0;
        jp[1] = 0.0;
        jp[2] = 0.0;
        jp[3] = x[0];
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = v[1] * p[1];
        vjx[1] = 0.0;
        vjp[0] = v[0];
        vjp[1] = v[1] * x[0];
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df)
    {
        df[0] = dp[0];
        df[1] = (p[1] * dx[0]) + (x[0] * dp[1]);
    }

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt)
    {
        dxdt[0] = p[0];
        dxdt[1] = p[1] * x[0];
    }
}
