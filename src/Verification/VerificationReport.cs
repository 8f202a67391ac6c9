using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NeuralOdeGen.Verification;

/// <summary>
/// The verification of one model: for every right-hand side and Jacobian entry, SymPy's symbolic verdict and the
/// error of each numeric path against SymPy's own values.
/// </summary>
public sealed class VerificationReport
{
    /// <summary>Creates a report.</summary>
    public VerificationReport(
        string modelName,
        string oracleDescription,
        OdeModelInfo? info,
        IReadOnlyList<IReadOnlyList<double>> points,
        IReadOnlyList<EntryReport> entries,
        IReadOnlyList<string> problems)
    {
        ModelName = modelName;
        OracleDescription = oracleDescription;
        Info = info;
        Points = points;
        Entries = entries;
        Problems = problems;
    }

    /// <summary>Gets the model's type name.</summary>
    public string ModelName { get; }

    /// <summary>Gets the description of the oracle that checked it.</summary>
    public string OracleDescription { get; }

    /// <summary>Gets the model's names and symbolic forms, or <see langword="null"/> when reading them failed.</summary>
    public OdeModelInfo? Info { get; }

    /// <summary>Gets the points compared at (states, parameters, then time when the model has one).</summary>
    public IReadOnlyList<IReadOnlyList<double>> Points { get; }

    /// <summary>Gets one row per right-hand side, then per state Jacobian entry, then per parameter Jacobian entry.</summary>
    public IReadOnlyList<EntryReport> Entries { get; }

    /// <summary>Gets problems that are not about one entry (shape mismatches, oracle failures, no finite point).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>
    /// Gets the checks of the hand-written derivatives (<see cref="DerivativeOfAttribute"/>) the model calls, each against
    /// central differences of its function; a failed one is also among <see cref="Problems"/>.
    /// </summary>
    public IReadOnlyList<CustomDerivativeCheck> CustomDerivatives { get; init; } = [];

    /// <summary>
    /// Gets whether <see cref="Info"/> carries symbolic forms (SymPy checked them). False for a model whose loops are kept:
    /// its entries are then a full-size numeric check (compiled paths against <c>EvaluateDual</c>, central differences as a
    /// floor, sampled columns and random directions <see cref="DerivativeKind.Direction"/>), and SymPy checks the same
    /// program at small sizes in <see cref="SymbolicCheck"/>.
    /// </summary>
    public bool SymbolicFormsWritten { get; init; } = true;

    /// <summary>
    /// Gets the full (SymPy) verification of the model's generated <c>SymbolicCheck</c> type: the same method at the
    /// small sizes of <see cref="DynamicsAttribute.SymbolicCheckSizes"/>; null when the model asks for none.
    /// </summary>
    public VerificationReport? SymbolicCheck { get; init; }

    /// <summary>Gets whether there are no problems, every entry passed and the small-size check (if any) passed.</summary>
    public bool Passed => Problems.Count == 0 && Entries.Count > 0 && Entries.All(e => e.Passed) && (SymbolicCheck?.Passed ?? true);

    /// <summary>Gets one line per problem and per failing entry (empty when <see cref="Passed"/>).</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            var failures = new List<string>(Problems);
            foreach (EntryReport entry in Entries.Where(e => !e.Passed))
            {
                var paths = new List<string>();
                if (entry.Verdict is not (SymbolicVerdict.Equal or SymbolicVerdict.NotApplicable) && !(entry.NumericEqualityAccepted && entry.Verdict == SymbolicVerdict.EqualNumerically))
                {
                    paths.Add($"symbolic {entry.Verdict}: {entry.SymbolicDetail}");
                }

                AddFailedPath(paths, "compiled", entry.Compiled);
                AddFailedPath(paths, "VJP/JVP", entry.Products);
                AddFailedPath(paths, "dual", entry.Dual);
                AddFailedPath(paths, "finite differences", entry.FiniteDifference);
                string reference = entry.Reference.Length == 0 ? "" : $", SymPy '{entry.Reference}'";
                failures.Add($"{entry.Entry.Label}: generated '{entry.Generated}'{reference}: {string.Join("; ", paths)}");
            }

            if (SymbolicCheck is { } small)
            {
                foreach (string failure in small.Failures)
                {
                    failures.Add($"{small.ModelName} (small sizes): {failure}");
                }
            }

