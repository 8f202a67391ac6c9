using System;

namespace NeuralOdeGen;

/// <summary>
/// Cubic Hermite interpolation over one step from the states and derivatives at both ends (third order: local error
/// <c>O(h⁴)</c>); the dense output of every method whose tableau has no interpolant of its own. One formula for the
/// steppers and <see cref="Solution"/>, so a saved point and <see cref="Solution.Evaluate"/> agree to the bit.
/// </summary>
internal static class CubicHermite
{
    /// <summary>Writes <c>y(t₀ + θh)</c> from <c>y₀, f₀</c> at the step's start and <c>y₁, f₁</c> at its end.</summary>
    public static void Interpolate(
        double theta, double h, ReadOnlySpan<double> y0, ReadOnlySpan<double> f0, ReadOnlySpan<double> y1, ReadOnlySpan<double> f1, Span<double> y)
    {
        double theta2 = theta * theta;
        double theta3 = theta2 * theta;
        double h00 = (2.0 * theta3) - (3.0 * theta2) + 1.0;
        double h10 = (theta3 - (2.0 * theta2) + theta) * h;
        double h01 = (3.0 * theta2) - (2.0 * theta3);
        double h11 = (theta3 - theta2) * h;
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = (h00 * y0[i]) + (h10 * f0[i]) + (h01 * y1[i]) + (h11 * f1[i]);
        }
    }
}
