using System;

namespace NeuralOdeGen.Benchmarks.HandDerived;

/// <summary>
/// The practical limit: the paper problem's gradient (<c>f = a·x</c>, classic RK4, terminal MSE) written as
/// specialised scalar C# loops, with no spans, no generic model and no solver machinery. Same algorithms and
/// the same numbers (to rounding) as the runtime's <see cref="DiscreteAdjoint"/> and <see cref="ContinuousAdjoint"/>.
/// </summary>
public static class HandPaperGradient
{
    /// <summary>Reverse mode through the RK4 stages; <paramref name="trajectory"/> holds <c>steps + 1</c> states.</summary>
    /// <returns>The loss and <c>dLoss/da</c>.</returns>
    public static (double Loss, double Gradient) DiscreteAdjoint(
        ReadOnlySpan<double> initialStates, ReadOnlySpan<double> targets, double a, double horizon, int steps, Span<double> trajectory)
    {
        double h = horizon / steps;
        double halfH = 0.5 * h;
        double weight = 1.0 / initialStates.Length;
        double loss = 0.0;
        double gradient = 0.0;
        for (int sample = 0; sample < initialStates.Length; sample++)
        {
            double x = initialStates[sample];
            trajectory[0] = x;
            for (int k = 0; k < steps; k++)
            {
                double k1 = a * x;
                double k2 = a * (x + (halfH * k1));
                double k3 = a * (x + (halfH * k2));
                double k4 = a * (x + (h * k3));
                x += h * ((k1 + (2.0 * k2) + (2.0 * k3) + k4) / 6.0);
                trajectory[k + 1] = x;
            }

            double residual = x - targets[sample];
            loss += 0.5 * weight * residual * residual;
            double lambda = weight * residual;
            double sampleGradient = 0.0;
            for (int k = steps - 1; k >= 0; k--)
            {
                // Stages of step k, then K̄_j = h (b_j λ + Σ_l a_lj Ȳ_l), Ȳ_j = a K̄_j, ā += Y_j K̄_j.
                double y1 = trajectory[k];
                double y2 = y1 + (halfH * a * y1);
                double y3 = y1 + (halfH * a * y2);
                double y4 = y1 + (h * a * y3);
                double kBar4 = h * lambda / 6.0;
                double yBar4 = a * kBar4;
                double kBar3 = h * ((lambda / 3.0) + yBar4);
                double yBar3 = a * kBar3;
                double kBar2 = h * ((lambda / 3.0) + (0.5 * yBar3));
                double yBar2 = a * kBar2;
                double kBar1 = h * ((lambda / 6.0) + (0.5 * yBar2));
                double yBar1 = a * kBar1;
                sampleGradient += (y1 * kBar1) + (y2 * kBar2) + (y3 * kBar3) + (y4 * kBar4);
                lambda += yBar1 + yBar2 + yBar3 + yBar4;
            }

            gradient += sampleGradient;
        }

        return (loss, gradient);
    }

    /// <summary>Backsolve of <c>[x, λ, z]</c> with RK4 from the horizon to 0 (paper Algorithm 1).</summary>
    /// <returns>The loss and <c>dLoss/da</c>.</returns>
    public static (double Loss, double Gradient) ContinuousAdjoint(
        ReadOnlySpan<double> initialStates, ReadOnlySpan<double> targets, double a, double horizon, int steps)
    {
        double h = horizon / steps;
        double weight = 1.0 / initialStates.Length;
        double loss = 0.0;
        double gradient = 0.0;
        for (int sample = 0; sample < initialStates.Length; sample++)
        {
            double x = initialStates[sample];
            for (int k = 0; k < steps; k++)
            {
                double k1 = a * x;
                double k2 = a * (x + (0.5 * h * k1));
                double k3 = a * (x + (0.5 * h * k2));
                double k4 = a * (x + (h * k3));
                x += h * ((k1 + (2.0 * k2) + (2.0 * k3) + k4) / 6.0);
            }

            double residual = x - targets[sample];
            loss += 0.5 * weight * residual * residual;

            // ẋ = a x, λ̇ = −a λ, ż = −x λ, integrated with step −h.
            double lambda = weight * residual;
            double z = 0.0;
            double hb = -h;
            for (int k = 0; k < steps; k++)
            {
                double x1 = x;
                double l1 = lambda;
                double fx1 = a * x1;
                double fl1 = -a * l1;
                double fz1 = -x1 * l1;
                double x2 = x + (0.5 * hb * fx1);
                double l2 = lambda + (0.5 * hb * fl1);
                double fx2 = a * x2;
                double fl2 = -a * l2;
                double fz2 = -x2 * l2;
                double x3 = x + (0.5 * hb * fx2);
                double l3 = lambda + (0.5 * hb * fl2);
                double fx3 = a * x3;
                double fl3 = -a * l3;
                double fz3 = -x3 * l3;
                double x4 = x + (hb * fx3);
                double l4 = lambda + (hb * fl3);
                double fx4 = a * x4;
                double fl4 = -a * l4;
                double fz4 = -x4 * l4;
                x += hb * ((fx1 + (2.0 * fx2) + (2.0 * fx3) + fx4) / 6.0);
                lambda += hb * ((fl1 + (2.0 * fl2) + (2.0 * fl3) + fl4) / 6.0);
                z += hb * ((fz1 + (2.0 * fz2) + (2.0 * fz3) + fz4) / 6.0);
            }

            gradient += z;
        }

        return (loss, gradient);
    }
}
