using System;
using System.Runtime.Intrinsics;
using static NeuralOdeGen.LaneWidening;

namespace NeuralOdeGen;

/// <summary>
/// The element-wise parts of the four-stage reverse step over lane vectors, in the scalar reverse step's order (so
/// the same bits per lane), on 512-bit vectors where the CPU has them (see <see cref="LaneCombination"/>).
/// </summary>
internal static class LaneReverseKernels
{
    /// <summary><c>destination = (b·λ + a₁s₁ + a₂s₂ + a₃s₃)·h</c>, left to right, each term with a zero coupling <c>a</c> left out.</summary>
    public static void StageRate(
        ReadOnlySpan<Vector256<double>> lambda,
        double b,
        double a1,
        ReadOnlySpan<Vector256<double>> s1,
        double a2,
        ReadOnlySpan<Vector256<double>> s2,
        double a3,
        ReadOnlySpan<Vector256<double>> s3,
        double h,
        Span<Vector256<double>> destination)
    {
        if (Vector512.IsHardwareAccelerated && lambda.Length % 2 == 0)
        {
            ReadOnlySpan<Vector512<double>> wl = Wide(lambda);
            ReadOnlySpan<Vector512<double>> w1 = a1 != 0.0 ? Wide(s1) : default;
            ReadOnlySpan<Vector512<double>> w2 = a2 != 0.0 ? Wide(s2) : default;
            ReadOnlySpan<Vector512<double>> w3 = a3 != 0.0 ? Wide(s3) : default;
            Span<Vector512<double>> wd = Wide(destination);
            Vector512<double> vb = Vector512.Create(b);
            Vector512<double> v1 = Vector512.Create(a1);
            Vector512<double> v2 = Vector512.Create(a2);
            Vector512<double> v3 = Vector512.Create(a3);
            Vector512<double> vh = Vector512.Create(h);
            for (int i = 0; i < wd.Length; i++)
            {
                Vector512<double> r = vb * wl[i];
                if (a1 != 0.0)
                {
                    r += v1 * w1[i];
                }

                if (a2 != 0.0)
                {
                    r += v2 * w2[i];
                }

                if (a3 != 0.0)
                {
                    r += v3 * w3[i];
                }

                wd[i] = r * vh;
            }

            return;
        }

        Vector256<double> ub = Vector256.Create(b);
        Vector256<double> u1 = Vector256.Create(a1);
        Vector256<double> u2 = Vector256.Create(a2);
        Vector256<double> u3 = Vector256.Create(a3);
        Vector256<double> uh = Vector256.Create(h);
        for (int i = 0; i < destination.Length; i++)
        {
            Vector256<double> r = ub * lambda[i];
            if (a1 != 0.0)
            {
                r += u1 * s1[i];
            }

            if (a2 != 0.0)
            {
                r += u2 * s2[i];
            }

            if (a3 != 0.0)
            {
                r += u3 * s3[i];
            }

            destination[i] = r * uh;
        }
    }

    /// <summary><c>λ = λ + s₀ + s₁ + s₂ + s₃</c>, left to right.</summary>
    public static void Accumulate(
        Span<Vector256<double>> lambda, ReadOnlySpan<Vector256<double>> s0, ReadOnlySpan<Vector256<double>> s1, ReadOnlySpan<Vector256<double>> s2, ReadOnlySpan<Vector256<double>> s3)
    {
        if (Vector512.IsHardwareAccelerated && lambda.Length % 2 == 0)
        {
            Span<Vector512<double>> wl = Wide(lambda);
            ReadOnlySpan<Vector512<double>> w0 = Wide(s0);
            ReadOnlySpan<Vector512<double>> w1 = Wide(s1);
            ReadOnlySpan<Vector512<double>> w2 = Wide(s2);
            ReadOnlySpan<Vector512<double>> w3 = Wide(s3);
            for (int i = 0; i < wl.Length; i++)
            {
                wl[i] = wl[i] + w0[i] + w1[i] + w2[i] + w3[i];
            }

            return;
        }

        for (int i = 0; i < lambda.Length; i++)
        {
            lambda[i] = lambda[i] + s0[i] + s1[i] + s2[i] + s3[i];
        }
    }

    /// <summary><c>sum += values</c>.</summary>
    public static void AddTo(Span<Vector256<double>> sum, ReadOnlySpan<Vector256<double>> values)
    {
        if (Vector512.IsHardwareAccelerated && sum.Length % 2 == 0)
        {
            Span<Vector512<double>> ws = Wide(sum);
            ReadOnlySpan<Vector512<double>> wv = Wide(values);
            for (int i = 0; i < ws.Length; i++)
            {
                ws[i] += wv[i];
            }

            return;
        }

        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += values[i];
        }
    }

    /// <summary><c>values = −values</c>.</summary>
    public static void Negate(Span<Vector256<double>> values)
    {
        if (Vector512.IsHardwareAccelerated && values.Length % 2 == 0)
        {
            Span<Vector512<double>> wide = Wide(values);
            for (int i = 0; i < wide.Length; i++)
            {
                wide[i] = -wide[i];
            }

            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] = -values[i];
        }
    }
}
