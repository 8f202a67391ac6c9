using System;

namespace NeuralOdeGen;

/// <summary><c>w · ½‖x − y‖²</c> and its gradient <c>w (x − y)</c>.</summary>
internal static class HalfSquaredError
{
    public static double Evaluate(ReadOnlySpan<double> predicted, ReadOnlySpan<double> target, double weight, Span<double> gradient)
    {
        double sum = 0.0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double residual = predicted[i] - target[i];
            sum += residual * residual;
            gradient[i] = weight * residual;
        }

        return 0.5 * weight * sum;
    }
}
