using System;

namespace NeuralOdeGen;

/// <summary>
/// Hairer's automatic starting step (Hairer, Nørsett &amp; Wanner, Solving ODEs I, §II.4): balance the first two
/// derivatives against the tolerance. Shared by the explicit and the implicit adaptive steppers.
/// </summary>
internal static class StartingStep
{
    /// <summary>Estimates the first step size (positive) for a solve over <paramref name="span"/> (signed).</summary>
    /// <param name="system">The right-hand side (evaluated once, at the probe point).</param>
    /// <param name="time">The start time.</param>
    /// <param name="state">The state at <paramref name="time"/>.</param>
    /// <param name="derivative">The right-hand side at the start.</param>
    /// <param name="probe">Scratch for the probe state (length of the state).</param>
    /// <param name="probeDerivative">Scratch for the right-hand side at the probe (length of the state).</param>
    /// <param name="span">The signed length of the solve.</param>
    /// <param name="relativeTolerance">The relative tolerance.</param>
    /// <param name="absoluteTolerance">The absolute tolerance.</param>
    /// <param name="order">The method's order.</param>
    /// <returns>The step size, at most <c>|span|</c>.</returns>
    public static double Estimate<TSystem>(
        ref TSystem system, double time, ReadOnlySpan<double> state, ReadOnlySpan<double> derivative, Span<double> probe, Span<double> probeDerivative,
        double span, double relativeTolerance, double absoluteTolerance, int order)
        where TSystem : struct, IOdeSystem
    {
        int n = state.Length;
        double d0 = 0.0;
        double d1 = 0.0;
        for (int i = 0; i < n; i++)
        {
            double scale = absoluteTolerance + (relativeTolerance * Math.Abs(state[i]));
            d0 += (state[i] / scale) * (state[i] / scale);
            d1 += (derivative[i] / scale) * (derivative[i] / scale);
        }

        d0 = Math.Sqrt(d0 / n);
        d1 = Math.Sqrt(d1 / n);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(h0, Math.Abs(span));
        double direction = Math.Sign(span);
        for (int i = 0; i < n; i++)
        {
            probe[i] = state[i] + (direction * h0 * derivative[i]);
        }

        system.Evaluate(time + (direction * h0), probe, probeDerivative);
        double d2 = 0.0;
        for (int i = 0; i < n; i++)
        {
            double scale = absoluteTolerance + (relativeTolerance * Math.Abs(state[i]));
            double difference = (probeDerivative[i] - derivative[i]) / scale;
            d2 += difference * difference;
        }

        d2 = Math.Sqrt(d2 / n) / h0;
        double largest = Math.Max(d1, d2);
        double h1 = largest <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / largest, 1.0 / (order + 1.0));
        double h = Math.Min(Math.Min(100.0 * h0, h1), Math.Abs(span));

        // Absurd tolerances can overflow the norms; fall back to a small fraction of the span.
        return h > 0.0 && double.IsFinite(h) ? h : 1e-6 * Math.Abs(span);
    }
}
