using System.Globalization;
using System.Text;

namespace NeuralOdeGen.Examples.Training;

/// <summary>Formats one training record: loss, terminal variance σ_t² and the parameters.</summary>
internal static class ProgressLine
{
    /// <summary>Gets the most parameters a line lists one by one; a network's are summarised by their Euclidean norm.</summary>
    public const int MaxListed = 8;

    /// <summary>The full line, for redirected output.</summary>
    public static string Format(TrainingRecord record, OdeModelInfo info)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"iter {record.Iteration,4}  loss {record.Loss:0.000e+00}  σ_t² {record.TerminalVariance:0.000e+00} ");
        if (record.Parameters.Length > MaxListed)
        {
            return text.Append(CultureInfo.InvariantCulture, $" |θ| {Norm(record.Parameters):0.######} ({record.Parameters.Length} parameters)").ToString();
        }

        for (int k = 0; k < record.Parameters.Length; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $" {info.ParameterNames[k]} {record.Parameters[k]:0.######}");
        }

        return text.ToString();
    }

    /// <summary>A short line that fits beside a progress bar: parameters without names, four significant digits.</summary>
    public static string Compact(TrainingRecord record)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"loss {record.Loss:0.00e+00} σ² {record.TerminalVariance:0.00e+00} ");
        if (record.Parameters.Length > MaxListed)
        {
            return text.Append(CultureInfo.InvariantCulture, $"|θ| {Norm(record.Parameters):G4}").ToString();
        }

        text.Append("θ [");
        for (int k = 0; k < record.Parameters.Length; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(k == 0 ? "" : " ")}{record.Parameters[k]:G4}");
        }

        return text.Append(']').ToString();
    }

    private static double Norm(double[] values)
    {
        double sum = 0.0;
        foreach (double value in values)
        {
            sum += value * value;
        }

        return System.Math.Sqrt(sum);
    }
}
