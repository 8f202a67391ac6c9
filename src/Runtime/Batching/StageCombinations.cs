using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// The element-wise parts of a Runge–Kutta step and of its reverse sweep, written once for every lane width
/// (<see cref="ILane{TVector}"/>). Blocks are plain doubles — one sample's component per double, in whatever layout the
/// caller chose — read as vectors of the lane's width, with the doubles past the last whole vector done by
/// <see cref="ScalarLane"/>. Per double, every width performs the same operations in the same order, so a sample gets
/// the same bits whichever width or group it ran in. Up to four terms are fused into one pass over the block (one
/// load per operand, one store); longer sums continue from the destination, which keeps the left-to-right order.
/// </summary>
internal static class StageCombinations
{
    private const int FusedTerms = 4;
    private const int FusedCouplings = 3;

    /// <summary>
    /// <c>destination = x + (h·w₀)·k₀ + (h·w₁)·k₁ + …</c>, left to right per double, every term kept (a zero weight
    /// too, as the scalar stepper does); row <c>j</c> of <paramref name="stages"/> starts at <c>j × stride</c>.
    /// <paramref name="destination"/> may be <paramref name="x"/> itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Combine<TLane, TVector>(
        ReadOnlySpan<double> x, ReadOnlySpan<double> weights, double h, ReadOnlySpan<double> stages, int stride, Span<double> destination)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        int width = x.Length;
        if (TLane.Count == 1)
        {
            // One double at a time: the whole sum per double in a register, as the one-sample stepper did.
            for (int i = 0; i < width; i++)
            {
                double sum = x[i];
                for (int j = 0; j < weights.Length; j++)
                {
                    sum += h * weights[j] * stages[(j * stride) + i];
                }

                destination[i] = sum;
            }

            return;
        }

        if (weights.IsEmpty)
        {
            x.CopyTo(destination);
            return;
        }

        ReadOnlySpan<double> start = x;
        for (int first = 0; first < weights.Length; first += FusedTerms)
        {
            ReadOnlySpan<double> k1 = stages.Slice(first * stride, width);
            double c1 = h * weights[first];
            switch (Math.Min(FusedTerms, weights.Length - first))
            {
                case 1:
                    Sum<TLane, TVector>(start, c1, k1, destination);
                    break;
                case 2:
                    Sum<TLane, TVector>(start, c1, k1, h * weights[first + 1], stages.Slice((first + 1) * stride, width), destination);
                    break;
                case 3:
                    Sum<TLane, TVector>(
                        start,
                        c1,
                        k1,
                        h * weights[first + 1],
                        stages.Slice((first + 1) * stride, width),
                        h * weights[first + 2],
                        stages.Slice((first + 2) * stride, width),
                        destination);
                    break;
                default:
                    Sum<TLane, TVector>(
                        start,
                        c1,
                        k1,
                        h * weights[first + 1],
                        stages.Slice((first + 1) * stride, width),
                        h * weights[first + 2],
                        stages.Slice((first + 2) * stride, width),
                        h * weights[first + 3],
                        stages.Slice((first + 3) * stride, width),
                        destination);
                    break;
            }

            start = destination;
        }
    }

    /// <summary><c>destination += row₀ + row₁ + … + row_{count−1}</c>, left to right per double; row <c>j</c> at <c>j × stride</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddRows<TLane, TVector>(Span<double> destination, ReadOnlySpan<double> rows, int count, int stride)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        int width = destination.Length;
        for (int first = 0; first < count; first += FusedTerms)
        {
            int chunk = Math.Min(FusedTerms, count - first);
            AddFused<TLane, TVector>(
                destination,
                chunk,
                rows.Slice(first * stride, width),
                chunk > 1 ? rows.Slice((first + 1) * stride, width) : default,
                chunk > 2 ? rows.Slice((first + 2) * stride, width) : default,
                chunk > 3 ? rows.Slice((first + 3) * stride, width) : default);
        }
    }

    /// <summary>
    /// The reverse sweep's stage rate <c>destination = (b·λ + a₁·s₁ + a₂·s₂ + …)·h</c>, left to right per double, where
    /// <c>a_l = couplings[l]</c> weighs row <c>l</c> of <paramref name="stageAdjoints"/> (at <c>l × stride</c>) and a
    /// zero coupling leaves its term out (as the scalar reverse sweep does).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StageRate<TLane, TVector>(
        ReadOnlySpan<double> lambda, double b, ReadOnlySpan<double> couplings, ReadOnlySpan<double> stageAdjoints, int stride, double h, Span<double> destination)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        int width = lambda.Length;
        if (TLane.Count == 1)
        {
            // One double at a time: the whole sum per double in a register, as the one-sample reverse sweep did.
            for (int i = 0; i < width; i++)
            {
                double r = b * lambda[i];
                for (int l = 0; l < couplings.Length; l++)
                {
                    if (couplings[l] != 0.0)
                    {
                        r += couplings[l] * stageAdjoints[(l * stride) + i];
                    }
                }

                destination[i] = r * h;
            }

            return;
        }

        // Three couplings per pass; a longer sum goes through the destination, scaled by the exact 1.0 until the last pass.
        ReadOnlySpan<double> start = lambda;
        double startWeight = b;
        int first = 0;
        do
        {
            int last = first + FusedCouplings;
            Rate<TLane, TVector>(
                start,
                startWeight,
                Coupling(couplings, first),
                Row(couplings, first, stageAdjoints, stride, width),
                Coupling(couplings, first + 1),
                Row(couplings, first + 1, stageAdjoints, stride, width),
                Coupling(couplings, first + 2),
                Row(couplings, first + 2, stageAdjoints, stride, width),
                last >= couplings.Length ? h : 1.0,
                destination);
            start = destination;
            startWeight = 1.0;
            first = last;
        }
        while (first < couplings.Length);
    }

    /// <summary><c>sum += values</c>, at the widest lane width the CPU runs natively.</summary>
    public static void AddTo(Span<double> sum, ReadOnlySpan<double> values)
    {
        if (Vector512Lane.IsHardwareAccelerated && sum.Length >= Vector512Lane.Count)
        {
            AddFused<Vector512Lane, Vector512<double>>(sum, 1, values, default, default, default);
        }
        else if (Vector256Lane.IsHardwareAccelerated && sum.Length >= Vector256Lane.Count)
        {
            AddFused<Vector256Lane, Vector256<double>>(sum, 1, values, default, default, default);
        }
        else
        {
            AddFused<ScalarLane, double>(sum, 1, values, default, default, default);
        }
    }

    /// <summary>
    /// <see cref="Combine{TLane, TVector}"/> at the widest lane width the CPU runs natively that the block fills: the same
    /// bits at every width.
    /// </summary>
    public static void Combine(ReadOnlySpan<double> x, ReadOnlySpan<double> weights, double h, ReadOnlySpan<double> stages, int stride, Span<double> destination)
    {
        if (Vector512Lane.IsHardwareAccelerated && x.Length >= Vector512Lane.Count)
        {
            Combine<Vector512Lane, Vector512<double>>(x, weights, h, stages, stride, destination);
        }
        else if (Vector256Lane.IsHardwareAccelerated && x.Length >= Vector256Lane.Count)
        {
            Combine<Vector256Lane, Vector256<double>>(x, weights, h, stages, stride, destination);
        }
        else
        {
            Combine<ScalarLane, double>(x, weights, h, stages, stride, destination);
        }
    }

    /// <summary><c>values = factor · values</c>, at the widest lane width the CPU runs natively.</summary>
    public static void Scale(Span<double> values, double factor)
    {
        if (Vector512Lane.IsHardwareAccelerated && values.Length >= Vector512Lane.Count)
        {
            Scale<Vector512Lane, Vector512<double>>(values, factor);
        }
        else if (Vector256Lane.IsHardwareAccelerated && values.Length >= Vector256Lane.Count)
        {
            Scale<Vector256Lane, Vector256<double>>(values, factor);
        }
        else
        {
            Scale<ScalarLane, double>(values, factor);
        }
    }

    /// <summary><c>values = factor · values</c>.</summary>
    public static void Scale<TLane, TVector>(Span<double> values, double factor)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        Span<TVector> vectors = MemoryMarshal.Cast<double, TVector>(values);
        TVector f = TLane.Broadcast(factor);
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = TLane.Multiply(f, vectors[i]);
        }

        int done = vectors.Length * TLane.Count;
        if (done < values.Length)
        {
            Scale<ScalarLane, double>(values[done..], factor);
        }
    }

    /// <summary><c>values = −values</c>, at the widest lane width the CPU runs natively.</summary>
    public static void Negate(Span<double> values)
    {
        if (Vector512Lane.IsHardwareAccelerated && values.Length >= Vector512Lane.Count)
        {
            Negate<Vector512Lane, Vector512<double>>(values);
        }
        else if (Vector256Lane.IsHardwareAccelerated && values.Length >= Vector256Lane.Count)
        {
            Negate<Vector256Lane, Vector256<double>>(values);
        }
        else
        {
            Negate<ScalarLane, double>(values);
        }
    }

    /// <summary>Gets a value indicating whether every double is finite, at the widest lane width the CPU runs natively.</summary>
    public static bool AllFinite(ReadOnlySpan<double> values) =>
        Vector512Lane.IsHardwareAccelerated && values.Length >= Vector512Lane.Count ? AllFinite<Vector512Lane, Vector512<double>>(values)
        : Vector256Lane.IsHardwareAccelerated && values.Length >= Vector256Lane.Count ? AllFinite<Vector256Lane, Vector256<double>>(values)
        : AllFinite<ScalarLane, double>(values);

    /// <summary><c>values = −values</c>.</summary>
    public static void Negate<TLane, TVector>(Span<double> values)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        Span<TVector> vectors = MemoryMarshal.Cast<double, TVector>(values);
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = TLane.Negate(vectors[i]);
        }

        int done = vectors.Length * TLane.Count;
        if (done < values.Length)
        {
            Negate<ScalarLane, double>(values[done..]);
        }
    }

    /// <summary>Gets a value indicating whether every double is finite.</summary>
    public static bool AllFinite<TLane, TVector>(ReadOnlySpan<double> values)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        // x − x is 0 for finite x and NaN for ±∞ and NaN; NaN + anything is NaN, and NaN is not zero.
        ReadOnlySpan<TVector> vectors = MemoryMarshal.Cast<double, TVector>(values);
        TVector accumulated = TLane.Broadcast(0.0);
        for (int i = 0; i < vectors.Length; i++)
        {
            accumulated = TLane.Add(accumulated, TLane.Subtract(vectors[i], vectors[i]));
        }

        int done = vectors.Length * TLane.Count;
        return TLane.IsAllZero(accumulated) && (done == values.Length || AllFinite<ScalarLane, double>(values[done..]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sum<TLane, TVector>(ReadOnlySpan<double> x, double c1, ReadOnlySpan<double> k1, Span<double> destination)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        ReadOnlySpan<TVector> vx = MemoryMarshal.Cast<double, TVector>(x);
        ReadOnlySpan<TVector> v1 = MemoryMarshal.Cast<double, TVector>(k1);
        Span<TVector> vd = MemoryMarshal.Cast<double, TVector>(destination);
        TVector u1 = TLane.Broadcast(c1);
        for (int i = 0; i < vd.Length; i++)
        {
            vd[i] = TLane.Add(vx[i], TLane.Multiply(u1, v1[i]));
        }

        int done = vd.Length * TLane.Count;
        if (done < destination.Length)
        {
            Sum<ScalarLane, double>(x[done..], c1, k1[done..], destination[done..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sum<TLane, TVector>(
        ReadOnlySpan<double> x, double c1, ReadOnlySpan<double> k1, double c2, ReadOnlySpan<double> k2, Span<double> destination)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        ReadOnlySpan<TVector> vx = MemoryMarshal.Cast<double, TVector>(x);
        ReadOnlySpan<TVector> v1 = MemoryMarshal.Cast<double, TVector>(k1);
        ReadOnlySpan<TVector> v2 = MemoryMarshal.Cast<double, TVector>(k2);
        Span<TVector> vd = MemoryMarshal.Cast<double, TVector>(destination);
        TVector u1 = TLane.Broadcast(c1);
        TVector u2 = TLane.Broadcast(c2);
        for (int i = 0; i < vd.Length; i++)
        {
            vd[i] = TLane.Add(TLane.Add(vx[i], TLane.Multiply(u1, v1[i])), TLane.Multiply(u2, v2[i]));
        }

        int done = vd.Length * TLane.Count;
        if (done < destination.Length)
        {
            Sum<ScalarLane, double>(x[done..], c1, k1[done..], c2, k2[done..], destination[done..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sum<TLane, TVector>(
        ReadOnlySpan<double> x,
        double c1,
        ReadOnlySpan<double> k1,
        double c2,
        ReadOnlySpan<double> k2,
        double c3,
        ReadOnlySpan<double> k3,
        Span<double> destination)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        ReadOnlySpan<TVector> vx = MemoryMarshal.Cast<double, TVector>(x);
        ReadOnlySpan<TVector> v1 = MemoryMarshal.Cast<double, TVector>(k1);
        ReadOnlySpan<TVector> v2 = MemoryMarshal.Cast<double, TVector>(k2);
        ReadOnlySpan<TVector> v3 = MemoryMarshal.Cast<double, TVector>(k3);
        Span<TVector> vd = MemoryMarshal.Cast<double, TVector>(destination);
        TVector u1 = TLane.Broadcast(c1);
        TVector u2 = TLane.Broadcast(c2);
        TVector u3 = TLane.Broadcast(c3);
        for (int i = 0; i < vd.Length; i++)
        {
            vd[i] = TLane.Add(TLane.Add(TLane.Add(vx[i], TLane.Multiply(u1, v1[i])), TLane.Multiply(u2, v2[i])), TLane.Multiply(u3, v3[i]));
        }

        int done = vd.Length * TLane.Count;
        if (done < destination.Length)
        {
            Sum<ScalarLane, double>(x[done..], c1, k1[done..], c2, k2[done..], c3, k3[done..], destination[done..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sum<TLane, TVector>(
        ReadOnlySpan<double> x,
        double c1,
        ReadOnlySpan<double> k1,
        double c2,
        ReadOnlySpan<double> k2,
        double c3,
        ReadOnlySpan<double> k3,
        double c4,
        ReadOnlySpan<double> k4,
        Span<double> destination)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        ReadOnlySpan<TVector> vx = MemoryMarshal.Cast<double, TVector>(x);
        ReadOnlySpan<TVector> v1 = MemoryMarshal.Cast<double, TVector>(k1);
        ReadOnlySpan<TVector> v2 = MemoryMarshal.Cast<double, TVector>(k2);
        ReadOnlySpan<TVector> v3 = MemoryMarshal.Cast<double, TVector>(k3);
        ReadOnlySpan<TVector> v4 = MemoryMarshal.Cast<double, TVector>(k4);
        Span<TVector> vd = MemoryMarshal.Cast<double, TVector>(destination);
        TVector u1 = TLane.Broadcast(c1);
        TVector u2 = TLane.Broadcast(c2);
        TVector u3 = TLane.Broadcast(c3);
        TVector u4 = TLane.Broadcast(c4);
        for (int i = 0; i < vd.Length; i++)
        {
            TVector sum = TLane.Add(TLane.Add(vx[i], TLane.Multiply(u1, v1[i])), TLane.Multiply(u2, v2[i]));
            vd[i] = TLane.Add(TLane.Add(sum, TLane.Multiply(u3, v3[i])), TLane.Multiply(u4, v4[i]));
        }

        int done = vd.Length * TLane.Count;
        if (done < destination.Length)
        {
            Sum<ScalarLane, double>(x[done..], c1, k1[done..], c2, k2[done..], c3, k3[done..], c4, k4[done..], destination[done..]);
        }
    }

    // destination = destination + s₁ [+ s₂ [+ s₃ [+ s₄]]] with `count` rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddFused<TLane, TVector>(
        Span<double> destination, int count, ReadOnlySpan<double> s1, ReadOnlySpan<double> s2, ReadOnlySpan<double> s3, ReadOnlySpan<double> s4)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        Span<TVector> vd = MemoryMarshal.Cast<double, TVector>(destination);
        ReadOnlySpan<TVector> v1 = MemoryMarshal.Cast<double, TVector>(s1);
        ReadOnlySpan<TVector> v2 = MemoryMarshal.Cast<double, TVector>(s2);
        ReadOnlySpan<TVector> v3 = MemoryMarshal.Cast<double, TVector>(s3);
        ReadOnlySpan<TVector> v4 = MemoryMarshal.Cast<double, TVector>(s4);
        for (int i = 0; i < vd.Length; i++)
        {
            TVector sum = TLane.Add(vd[i], v1[i]);
            if (count > 1)
            {
                sum = TLane.Add(sum, v2[i]);
            }

            if (count > 2)
            {
                sum = TLane.Add(sum, v3[i]);
            }

            if (count > 3)
            {
                sum = TLane.Add(sum, v4[i]);
            }

            vd[i] = sum;
        }

        int done = vd.Length * TLane.Count;
        if (done < destination.Length)
        {
            AddFused<ScalarLane, double>(
                destination[done..], count, s1[done..], count > 1 ? s2[done..] : default, count > 2 ? s3[done..] : default, count > 3 ? s4[done..] : default);
        }
    }

    private static double Coupling(ReadOnlySpan<double> couplings, int l) => l < couplings.Length ? couplings[l] : 0.0;

    // Row l of the stage adjoints, or nothing when its coupling is absent or zero (the kernel leaves that term out).
    private static ReadOnlySpan<double> Row(ReadOnlySpan<double> couplings, int l, ReadOnlySpan<double> stageAdjoints, int stride, int width) =>
        l < couplings.Length && couplings[l] != 0.0 ? stageAdjoints.Slice(l * stride, width) : default;

    // (b·λ + a₁s₁ + a₂s₂ + a₃s₃)·h with each zero a's term left out.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rate<TLane, TVector>(
        ReadOnlySpan<double> lambda,
        double b,
        double a1,
        ReadOnlySpan<double> s1,
        double a2,
        ReadOnlySpan<double> s2,
        double a3,
        ReadOnlySpan<double> s3,
        double h,
        Span<double> destination)
        where TLane : struct, ILane<TVector>
        where TVector : struct
    {
        ReadOnlySpan<TVector> vl = MemoryMarshal.Cast<double, TVector>(lambda);
        ReadOnlySpan<TVector> v1 = MemoryMarshal.Cast<double, TVector>(s1);
        ReadOnlySpan<TVector> v2 = MemoryMarshal.Cast<double, TVector>(s2);
        ReadOnlySpan<TVector> v3 = MemoryMarshal.Cast<double, TVector>(s3);
        Span<TVector> vd = MemoryMarshal.Cast<double, TVector>(destination);
        TVector ub = TLane.Broadcast(b);
        TVector u1 = TLane.Broadcast(a1);
        TVector u2 = TLane.Broadcast(a2);
        TVector u3 = TLane.Broadcast(a3);
        TVector uh = TLane.Broadcast(h);
        for (int i = 0; i < vd.Length; i++)
        {
            TVector r = TLane.Multiply(ub, vl[i]);
            if (a1 != 0.0)
            {
                r = TLane.Add(r, TLane.Multiply(u1, v1[i]));
            }

            if (a2 != 0.0)
            {
                r = TLane.Add(r, TLane.Multiply(u2, v2[i]));
            }

            if (a3 != 0.0)
            {
                r = TLane.Add(r, TLane.Multiply(u3, v3[i]));
            }

            vd[i] = TLane.Multiply(r, uh);
        }

        int done = vd.Length * TLane.Count;
        if (done < destination.Length)
        {
            Rate<ScalarLane, double>(
                lambda[done..],
                b,
                a1,
                a1 != 0.0 ? s1[done..] : default,
                a2,
                a2 != 0.0 ? s2[done..] : default,
                a3,
                a3 != 0.0 ? s3[done..] : default,
                h,
                destination[done..]);
        }
    }
}
