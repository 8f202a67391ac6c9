using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen.Benchmarks.HandDerived;

/// <summary>
/// The practical limit with SIMD: <see cref="HandPaperGradient"/>'s algorithms on sixteen samples at a time in
/// 512-bit registers (two chains of eight), every stage value in a register, nothing generic. The last partial group
/// is padded with <c>x0 = 0</c> and target 0, which contribute nothing. Same numbers to rounding (the runtime sums
/// sample by sample, this sums lane-wise).
/// </summary>
public static class HandPaperGradientSimd
{
    private const int Group = 16;

    /// <summary>Reverse mode through the RK4 stages; <paramref name="trajectory"/> holds at least <c>steps + 1</c> pairs.</summary>
    public static (double Loss, double Gradient) DiscreteAdjoint(
        ReadOnlySpan<double> initialStates, ReadOnlySpan<double> targets, double a, double horizon, int steps, Span<LanePair> trajectory)
    {
        double h = horizon / steps;
        double halfH = 0.5 * h;
        double weight = 1.0 / initialStates.Length;
        LanePair av = LanePair.Splat(a);
        LanePair loss = LanePair.Zero;
        LanePair gradient = LanePair.Zero;
        Span<double> buffer = stackalloc double[2 * Group];
        for (int first = 0; first < initialStates.Length; first += Group)
        {
            (LanePair x, LanePair target) = Load(initialStates, targets, first, buffer);
            trajectory[0] = x;
            for (int k = 0; k < steps; k++)
            {
                LanePair k1 = av * x;
                LanePair k2 = av * (x + (halfH * k1));
                LanePair k3 = av * (x + (halfH * k2));
                LanePair k4 = av * (x + (h * k3));
                x = x + (h * ((1.0 / 6.0) * (k1 + (2.0 * k2) + (2.0 * k3) + k4)));
                trajectory[k + 1] = x;
            }

            LanePair residual = x - target;
            loss = loss + (0.5 * weight * (residual * residual));
            LanePair lambda = weight * residual;
            for (int k = steps - 1; k >= 0; k--)
            {
                LanePair y1 = trajectory[k];
                LanePair y2 = y1 + (halfH * (av * y1));
                LanePair y3 = y1 + (halfH * (av * y2));
                LanePair y4 = y1 + (h * (av * y3));
                LanePair kBar4 = (h / 6.0) * lambda;
                LanePair yBar4 = av * kBar4;
                LanePair kBar3 = h * (((1.0 / 3.0) * lambda) + yBar4);
                LanePair yBar3 = av * kBar3;
                LanePair kBar2 = h * (((1.0 / 3.0) * lambda) + (0.5 * yBar3));
                LanePair yBar2 = av * kBar2;
                LanePair kBar1 = h * (((1.0 / 6.0) * lambda) + (0.5 * yBar2));
                LanePair yBar1 = av * kBar1;
                gradient = gradient + (y1 * kBar1) + (y2 * kBar2) + (y3 * kBar3) + (y4 * kBar4);
                lambda = lambda + yBar1 + yBar2 + yBar3 + yBar4;
            }
        }

        return (loss.Sum(), gradient.Sum());
    }

    /// <summary>Backsolve of <c>[x, λ, z]</c> with RK4 from the horizon to 0 (paper Algorithm 1).</summary>
    public static (double Loss, double Gradient) ContinuousAdjoint(
        ReadOnlySpan<double> initialStates, ReadOnlySpan<double> targets, double a, double horizon, int steps)
    {
        double h = horizon / steps;
        double weight = 1.0 / initialStates.Length;
        LanePair av = LanePair.Splat(a);
        LanePair minusA = LanePair.Splat(-a);
        LanePair loss = LanePair.Zero;
        LanePair gradient = LanePair.Zero;
        Span<double> buffer = stackalloc double[2 * Group];
        double hb = -h;
        for (int first = 0; first < initialStates.Length; first += Group)
        {
            (LanePair x, LanePair target) = Load(initialStates, targets, first, buffer);
            for (int k = 0; k < steps; k++)
            {
                LanePair k1 = av * x;
                LanePair k2 = av * (x + ((0.5 * h) * k1));
                LanePair k3 = av * (x + ((0.5 * h) * k2));
                LanePair k4 = av * (x + (h * k3));
                x = x + ((h / 6.0) * (k1 + (2.0 * k2) + (2.0 * k3) + k4));
            }

            LanePair residual = x - target;
            loss = loss + (0.5 * weight * (residual * residual));

            // ẋ = a x, λ̇ = −a λ, ż = −x λ, integrated with step −h.
            LanePair lambda = weight * residual;
            LanePair z = LanePair.Zero;
            for (int k = 0; k < steps; k++)
            {
                LanePair fx1 = av * x;
                LanePair fl1 = minusA * lambda;
                LanePair fz1 = -(x * lambda);
                LanePair x2 = x + ((0.5 * hb) * fx1);
                LanePair l2 = lambda + ((0.5 * hb) * fl1);
                LanePair fx2 = av * x2;
                LanePair fl2 = minusA * l2;
                LanePair fz2 = -(x2 * l2);
                LanePair x3 = x + ((0.5 * hb) * fx2);
                LanePair l3 = lambda + ((0.5 * hb) * fl2);
                LanePair fx3 = av * x3;
                LanePair fl3 = minusA * l3;
                LanePair fz3 = -(x3 * l3);
                LanePair x4 = x + (hb * fx3);
                LanePair l4 = lambda + (hb * fl3);
                LanePair fx4 = av * x4;
                LanePair fl4 = minusA * l4;
                LanePair fz4 = -(x4 * l4);
                x = x + ((hb / 6.0) * (fx1 + (2.0 * fx2) + (2.0 * fx3) + fx4));
                lambda = lambda + ((hb / 6.0) * (fl1 + (2.0 * fl2) + (2.0 * fl3) + fl4));
                z = z + ((hb / 6.0) * (fz1 + (2.0 * fz2) + (2.0 * fz3) + fz4));
            }

            gradient = gradient + z;
        }

        return (loss.Sum(), gradient.Sum());
    }

    // Sixteen initial states and targets; past the end, zeros (a sample at rest on its target adds nothing).
    private static (LanePair States, LanePair Targets) Load(ReadOnlySpan<double> initialStates, ReadOnlySpan<double> targets, int first, Span<double> buffer)
    {
        int count = Math.Min(Group, initialStates.Length - first);
        buffer.Clear();
        initialStates.Slice(first, count).CopyTo(buffer);
        targets.Slice(first, count).CopyTo(buffer[Group..]);
        return (
            new LanePair(Vector512.Create(buffer[..8]), Vector512.Create(buffer.Slice(8, 8))),
            new LanePair(Vector512.Create(buffer.Slice(Group, 8)), Vector512.Create(buffer.Slice(Group + 8, 8))));
    }
}
