using System.Globalization;
using System.Text;

namespace NeuralOdeGen.Examples.Training;

/// <summary>Formats one training record: loss, terminal variance σ_t² and the parameters.</summary>
internal static class ProgressLine
{
    public static string Format(TrainingRecord record, OdeModelInfo info)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"iter {record.Iteration,4}  loss {record.Loss:0.000e+00}  σ_t² {record.TerminalVariance:0.000e+00} ");
        for (int k = 0; k < record.Parameters.Length; k++)
        {
            text.Append(CultureInfo.InvariantCulture, $" {info.ParameterNames[k]} {record.Parameters[k]:0.######}");
        }

        return text.ToString();
    }
}
