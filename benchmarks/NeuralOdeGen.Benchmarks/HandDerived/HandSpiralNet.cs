using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace NeuralOdeGen.Benchmarks.HandDerived;

/// <summary>
/// The network of torchdiffeq's spiral demo, <c>f(y) = W2 tanh(W1 y³ + b1) + b2</c> (Linear(2, 50) → tanh →
/// Linear(50, 2) applied to the element-wise cube), differentiated by hand: the baseline the generator's
/// <c>[Param(N)]</c> blocks will be measured against.
/// </summary>
/// <remarks>
/// Parameters (252), in PyTorch's order: <c>w1[2j + i]</c> (W1 row-major 50×2, hidden unit j, input i),
/// <c>b1[j]</c>, <c>w2[50i + j]</c> (W2 row-major 2×50), <c>b2[i]</c>. Every member computes the 50 hidden
/// activations once per call into a stack buffer; tanh is evaluated four units at a time as
/// <c>1 − 2/(e^{2a} + 1)</c> with <see cref="Vector256.Exp(Vector256{double})"/>, which is exact to a few units in the
/// last place of 1 (absolute, not relative, accuracy near a = 0: enough for a hidden activation, and every
/// derivative member uses the same activations, so the derivatives are those of this function).
/// <see cref="EvaluateDual"/> uses <see cref="Dual.Tanh"/> instead: an independent path that agrees to ~1e-16.
/// </remarks>
public struct HandSpiralNet : IOdeModel<HandSpiralNet>
{
    /// <summary>The number of hidden units.</summary>
    public const int Hidden = 50;

    /// <summary>The index of <c>w1[0]</c> in the parameter vector.</summary>
    public const int W1Offset = 0;

    /// <summary>The index of <c>b1[0]</c>.</summary>
    public const int B1Offset = 2 * Hidden;

    /// <summary>The index of <c>w2[0]</c>.</summary>
    public const int W2Offset = 3 * Hidden;

    /// <summary>The index of <c>b2[0]</c>.</summary>
    public const int B2Offset = 5 * Hidden;

    private const int Count = (5 * Hidden) + 2;
    private const int Lanes = 4;

    // The hidden buffer is padded to whole vectors (Hidden = 50 = 12·4 + 2, see Activate); the padding is never read.
    private const int PaddedHidden = (Hidden + Lanes - 1) / Lanes * Lanes;

    public static int StateCount => 2;

    public static int ParameterCount => Count;

    public static OdeModelInfo Info { get; } = CreateInfo();

