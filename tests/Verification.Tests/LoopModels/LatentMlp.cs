using System;

namespace NeuralOdeGen.Verification.Tests.LoopModels;

/// <summary>
/// The 32-256-256-32 network of DESIGN §3a (tanh hidden layers, linear output): too large to unroll, so it keeps its loops
/// in this project's own build. <c>SymbolicCheckSizes</c> asks for the same method at N = 2, H = 2 as the nested
/// <c>SymbolicCheck</c> type, which SymPy checks.
/// </summary>
public partial struct LatentMlp
{
    public const int N = 32, H = 256;

    [Dynamics(SymbolicCheckSizes = "N=2, H=2")]
    public static void Rhs(
        [State(N)] ReadOnlySpan<double> x,
        [Param(H * N)] ReadOnlySpan<double> w1, [Param(H)] ReadOnlySpan<double> b1,
        [Param(H * H)] ReadOnlySpan<double> w2, [Param(H)] ReadOnlySpan<double> b2,
        [Param(N * H)] ReadOnlySpan<double> w3, [Param(N)] ReadOnlySpan<double> b3,
        Span<double> dxdt)
    {
        Span<double> h1 = stackalloc double[H];
        for (int j = 0; j < H; j++)
        {
            double s = b1[j];
            for (int i = 0; i < N; i++)
            {
                s += w1[(j * N) + i] * x[i];
            }

            h1[j] = Math.Tanh(s);
        }

        Span<double> h2 = stackalloc double[H];
        for (int j = 0; j < H; j++)
        {
            double s = b2[j];
            for (int i = 0; i < H; i++)
            {
                s += w2[(j * H) + i] * h1[i];
            }

            h2[j] = Math.Tanh(s);
        }

        for (int i = 0; i < N; i++)
        {
            double s = b3[i];
            for (int j = 0; j < H; j++)
            {
                s += w3[(i * H) + j] * h2[j];
            }

            dxdt[i] = s;
        }
    }
}

/// <summary>What <see cref="Faulty{TFault}"/> breaks in <see cref="LatentMlp"/>: one entry of one member, far from the first columns.</summary>
public interface ILoopFault
{
    /// <summary>Adds 1e-3 to ∂f_3/∂p_k at k = <see cref="Column"/> in <c>ParameterJacobian</c>.</summary>
    static abstract bool WrongParameterJacobian { get; }

    /// <summary>Adds 1e-3 · v_3 to (vᵀ∂f/∂p)_k at k = <see cref="Column"/> in <c>VectorJacobianProduct</c>.</summary>
    static abstract bool WrongVectorJacobianProduct { get; }

    /// <summary>The parameter whose entry is wrong.</summary>
    static virtual int Column => 70_001;
}

public readonly struct WrongLoopParameterJacobian : ILoopFault
{
    public static bool WrongParameterJacobian => true;

    public static bool WrongVectorJacobianProduct => false;
}

public readonly struct WrongLoopVectorJacobianProduct : ILoopFault
{
    public static bool WrongParameterJacobian => false;

    public static bool WrongVectorJacobianProduct => true;
}

/// <summary><see cref="LatentMlp"/> with one wrong derivative entry (<typeparamref name="TFault"/>), to show the verifier catches it.</summary>
public readonly struct Faulty<TFault> : IOdeModel<Faulty<TFault>>
    where TFault : ILoopFault
{
    private const double Error = 1e-3;

    public static int StateCount => LatentMlp.StateCount;

    public static int ParameterCount => LatentMlp.ParameterCount;

    public static OdeModelInfo Info => LatentMlp.Info;

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => LatentMlp.Evaluate(t, x, p, dxdt);

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => LatentMlp.StateJacobian(t, x, p, jx);

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        LatentMlp.ParameterJacobian(t, x, p, jp);
        if (TFault.WrongParameterJacobian)
        {
            jp[(3 * ParameterCount) + TFault.Column] += Error;
        }
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        LatentMlp.VectorJacobianProduct(t, x, p, v, vjx, vjp);
        if (TFault.WrongVectorJacobianProduct)
        {
            vjp[TFault.Column] += Error * v[3];
        }
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        LatentMlp.JacobianVectorProduct(t, x, p, dx, dp, df);

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => LatentMlp.EvaluateDual(t, x, p, dxdt);
}
