using System;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>Helpers shared by the gradient tests: finite differences of a problem's loss and error measures.</summary>
internal static class GradientChecks
{
    /// <summary>Central differences of <see cref="OdeProblem{TModel}.EvaluateLoss(System.ReadOnlySpan{double})"/> (same solver and grid as the gradient).</summary>
    public static double[] CentralDifferences<TModel>(OdeProblem<TModel> problem, double[] theta, double relativeStep = 1e-6)
        where TModel : struct, IOdeModel<TModel>
    {
        double[] gradient = new double[theta.Length];
        for (int k = 0; k < theta.Length; k++)
        {
            double step = relativeStep * Math.Max(1.0, Math.Abs(theta[k]));
            double[] plus = (double[])theta.Clone();
            double[] minus = (double[])theta.Clone();
            plus[k] += step;
            minus[k] -= step;
            gradient[k] = (problem.EvaluateLoss(plus) - problem.EvaluateLoss(minus)) / (plus[k] - minus[k]);
        }

        return gradient;
    }

    /// <summary>
    /// Richardson-extrapolated central differences, <c>(4·D(δ/2) − D(δ))/3</c>: truncation O(δ⁴) instead of O(δ²), so a
    /// larger step (less rounding) reaches ~1e-11 relative accuracy on smooth losses.
    /// </summary>
    public static double[] RichardsonDifferences<TModel>(OdeProblem<TModel> problem, double[] theta, double relativeStep = 1e-3)
        where TModel : struct, IOdeModel<TModel>
    {
        double[] coarse = CentralDifferences(problem, theta, relativeStep);
        double[] fine = CentralDifferences(problem, theta, relativeStep / 2);
        double[] extrapolated = new double[theta.Length];
        for (int k = 0; k < theta.Length; k++)
        {
            extrapolated[k] = ((4.0 * fine[k]) - coarse[k]) / 3.0;
        }

        return extrapolated;
    }

    /// <summary>‖actual − expected‖∞ / ‖expected‖∞.</summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        double difference = 0.0;
        double scale = 0.0;
        for (int k = 0; k < expected.Length; k++)
        {
            difference = Math.Max(difference, Math.Abs(actual[k] - expected[k]));
            scale = Math.Max(scale, Math.Abs(expected[k]));
        }

        return difference / scale;
    }

    public static string Format(ReadOnlySpan<double> values)
    {
        var parts = new string[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            parts[k] = values[k].ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