    public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt)
    {
        double u0 = x[0] * x[0] * x[0];
        double u1 = x[1] * x[1] * x[1];
        Span<double> h = stackalloc double[PaddedHidden];
        Activate(u0, u1, p, h);
        ReadOnlySpan<double> w20 = p.Slice(W2Offset, Hidden);
        ReadOnlySpan<double> w21 = p.Slice(W2Offset + Hidden, Hidden);
        ref double hRef = ref MemoryMarshal.GetReference(h);
        ref double w20Ref = ref MemoryMarshal.GetReference(w20);
        ref double w21Ref = ref MemoryMarshal.GetReference(w21);
        Vector256<double> sum0 = Vector256<double>.Zero;
        Vector256<double> sum1 = Vector256<double>.Zero;
        int j = 0;
        for (; j <= Hidden - Lanes; j += Lanes)
        {
            Vector256<double> hj = Vector256.LoadUnsafe(ref hRef, (nuint)j);
            sum0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w20Ref, (nuint)j), hj, sum0);
            sum1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w21Ref, (nuint)j), hj, sum1);
        }

        double f0 = Vector256.Sum(sum0);
        double f1 = Vector256.Sum(sum1);
        for (; j < Hidden; j++)
        {
            f0 += w20[j] * h[j];
            f1 += w21[j] * h[j];
        }

        dxdt[0] = f0 + p[B2Offset];
        dxdt[1] = f1 + p[B2Offset + 1];
    }

    public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
    {
        double y0 = x[0];
        double y1 = x[1];
        Span<double> h = stackalloc double[PaddedHidden];
        Activate(y0 * y0 * y0, y1 * y1 * y1, p, h);
        ReadOnlySpan<double> w1 = p.Slice(W1Offset, 2 * Hidden);
        ReadOnlySpan<double> w20 = p.Slice(W2Offset, Hidden);
        ReadOnlySpan<double> w21 = p.Slice(W2Offset + Hidden, Hidden);

        // ∂f_i/∂y_k = 3 y_k² Σ_j W2[i,j] (1 − h_j²) W1[j,k].
        double s00 = 0.0;
        double s01 = 0.0;
        double s10 = 0.0;
        double s11 = 0.0;
        for (int j = 0; j < Hidden; j++)
        {
            double slope = 1.0 - (h[j] * h[j]);
            double c0 = w20[j] * slope;
            double c1 = w21[j] * slope;
            s00 += c0 * w1[2 * j];
            s01 += c0 * w1[(2 * j) + 1];
            s10 += c1 * w1[2 * j];
            s11 += c1 * w1[(2 * j) + 1];
        }

        double d0 = 3.0 * y0 * y0;
        double d1 = 3.0 * y1 * y1;
        jx[0] = s00 * d0;
        jx[1] = s01 * d1;
        jx[2] = s10 * d0;
        jx[3] = s11 * d1;
    }

    public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
    {
        double u0 = x[0] * x[0] * x[0];
        double u1 = x[1] * x[1] * x[1];
        Span<double> h = stackalloc double[PaddedHidden];
        Activate(u0, u1, p, h);
        jp[..(2 * Count)].Clear();
        for (int i = 0; i < 2; i++)
        {
            Span<double> row = jp.Slice(i * Count, Count);
            ReadOnlySpan<double> w2 = p.Slice(W2Offset + (i * Hidden), Hidden);
            for (int j = 0; j < Hidden; j++)
            {
                double c = w2[j] * (1.0 - (h[j] * h[j]));
                row[W1Offset + (2 * j)] = c * u0;
                row[W1Offset + (2 * j) + 1] = c * u1;
                row[B1Offset + j] = c;
                row[W2Offset + (i * Hidden) + j] = h[j];
            }

            row[B2Offset + i] = 1.0;
        }
    }

    public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp)
    {
        double y0 = x[0];
        double y1 = x[1];
        double u0 = y0 * y0 * y0;
        double u1 = y1 * y1 * y1;
        Span<double> h = stackalloc double[PaddedHidden];
        Activate(u0, u1, p, h);
        double v0 = v[0];
        double v1 = v[1];
        ReadOnlySpan<double> w1 = p.Slice(W1Offset, 2 * Hidden);
        ReadOnlySpan<double> w20 = p.Slice(W2Offset, Hidden);
        ReadOnlySpan<double> w21 = p.Slice(W2Offset + Hidden, Hidden);
        Span<double> gw1 = vjp.Slice(W1Offset, 2 * Hidden);
        Span<double> gb1 = vjp.Slice(B1Offset, Hidden);
        Span<double> gw20 = vjp.Slice(W2Offset, Hidden);
        Span<double> gw21 = vjp.Slice(W2Offset + Hidden, Hidden);
        ref double hRef = ref MemoryMarshal.GetReference(h);
        ref double w1Ref = ref MemoryMarshal.GetReference(w1);
        ref double w20Ref = ref MemoryMarshal.GetReference(w20);
        ref double w21Ref = ref MemoryMarshal.GetReference(w21);
        ref double gw1Ref = ref MemoryMarshal.GetReference(gw1);
        ref double gb1Ref = ref MemoryMarshal.GetReference(gb1);
        ref double gw20Ref = ref MemoryMarshal.GetReference(gw20);
        ref double gw21Ref = ref MemoryMarshal.GetReference(gw21);

        // Backwards through the layers: ḡ_j = (vᵀ W2)_j (1 − h_j²) is the adjoint of the pre-activation a_j, stored
        // as the b1 gradient; the W2 gradient is v h_j.
        Vector256<double> weight0 = Vector256.Create(v0);
        Vector256<double> weight1 = Vector256.Create(v1);
        int j = 0;
        for (; j <= Hidden - Lanes; j += Lanes)
        {
            Vector256<double> hj = Vector256.LoadUnsafe(ref hRef, (nuint)j);
            Vector256<double> back = (weight0 * Vector256.LoadUnsafe(ref w20Ref, (nuint)j)) + (weight1 * Vector256.LoadUnsafe(ref w21Ref, (nuint)j));
            (back * (Vector256<double>.One - (hj * hj))).StoreUnsafe(ref gb1Ref, (nuint)j);
            (weight0 * hj).StoreUnsafe(ref gw20Ref, (nuint)j);
            (weight1 * hj).StoreUnsafe(ref gw21Ref, (nuint)j);
        }

        for (; j < Hidden; j++)
        {
            double hj = h[j];
            gb1[j] = ((v0 * w20[j]) + (v1 * w21[j])) * (1.0 - (hj * hj));
            gw20[j] = v0 * hj;
            gw21[j] = v1 * hj;
        }

        // W1 is interleaved (w1[2j + i]): ḡ_j is duplicated into (ḡ_j, ḡ_j, ḡ_{j+1}, ḡ_{j+1}) to meet it; the sums
        // Σ_j ḡ_j W1[j,i] collect in the even and odd lanes.
        Vector256<double> inputs = Vector256.Create(u0, u1, u0, u1);
        Vector256<double> sums = Vector256<double>.Zero;
        j = 0;
        for (; j <= Hidden - Lanes; j += Lanes)
        {
            Vector256<double> g = Vector256.LoadUnsafe(ref gb1Ref, (nuint)j);
            Vector256<double> low = Vector256.Shuffle(g, Vector256.Create(0L, 0L, 1L, 1L));
            Vector256<double> high = Vector256.Shuffle(g, Vector256.Create(2L, 2L, 3L, 3L));
            sums = Vector256.MultiplyAddEstimate(low, Vector256.LoadUnsafe(ref w1Ref, (nuint)(2 * j)), sums);
            sums = Vector256.MultiplyAddEstimate(high, Vector256.LoadUnsafe(ref w1Ref, (nuint)((2 * j) + Lanes)), sums);
            (low * inputs).StoreUnsafe(ref gw1Ref, (nuint)(2 * j));
            (high * inputs).StoreUnsafe(ref gw1Ref, (nuint)((2 * j) + Lanes));
        }

        double s0 = sums[0] + sums[2];
        double s1 = sums[1] + sums[3];
        for (; j < Hidden; j++)
        {
            double g = gb1[j];
            s0 += g * w1[2 * j];
            s1 += g * w1[(2 * j) + 1];
            gw1[2 * j] = g * u0;
            gw1[(2 * j) + 1] = g * u1;
        }

        vjp[B2Offset] = v0;
        vjp[B2Offset + 1] = v1;
        vjx[0] = s0 * 3.0 * y0 * y0;
        vjx[1] = s1 * 3.0 * y1 * y1;
    }

    public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df)
    {
        double y0 = x[0];
        double y1 = x[1];
        double u0 = y0 * y0 * y0;
        double u1 = y1 * y1 * y1;
        Span<double> h = stackalloc double[PaddedHidden];
        Activate(u0, u1, p, h);
        double du0 = 3.0 * y0 * y0 * dx[0];
        double du1 = 3.0 * y1 * y1 * dx[1];
        ReadOnlySpan<double> w1 = p.Slice(W1Offset, 2 * Hidden);
        ReadOnlySpan<double> w20 = p.Slice(W2Offset, Hidden);
        ReadOnlySpan<double> w21 = p.Slice(W2Offset + Hidden, Hidden);
        ReadOnlySpan<double> dw1 = dp.Slice(W1Offset, 2 * Hidden);
        ReadOnlySpan<double> db1 = dp.Slice(B1Offset, Hidden);
        ReadOnlySpan<double> dw20 = dp.Slice(W2Offset, Hidden);
        ReadOnlySpan<double> dw21 = dp.Slice(W2Offset + Hidden, Hidden);
        double f0 = dp[B2Offset];
        double f1 = dp[B2Offset + 1];
        for (int j = 0; j < Hidden; j++)
        {
            double hj = h[j];
            double da = (w1[2 * j] * du0) + (w1[(2 * j) + 1] * du1) + (dw1[2 * j] * u0) + (dw1[(2 * j) + 1] * u1) + db1[j];
            double dh = (1.0 - (hj * hj)) * da;
            f0 += (w20[j] * dh) + (dw20[j] * hj);
            f1 += (w21[j] * dh) + (dw21[j] * hj);
        }

        df[0] = f0;
        df[1] = f1;
    }

    public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt)
    {
        Dual u0 = x[0] * x[0] * x[0];
        Dual u1 = x[1] * x[1] * x[1];
        Dual f0 = p[B2Offset];
        Dual f1 = p[B2Offset + 1];
        for (int j = 0; j < Hidden; j++)
        {
            Dual hj = Dual.Tanh((p[W1Offset + (2 * j)] * u0) + (p[W1Offset + (2 * j) + 1] * u1) + p[B1Offset + j]);
            f0 += p[W2Offset + j] * hj;
            f1 += p[W2Offset + Hidden + j] * hj;
        }

        dxdt[0] = f0;
        dxdt[1] = f1;
    }

    // h_j = tanh(W1[j,0] u0 + W1[j,1] u1 + b1[j]) for all units, four at a time; the padding units get h = 0.
    private static void Activate(double u0, double u1, ReadOnlySpan<double> p, Span<double> h)
    {
        ReadOnlySpan<double> w1 = p.Slice(W1Offset, 2 * Hidden);
        ReadOnlySpan<double> b1 = p.Slice(B1Offset, Hidden);
        ref double w1Ref = ref MemoryMarshal.GetReference(w1);
        ref double b1Ref = ref MemoryMarshal.GetReference(b1);
        ref double hRef = ref MemoryMarshal.GetReference(h[..PaddedHidden]);
        Vector256<double> inputs = Vector256.Create(u0, u1, u0, u1);
        int j = 0;
        for (; j <= Hidden - Lanes; j += Lanes)
        {
            // (W1[j,0] u0, W1[j,1] u1, W1[j+1,0] u0, …): add neighbours, then gather the four sums into one vector.
            Vector256<double> low = Vector256.LoadUnsafe(ref w1Ref, (nuint)(2 * j)) * inputs;
            Vector256<double> high = Vector256.LoadUnsafe(ref w1Ref, (nuint)((2 * j) + Lanes)) * inputs;
            Vector256<long> swap = Vector256.Create(1L, 0L, 3L, 2L);
            Vector256<long> gather = Vector256.Create(0L, 2L, 1L, 3L);
            low = Vector256.Shuffle(low + Vector256.Shuffle(low, swap), gather);
            high = Vector256.Shuffle(high + Vector256.Shuffle(high, swap), gather);
            Vector256<double> a = Vector256.Create(low.GetLower(), high.GetLower()) + Vector256.LoadUnsafe(ref b1Ref, (nuint)j);
            Tanh(a).StoreUnsafe(ref hRef, (nuint)j);
        }

        // The remaining Hidden % 4 = 2 units, padded with a = 0 (tanh gives exactly 0 there).
        Vector256<double> rest = Vector256.Create(
            ((w1[2 * j] * u0) + (w1[(2 * j) + 1] * u1)) + b1[j],
            ((w1[(2 * j) + 2] * u0) + (w1[(2 * j) + 3] * u1)) + b1[j + 1],
            0.0,
            0.0);
        Tanh(rest).StoreUnsafe(ref hRef, (nuint)j);
    }

    private static Vector256<double> Tanh(Vector256<double> a) =>
        Vector256<double>.One - (Vector256.Create(2.0) / (Vector256.Exp(a + a) + Vector256<double>.One));

    private static OdeModelInfo CreateInfo()
    {
        // SymPy syntax with w1, b1, w2, b2 as IndexedBase symbols.
        string[] preActivation = new string[Hidden];
        for (int j = 0; j < Hidden; j++)
        {
            preActivation[j] = Invariant($"w1[{2 * j}]*y0**3 + w1[{(2 * j) + 1}]*y1**3 + b1[{j}]");
        }

        string[] rightHandSide = new string[2];
        string[] stateJacobian = new string[4];
        string[] parameterJacobian = new string[2 * Count];
        for (int i = 0; i < 2; i++)
        {
            var rhs = new StringBuilder(Invariant($"b2[{i}]"));
            var slope = new StringBuilder[2] { new(), new() };
            for (int j = 0; j < Hidden; j++)
            {
                string w2 = Invariant($"w2[{(Hidden * i) + j}]");
                string derivative = Invariant($"{w2}*(1 - tanh({preActivation[j]})**2)");
                rhs.Append(Invariant($" + {w2}*tanh({preActivation[j]})"));
                for (int k = 0; k < 2; k++)
                {
                    slope[k].Append(j == 0 ? string.Empty : " + ").Append(Invariant($"{derivative}*w1[{(2 * j) + k}]"));
                    parameterJacobian[(i * Count) + W1Offset + (2 * j) + k] = Invariant($"{derivative}*y{k}**3");
                }

                parameterJacobian[(i * Count) + B1Offset + j] = derivative;
                for (int row = 0; row < 2; row++)
                {
                    parameterJacobian[(i * Count) + W2Offset + (Hidden * row) + j] = row == i ? Invariant($"tanh({preActivation[j]})") : "0";
                }
            }

            for (int row = 0; row < 2; row++)
            {
                parameterJacobian[(i * Count) + B2Offset + row] = row == i ? "1" : "0";
            }

            rightHandSide[i] = rhs.ToString();
            for (int k = 0; k < 2; k++)
            {
                stateJacobian[(2 * i) + k] = Invariant($"3*y{k}**2*({slope[k]})");
            }
        }

        return new OdeModelInfo("HandSpiralNet", ["y0", "y1"], ParameterNames(), null, rightHandSide, stateJacobian, parameterJacobian);
    }

    private static string[] ParameterNames()
    {
        string[] names = new string[Count];
        for (int k = 0; k < 2 * Hidden; k++)
        {
            names[W1Offset + k] = Invariant($"w1[{k}]");
            names[W2Offset + k] = Invariant($"w2[{k}]");
        }

        for (int j = 0; j < Hidden; j++)
        {
            names[B1Offset + j] = Invariant($"b1[{j}]");
        }

        names[B2Offset] = "b2[0]";
        names[B2Offset + 1] = "b2[1]";
        return names;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
