using System;
using System.Runtime.Intrinsics;
using static NeuralOdeGen.LaneWidening;

namespace NeuralOdeGen;

/// <summary>
/// The Runge–Kutta combinations <c>destination = x + c₁k₁ + c₂k₂ + …</c> over lane vectors, summed left to right
/// as the scalar stepper does (so the same bits per lane). Element-wise work does not care how lanes are grouped,
/// so where the CPU has 512-bit vectors the spans are read as half as many of those: half the instructions.
/// </summary>
internal static class LaneCombination
{
    public static void Add(ReadOnlySpan<Vector256<double>> x, double c1, ReadOnlySpan<Vector256<double>> k1, Span<Vector256<double>> destination)
    {
        if (Vector512.IsHardwareAccelerated && x.Length % 2 == 0)
        {
            ReadOnlySpan<Vector512<double>> wx = Wide(x);
            ReadOnlySpan<Vector512<double>> w1 = Wide(k1);
            Span<Vector512<double>> wd = Wide(destination);
            Vector512<double> v1 = Vector512.Create(c1);
            for (int i = 0; i < wd.Length; i++)
            {
                wd[i] = wx[i] + (v1 * w1[i]);
            }

            return;
        }

        Vector256<double> u1 = Vector256.Create(c1);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] + (u1 * k1[i]);
        }
    }

    public static void Add(
        ReadOnlySpan<Vector256<double>> x, double c1, ReadOnlySpan<Vector256<double>> k1, double c2, ReadOnlySpan<Vector256<double>> k2, Span<Vector256<double>> destination)
    {
        if (Vector512.IsHardwareAccelerated && x.Length % 2 == 0)
        {
            ReadOnlySpan<Vector512<double>> wx = Wide(x);
            ReadOnlySpan<Vector512<double>> w1 = Wide(k1);
            ReadOnlySpan<Vector512<double>> w2 = Wide(k2);
            Span<Vector512<double>> wd = Wide(destination);
            Vector512<double> v1 = Vector512.Create(c1);
            Vector512<double> v2 = Vector512.Create(c2);
            for (int i = 0; i < wd.Length; i++)
            {
                wd[i] = wx[i] + (v1 * w1[i]) + (v2 * w2[i]);
            }

            return;
        }

        Vector256<double> u1 = Vector256.Create(c1);
        Vector256<double> u2 = Vector256.Create(c2);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] + (u1 * k1[i]) + (u2 * k2[i]);
        }
    }

    public static void Add(
        ReadOnlySpan<Vector256<double>> x,
        double c1,
        ReadOnlySpan<Vector256<double>> k1,
        double c2,
        ReadOnlySpan<Vector256<double>> k2,
        double c3,
        ReadOnlySpan<Vector256<double>> k3,
        Span<Vector256<double>> destination)
    {
        if (Vector512.IsHardwareAccelerated && x.Length % 2 == 0)
        {
            ReadOnlySpan<Vector512<double>> wx = Wide(x);
            ReadOnlySpan<Vector512<double>> w1 = Wide(k1);
            ReadOnlySpan<Vector512<double>> w2 = Wide(k2);
            ReadOnlySpan<Vector512<double>> w3 = Wide(k3);
            Span<Vector512<double>> wd = Wide(destination);
            Vector512<double> v1 = Vector512.Create(c1);
            Vector512<double> v2 = Vector512.Create(c2);
            Vector512<double> v3 = Vector512.Create(c3);
            for (int i = 0; i < wd.Length; i++)
            {
                wd[i] = wx[i] + (v1 * w1[i]) + (v2 * w2[i]) + (v3 * w3[i]);
            }

            return;
        }

        Vector256<double> u1 = Vector256.Create(c1);
        Vector256<double> u2 = Vector256.Create(c2);
        Vector256<double> u3 = Vector256.Create(c3);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] + (u1 * k1[i]) + (u2 * k2[i]) + (u3 * k3[i]);
        }
    }

    public static void Add(
        ReadOnlySpan<Vector256<double>> x,
        double c1,
        ReadOnlySpan<Vector256<double>> k1,
        double c2,
        ReadOnlySpan<Vector256<double>> k2,
        double c3,
        ReadOnlySpan<Vector256<double>> k3,
        double c4,
        ReadOnlySpan<Vector256<double>> k4,
        Span<Vector256<double>> destination)
    {
        if (Vector512.IsHardwareAccelerated && x.Length % 2 == 0)
        {
            ReadOnlySpan<Vector512<double>> wx = Wide(x);
            ReadOnlySpan<Vector512<double>> w1 = Wide(k1);
            ReadOnlySpan<Vector512<double>> w2 = Wide(k2);
            ReadOnlySpan<Vector512<double>> w3 = Wide(k3);
            ReadOnlySpan<Vector512<double>> w4 = Wide(k4);
            Span<Vector512<double>> wd = Wide(destination);
            Vector512<double> v1 = Vector512.Create(c1);
            Vector512<double> v2 = Vector512.Create(c2);
            Vector512<double> v3 = Vector512.Create(c3);
            Vector512<double> v4 = Vector512.Create(c4);
            for (int i = 0; i < wd.Length; i++)
            {
                wd[i] = wx[i] + (v1 * w1[i]) + (v2 * w2[i]) + (v3 * w3[i]) + (v4 * w4[i]);
            }

            return;
        }

        Vector256<double> u1 = Vector256.Create(c1);
        Vector256<double> u2 = Vector256.Create(c2);
        Vector256<double> u3 = Vector256.Create(c3);
        Vector256<double> u4 = Vector256.Create(c4);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] + (u1 * k1[i]) + (u2 * k2[i]) + (u3 * k3[i]) + (u4 * k4[i]);
        }
    }
}