            return failures;
        }
    }

    /// <summary>Renders the report as a text table (what <c>neuralode verify</c> prints).</summary>
    /// <param name="includeFormulas">Also list every generated and reference formula.</param>
    public string ToText(bool includeFormulas = false)
    {
        var text = new StringBuilder();
        IFormatProvider culture = CultureInfo.InvariantCulture;
        if (Info is { } info)
        {
            text.Append(culture, $"Model {ModelName}: {info.StateCount} state(s) ({NameList(info.StateNames)}), ");
            text.Append(culture, $"{info.ParameterCount} parameter(s) ({NameList(info.ParameterNames)})");
            text.AppendLine(info.TimeName is null ? "" : $", time {info.TimeName}");
        }
        else
        {
            text.AppendLine(culture, $"Model {ModelName}");
        }

        if (SymbolicFormsWritten)
        {
            text.AppendLine(culture, $"Oracle: {OracleDescription}; {Points.Count} point(s); errors are max abs/rel against SymPy's values");
        }
        else
        {
            text.AppendLine(culture, $"Loops kept (no symbolic forms): {Points.Count} point(s); errors are max abs/rel against EvaluateDual (the user's body over dual numbers); J[f]·d rows are random directions through every entry");
            text.AppendLine(SymbolicCheck is null
                ? "SymPy: not run (ask for a small-size check with [Dynamics(SymbolicCheckSizes = \"H=3\")])"
                : $"SymPy: the same program at small sizes, {SymbolicCheck.ModelName}: {(SymbolicCheck.Passed ? "passed" : "FAILED")} (below)");
        }

        if (CustomDerivatives.Count > 0)
        {
            // SymPy cannot evaluate user code: say which check each entry that calls it got.
            text.AppendLine("Entries calling functions with hand-written derivatives (user_…): the chain rule is checked by SymPy with the partials as undefined functions; compiled, VJP/JVP and dual values against central differences");
            foreach (CustomDerivativeCheck check in CustomDerivatives)
            {
                text.AppendLine(culture, $"Hand-written derivative {check.Derivative} of {check.Function}: {(check.Passed ? $"agrees with central differences at {check.Points} point(s)" : "FAIL: " + (check.Mismatch ?? "no point compared"))}");
            }
        }

        string[] header = ["entry", "symbolic", "compiled", "VJP/JVP", "dual", "finite diff", "result"];
        var rows = new List<string[]> { header };
        foreach (EntryReport entry in Entries)
        {
            rows.Add([
                entry.Entry.Label,
                entry.Verdict switch
                {
                    SymbolicVerdict.NotApplicable => "-",
                    SymbolicVerdict.EqualNumerically => "numeric",
                    _ => entry.Verdict.ToString().ToLowerInvariant(),
                },
                entry.Compiled.Format(),
                entry.Products.Format(),
                entry.Dual.Format(),
                entry.FiniteDifference.Format(),
                entry.Passed ? "ok" : "FAIL",
            ]);
        }

        int[] widths = new int[header.Length];
        foreach (string[] row in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        foreach (string[] row in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                text.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            text.AppendLine();
        }

        if (includeFormulas)
        {
            text.AppendLine("formulas (generated | SymPy):");
            foreach ((DerivativeEntry entry, string generated, string reference) in Formulas())
            {
                text.AppendLine(culture, $"  {entry.Label} = {generated}{(reference.Length == 0 ? "" : " | " + reference)}");
            }
        }

        if (SymbolicCheck is { } small)
        {
            text.AppendLine("--- small sizes (SymPy) ---");
            text.Append(small.ToText(includeFormulas));
            text.AppendLine("---");
        }

        IReadOnlyList<string> failures = Failures;
        if (Passed)
        {
            text.AppendLine(culture, $"PASSED: {Entries.Count} entries agree on every path.");
        }
        else
        {
            text.AppendLine(culture, $"FAILED: {failures.Count} problem(s):");
            foreach (string failure in failures)
            {
                text.AppendLine(culture, $"  {failure}");
            }
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToText();

    /// <summary>
    /// The names, or for a model whose loops are kept their blocks with shapes (<c>w1[6], b1[3], x</c>): the flattened
    /// names <c>w1[0]</c>… of a wide network run to tens of thousands.
    /// </summary>
    private string NameList(IReadOnlyList<string> names) =>
        SymbolicFormsWritten ? string.Join(", ", names) : string.Join(", ", NameBlocks.Of(names).Select(b => b.ToString()));

    /// <summary>
    /// Every formula of <see cref="Info"/>, with SymPy's derivative where an entry has one. Read from Info rather than
    /// from the entries so that the formulas are listed when the oracle failed before any entry was checked: that
    /// failure is exactly when they are needed to reproduce it.
    /// </summary>
    private List<(DerivativeEntry Entry, string Generated, string Reference)> Formulas()
    {
        var formulas = new List<(DerivativeEntry, string, string)>();
        if (Info is not { } info)
        {
            foreach (EntryReport entry in Entries)
            {
                formulas.Add((entry.Entry, entry.Generated, entry.Reference));
            }

            return formulas;
        }

        var references = new Dictionary<DerivativeEntry, string>();
        foreach (EntryReport entry in Entries)
        {
            references[entry.Entry] = entry.Reference;
        }

        int n = info.StateCount;
        int m = info.ParameterCount;
        for (int i = 0; i < n; i++)
        {
            Add(new DerivativeEntry(DerivativeKind.RightHandSide, i, 0, info.StateNames[i], null), info.RightHandSide[i]);
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Add(new DerivativeEntry(DerivativeKind.State, i, j, info.StateNames[i], info.StateNames[j]), info.StateJacobian[(i * n) + j]);
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < m; k++)
            {
                Add(new DerivativeEntry(DerivativeKind.Parameter, i, k, info.StateNames[i], info.ParameterNames[k]), info.ParameterJacobian[(i * m) + k]);
            }
        }

        return formulas;

        void Add(DerivativeEntry entry, string generated) => formulas.Add((entry, generated, references.GetValueOrDefault(entry, "")));
    }

    private static void AddFailedPath(List<string> paths, string name, PathError error)
    {
        if (!error.Passed)
        {
            paths.Add(string.Create(CultureInfo.InvariantCulture, $"{name} off at {error.Failed} point(s), max abs {error.MaxAbsolute:0.0e+00}, max rel {error.MaxRelative:0.0e+00}"));
        }
    }
}
