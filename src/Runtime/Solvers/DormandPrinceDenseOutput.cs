using System;

namespace NeuralOdeGen;

/// <summary>
/// Shampine's fourth-order continuous extension of Dormand–Prince 5(4) in Hairer's form (DOPRI5, CONTD5):
/// uses the step's seven stages, no extra evaluations. Coefficients from L. F. Shampine, Interpolation for
/// Runge–Kutta methods, SIAM J. Numer. Anal. 22 (1985), as tabulated in Hairer, Nørsett &amp; Wanner, §II.6.
/// </summary>
internal static class DormandPrinceDenseOutput
{
    private const double D1 = -12715105075.0 / 11282082432.0;
    private const double D3 = 87487479700.0 / 32700410799.0;
    private const double D4 = -10690763975.0 / 1880347072.0;
    private const double D5 = 701980252875.0 / 199316789632.0;
    private const double D6 = -1453857185.0 / 822651844.0;
    private const double D7 = 69997945.0 / 29380423.0;

    /// <summary>
    /// Writes <c>y(t0 + θh)</c> from the step's start and end states and its stages (row-major, 7×n).
    /// </summary>
    public static void Interpolate(
        double theta, double h, ReadOnlySpan<double> start, ReadOnlySpan<double> end, ReadOnlySpan<double> stages, Span<double> y)
    {
        int n = start.Length;
        double theta1 = 1.0 - theta;
        for (int i = 0; i < n; i++)
        {
            double k1 = stages[i];
            double k7 = stages[(6 * n) + i];
            double difference = end[i] - start[i];
            double spline = (h * k1) - difference;
            double cubic = difference - (h * k7) - spline;
            double quartic = h * ((D1 * k1) + (D3 * stages[(2 * n) + i]) + (D4 * stages[(3 * n) + i])
                + (D5 * stages[(4 * n) + i]) + (D6 * stages[(5 * n) + i]) + (D7 * k7));
            y[i] = start[i] + (theta * (difference + (theta1 * (spline + (theta * (cubic + (theta1 * quartic)))))));
        }
    }
}
