using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NeuralOdeGen;

/// <summary>The per-iteration records of a training run, exportable to CSV.</summary>
public sealed class TrainingHistory : IReadOnlyList<TrainingRecord>
{
    private readonly List<TrainingRecord> _records;

    /// <summary>Creates a history from records (copied).</summary>
    public TrainingHistory(IEnumerable<TrainingRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records = [.. records];
    }

    /// <inheritdoc/>
    public int Count => _records.Count;

    /// <inheritdoc/>
    public TrainingRecord this[int index] => _records[index];

    /// <summary>
    /// Writes the history as CSV: <c>iteration,loss,gradient_norm,terminal_variance,step_norm,effective_step_size</c>
    /// and one column per parameter, doubles in invariant culture with round-trip ("R") precision.
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <param name="parameterNames">Column names for the parameters, or <see langword="null"/> for <c>theta0, theta1, …</c>.</param>
    /// <exception cref="ArgumentException">The number of names does not match the number of parameters.</exception>
    public void WriteCsv(TextWriter writer, IReadOnlyList<string>? parameterNames = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int m = _records.Count == 0 ? parameterNames?.Count ?? 0 : _records[0].Parameters.Length;
        if (parameterNames is not null && parameterNames.Count != m)
        {
            throw new ArgumentException($"Got {parameterNames.Count} parameter names for {m} parameters.", nameof(parameterNames));
        }

        var line = new StringBuilder("iteration,loss,gradient_norm,terminal_variance,step_norm,effective_step_size");
        for (int k = 0; k < m; k++)
        {
            line.Append(',').Append(parameterNames is null ? "theta" + k.ToString(CultureInfo.InvariantCulture) : parameterNames[k]);
        }

        writer.Write(line.Append('\n'));
        foreach (TrainingRecord record in _records)
        {
            line.Clear().Append(record.Iteration.ToString(CultureInfo.InvariantCulture));
            AppendDouble(line, record.Loss);
            AppendDouble(line, record.GradientNorm);
            AppendDouble(line, record.TerminalVariance);
            AppendDouble(line, record.StepNorm);
            AppendDouble(line, record.EffectiveStepSize);
            foreach (double p in record.Parameters)
            {
                AppendDouble(line, p);
            }

            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>Returns the CSV text written by <see cref="WriteCsv"/>.</summary>
    public string ToCsv(IReadOnlyList<string>? parameterNames = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(writer, parameterNames);
        return writer.ToString();
    }

    /// <inheritdoc/>
    public IEnumerator<TrainingRecord> GetEnumerator() => _records.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void AppendDouble(StringBuilder line, double value) =>
        line.Append(',').Append(value.ToString("R", CultureInfo.InvariantCulture));
}
