using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>Predator–prey: <c>ẋ = αx − βxy</c>, <c>ẏ = δxy − γy</c>, parameters (α, β, δ, γ).</summary>
public struct LotkaVolterra : IOdeModel<LotkaVolterra>
{
    public static int StateCount => 2;

    public static int ParameterCount => 4;

    public static OdeModelInfo Info { get; } = new(
        "LotkaVolterra",
        ["prey", "predator"],
        ["alpha", "beta", "delta", "gamma"],
        null,
        ["alpha*prey - beta*prey*predator", "delta*prey*predator - gamma*predator"],
        ["alpha - beta*predator", "-beta*prey", "delta*predator", "delta*prey - gamma"],
        ["prey", "-prey*predator", "0", "0", "0", "0", "prey*predator", "-predator"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt)
    {
        double prey = x[0];
        double predator = x[1];
        dxdt[0] = (p[0] * prey) - (p[1] * prey * predator);
        dxdt[1] = (p[2] * prey * predator) - (p[3] * predator);
    }

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
    {
        jx[0] = p[0] - (p[1] * x[1]);
        jx[1] = -p[1] * x[0];
        jx[2] = p[2] * x[1];
        jx[3] = (p[2] * x[0]) - p[3];
    }

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        double product = x[0] * x[1];
        jp[0] = x[0];
        jp[1] = -product;
        jp[2] = 0.0;
        jp[3] = 0.0;
        jp[4] = 0.0;
        jp[5] = 0.0;
        jp[6] = product;
        jp[7] = -x[1];
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        double product = x[0] * x[1];
        vjx[0] = (v[0] * (p[0] - (p[1] * x[1]))) + (v[1] * p[2] * x[1]);
        vjx[1] = (-v[0] * p[1] * x[0]) + (v[1] * ((p[2] * x[0]) - p[3]));
        vjp[0] = v[0] * x[0];
        vjp[1] = -v[0] * product;
        vjp[2] = v[1] * product;
        vjp[3] = -v[1] * x[1];
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df)
    {
        double product = x[0] * x[1];
        df[0] = ((p[0] - (p[1] * x[1])) * dx[0]) - (p[1] * x[0] * dx[1]) + (x[0] * dp[0]) - (product * dp[1]);
        df[1] = (p[2] * x[1] * dx[0]) + (((p[2] * x[0]) - p[3]) * dx[1]) + (product * dp[2]) - (x[1] * dp[3]);
    }

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt)
    {
        dxdt[0] = (p[0] * x[0]) - (p[1] * x[0] * x[1]);
        dxdt[1] = (p[2] * x[0] * x[1]) - (p[3] * x[1]);
    }
}
