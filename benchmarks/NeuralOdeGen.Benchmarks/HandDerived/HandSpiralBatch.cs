using System;
using System.Text.RegularExpressions;

namespace NeuralOdeGen.Benchmarks.HandDerived;

/// <summary>
/// The spiral batch as torchdiffeq solves it: the 20 sequences stacked into one 40-dimensional system
/// <c>dY/dt = [f(y⁽⁰⁾), …, f(y⁽¹⁹⁾)]</c> with <see cref="HandSpiralNet"/>'s shared 252 parameters, so that one
/// adaptive solve takes shared steps for all of them (the runtime's own batching solves each sample alone).
/// State <c>2s + i</c> is component <c>i</c> of sequence <c>s</c>.
/// </summary>
public struct HandSpiralBatch : IOdeModel<HandSpiralBatch>
{
    /// <summary>The number of stacked sequences.</summary>
    public const int Sequences = 20;

    private const int N = 2 * Sequences;
    private const int M = (5 * HandSpiralNet.Hidden) + 2;

    private static OdeModelInfo? _info;

    public static int StateCount => N;

    public static int ParameterCount => M;

    // Built on first use: the symbolic forms of 40 × 252 entries take a moment and are only for the CAS oracle.
    public static OdeModelInfo Info => _info ??= CreateInfo();

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt)
    {
        for (int s = 0; s < Sequences; s++)
        {
            HandSpiralNet.Evaluate(t, x.Slice(2 * s, 2), p, dxdt.Slice(2 * s, 2));
        }
    }

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
    {
        // Block diagonal: sequences do not interact.
        jx[..(N * N)].Clear();
        Span<double> block = stackalloc double[4];
        for (int s = 0; s < Sequences; s++)
        {
            HandSpiralNet.StateJacobian(t, x.Slice(2 * s, 2), p, block);
            int corner = (2 * s * N) + (2 * s);
            jx[corner] = block[0];
            jx[corner + 1] = block[1];
            jx[corner + N] = block[2];
            jx[corner + N + 1] = block[3];
        }
    }

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        // Rows 2s and 2s + 1 of the row-major 40×252 matrix are sequence s's own 2×252 Jacobian.
        for (int s = 0; s < Sequences; s++)
        {
            HandSpiralNet.ParameterJacobian(t, x.Slice(2 * s, 2), p, jp.Slice(2 * s * M, 2 * M));
        }
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        // The parameters are shared, so their products add up over the sequences.
        HandSpiralNet.VectorJacobianProduct(t, x[..2], p, v[..2], vjx[..2], vjp);
        Span<double> sequenceVjp = stackalloc double[M];
        for (int s = 1; s < Sequences; s++)
        {
            HandSpiralNet.VectorJacobianProduct(t, x.Slice(2 * s, 2), p, v.Slice(2 * s, 2), vjx.Slice(2 * s, 2), sequenceVjp);
            for (int k = 0; k < M; k++)
            {
                vjp[k] += sequenceVjp[k];
            }
        }
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df)
    {
        for (int s = 0; s < Sequences; s++)
        {
            HandSpiralNet.JacobianVectorProduct(t, x.Slice(2 * s, 2), p, dx.Slice(2 * s, 2), dp, df.Slice(2 * s, 2));
        }
    }

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt)
    {
        for (int s = 0; s < Sequences; s++)
        {
            HandSpiralNet.EvaluateDual(t, x.Slice(2 * s, 2), p, dxdt.Slice(2 * s, 2));
        }
    }

    private static OdeModelInfo CreateInfo()
    {
        OdeModelInfo single = HandSpiralNet.Info;
        string[] stateNames = new string[N];
        string[] rightHandSide = new string[N];
        string[] stateJacobian = new string[N * N];
        string[] parameterJacobian = new string[N * M];
        Array.Fill(stateJacobian, "0");
        for (int s = 0; s < Sequences; s++)
        {
            for (int i = 0; i < 2; i++)
            {
                int row = (2 * s) + i;
                stateNames[row] = Rename(single.StateNames[i], s);
                rightHandSide[row] = Rename(single.RightHandSide[i], s);
                for (int k = 0; k < 2; k++)
                {
                    stateJacobian[(row * N) + (2 * s) + k] = Rename(single.StateJacobian[(2 * i) + k], s);
                }

                for (int k = 0; k < M; k++)
                {
                    parameterJacobian[(row * M) + k] = Rename(single.ParameterJacobian[(i * M) + k], s);
                }
            }
        }

        return new OdeModelInfo("HandSpiralBatch", stateNames, single.ParameterNames, null, rightHandSide, stateJacobian, parameterJacobian);
    }

    // The single network's states y0, y1 become sequence s's y{2s}, y{2s+1}.
    private static string Rename(string expression, int sequence) =>
        Regex.Replace(expression, @"\by([01])\b", match => "y" + ((2 * sequence) + (match.Groups[1].Value[0] - '0')).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
