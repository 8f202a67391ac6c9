using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Training;

/// <summary>
/// The paper's <c>dx/dt = a·x</c>, written out by hand (what the generator emits for DESIGN §3's <c>Decay</c>) so
/// the training tests do not depend on the generator.
/// </summary>
internal struct DecayModel : IOdeModel<DecayModel>
{
    public static int StateCount => 1;

    public static int ParameterCount => 1;

    public static OdeModelInfo Info { get; } = new("DecayModel", ["x"], ["a"], null, ["a*x"], ["a"], ["x"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => dxdt[0] = p[0] * x[0];

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => jx[0] = p[0];

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => jp[0] = x[0];

    public static void VectorJacobianProduct(
        double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        vjx[0] = v[0] * p[0];
        vjp[0] = v[0] * x[0];
    }

    public static void JacobianVectorProduct(
        double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        df[0] = (p[0] * dx[0]) + (x[0] * dp[0]);

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => dxdt[0] = p[0] * x[0];
}

/// <summary>Lotka–Volterra (DESIGN §3) by hand: prey' = αx − βxy, predator' = δxy − γy; θ = (α, β, δ, γ).</summary>
internal struct LotkaVolterraModel : IOdeModel<LotkaVolterraModel>
{
    public static int StateCount => 2;

    public static int ParameterCount => 4;

    public static OdeModelInfo Info { get; } = new(
        "LotkaVolterraModel",
        ["prey", "predator"],
        ["alpha", "beta", "delta", "gamma"],
        null,
        ["alpha*prey - beta*prey*predator", "delta*prey*predator - gamma*predator"],
        ["alpha - beta*predator", "-beta*prey", "delta*predator", "delta*prey - gamma"],
        ["prey", "-prey*predator", "0", "0", "0", "0", "prey*predator", "-predator"]);

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt)
    {
        double xy = x[0] * x[1];
        dxdt[0] = (p[0] * x[0]) - (p[1] * xy);
        dxdt[1] = (p[2] * xy) - (p[3] * x[1]);
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
        double xy = x[0] * x[1];
        jp.Clear();
        jp[0] = x[0];
        jp[1] = -xy;
        jp[6] = xy;
        jp[7] = -x[1];
    }

    public static void VectorJacobianProduct(
        double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        double xy = x[0] * x[1];
        vjx[0] = (v[0] * (p[0] - (p[1] * x[1]))) + (v[1] * p[2] * x[1]);
        vjx[1] = (-v[0] * p[1] * x[0]) + (v[1] * ((p[2] * x[0]) - p[3]));
        vjp[0] = v[0] * x[0];
        vjp[1] = -v[0] * xy;
        vjp[2] = v[1] * xy;
        vjp[3] = -v[1] * x[1];
    }

    public static void JacobianVectorProduct(
        double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df)
    {
        double xy = x[0] * x[1];
        df[0] = ((p[0] - (p[1] * x[1])) * dx[0]) - (p[1] * x[0] * dx[1]) + (x[0] * dp[0]) - (xy * dp[1]);
        df[1] = (p[2] * x[1] * dx[0]) + (((p[2] * x[0]) - p[3]) * dx[1]) + (xy * dp[2]) - (x[1] * dp[3]);
    }

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt)
    {
        Dual xy = x[0] * x[1];
        dxdt[0] = (p[0] * x[0]) - (p[1] * xy);
        dxdt[1] = (p[2] * xy) - (p[3] * x[1]);
    }
}
