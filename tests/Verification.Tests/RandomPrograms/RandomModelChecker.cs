using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Verification.Tests.Compilation;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>
/// Compiles a batch of random models in one in-memory assembly (one file per model) and checks each: the generator
/// reports nothing, the code compiles, the user's own method agrees with the generated <c>Evaluate</c>, the generated
/// lane members agree bit for bit with the scalar ones (<see cref="LaneIdentity{TModel}"/>), and the
/// <see cref="ModelVerifier"/> report passes (SymPy proof, compiled, VJP/JVP, dual, finite differences).
/// </summary>
internal sealed class RandomModelChecker(params ModelVerifier[] verifiers)
{
    private int _provedEntries;
    private int _numericOnlyEntries;

    // The user's method and the generated Evaluate compute the same formula, possibly rearranged by the simplifier.
    private const double EvaluateRelativeTolerance = 1e-9;

    /// <summary>Points of the direct user-method check, as in <see cref="Options"/>.</summary>
    private static readonly double[] DirectProbe = [0.7, -1.3, 0.45, 1.9, -0.35, 1.1, -0.6];

    /// <summary>
    /// States and parameters in [−2, 2]: every random program is finite there (guarded calls). Entries SymPy cannot
    /// prove but that agree at 16 random 30-digit points pass (they are counted and printed by the property test).
    /// </summary>
    public static VerificationOptions Options => new()
    {
        AcceptNumericEquality = true,
        PointCount = 3,
        StateMinimum = -2,
        StateMaximum = 2,
        ParameterMinimum = -2,
        ParameterMaximum = 2,
        TimeMinimum = 0,
        TimeMaximum = 2,
    };

    /// <summary>Gets how many Jacobian entries of passing models SymPy proved equal.</summary>
    public int ProvedEntries => _provedEntries;

    /// <summary>Gets how many Jacobian entries of passing models agreed only numerically (no proof found).</summary>
    public int NumericOnlyEntries => _numericOnlyEntries;

    /// <summary>One entry per model: <see langword="null"/> when it passed, else why it failed.</summary>
    public string?[] Check(IReadOnlyList<ModelSpec> specs)
    {
        var failures = new string?[specs.Count];
        if (specs.Count == 0)
        {
            return failures;
        }

        string[] sources = specs.Select(s => CSharpRenderer.File([s])).ToArray();
        using CompiledAssembly compiled = InMemoryCompiler.CompileAndLoad(sources);
        if (!compiled.Succeeded)
        {
            // Attribute each error to its model (one file each, generated files named after the type), then check the rest.
            var broken = new Dictionary<int, List<string>>();
            foreach (Diagnostic error in compiled.Errors)
            {
                int index = ModelIndex(error, specs);
                if (index < 0)
                {
                    throw new InvalidOperationException("A compile error belongs to no model:\n" + compiled.DescribeErrors());
                }

                if (!broken.TryGetValue(index, out List<string>? list))
                {
                    broken[index] = list = [];
                }

                list.Add(error.ToString());
            }

            if (broken.Count == 0)
            {
                throw new InvalidOperationException("The batch failed without attributable errors:\n" + compiled.DescribeErrors());
            }

            foreach ((int index, List<string> errors) in broken)
            {
                failures[index] = "does not compile or the generator rejected it:\n  " + string.Join("\n  ", errors.Take(5));
            }

            int[] rest = Enumerable.Range(0, specs.Count).Where(i => !broken.ContainsKey(i)).ToArray();
            string?[] restFailures = Check(rest.Select(i => specs[i]).ToArray());
            for (int r = 0; r < rest.Length; r++)
            {
                failures[rest[r]] = restFailures[r];
            }

            return failures;
        }

        // One worker per verifier (each owns a SymPy process): model i goes to worker i mod k.
        var workers = new System.Threading.Tasks.Task[verifiers.Length];
        for (int w = 0; w < verifiers.Length; w++)
        {
            int worker = w;
            workers[w] = System.Threading.Tasks.Task.Run(() =>
            {
                for (int i = worker; i < specs.Count; i += verifiers.Length)
                {
                    failures[i] = CheckOne(verifiers[worker], compiled, specs[i]);
                }
            });
        }

        System.Threading.Tasks.Task.WaitAll(workers);
        return failures;
    }

    private static int ModelIndex(Diagnostic error, IReadOnlyList<ModelSpec> specs)
    {
        // Generator diagnostics carry external locations (no SourceTree), so read the path from the line span.
        string path = error.Location.GetLineSpan().Path ?? "";
        string file = System.IO.Path.GetFileName(path);
        if (file.StartsWith("Model", StringComparison.Ordinal) && int.TryParse(file.AsSpan(5, file.Length - 8), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            return index;
        }

        for (int i = 0; i < specs.Count; i++)
        {
            if (file.Contains("." + specs[i].TypeName + ".", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private string? CheckOne(ModelVerifier verifier, CompiledAssembly compiled, ModelSpec spec)
    {
        Type type = compiled.GetModelType(CSharpRenderer.Namespace + "." + spec.TypeName);
        try
        {
            string? direct = CompareWithUserMethod(type, spec);
            if (direct is not null)
            {
                return direct;
            }

            string? lanes = ((ILaneIdentity)Activator.CreateInstance(typeof(LaneIdentity<>).MakeGenericType(type))!).Check();
            if (lanes is not null)
            {
                return "lane members differ from the scalar members: " + lanes;
            }

            VerificationReport report = verifier.Verify(type);
            if (!report.Passed)
            {
                return report.ToText(includeFormulas: true);
            }

            System.Threading.Interlocked.Add(ref _provedEntries, report.Entries.Count(e => e.Verdict == SymbolicVerdict.Equal));
            System.Threading.Interlocked.Add(ref _numericOnlyEntries, report.Entries.Count(e => e.Verdict == SymbolicVerdict.EqualNumerically));
            return null;
        }
        catch (Exception e) when (e is TargetInvocationException or ArgumentException or InvalidOperationException)
        {
            return "threw " + e;
        }
    }

    /// <summary>The C# compiler's own meaning of the user's method against the generated Evaluate.</summary>
    private static string? CompareWithUserMethod(Type type, ModelSpec spec)
    {
        MethodInfo user = type.GetMethod(CSharpRenderer.MethodName, BindingFlags.Public | BindingFlags.Static)!;
        var functions = (IModelFunctions)Activator.CreateInstance(typeof(ModelFunctions<>).MakeGenericType(type))!;
        int n = spec.StateCount;
        int m = spec.ParameterCount;
        double[] x = new double[n];
        double[] p = new double[m];
        double t = 0.8;
        object[] arguments = new object[spec.Signature.Count];
        int state = 0;
        int parameter = 0;
        for (int i = 0; i < spec.Signature.Count; i++)
        {
            double value = DirectProbe[i % DirectProbe.Length];
            switch (spec.Signature[i].Kind)
            {
                case SlotKind.State:
                    x[state++] = value;
                    break;
                case SlotKind.Parameter:
                    p[parameter++] = value;
                    break;
                default:
                    t = value + 1.0;
                    value = t;
                    break;
            }

            arguments[i] = value;
        }

        object result = user.Invoke(null, arguments)!;
        double[] expected = result is ITuple tuple ? Enumerable.Range(0, tuple.Length).Select(i => (double)tuple[i]!).ToArray() : [(double)result];
        double[] actual = new double[n];
        functions.Evaluate(t, x, p, actual);
        for (int i = 0; i < n; i++)
        {
            if (!(Math.Abs(actual[i] - expected[i]) <= EvaluateRelativeTolerance * (1 + Math.Abs(expected[i]))))
            {
                return string.Create(CultureInfo.InvariantCulture, $"Evaluate disagrees with the user's method for output {i}: generated {actual[i]:R}, C# {expected[i]:R} at x = [{string.Join(", ", x)}], p = [{string.Join(", ", p)}], t = {t}");
            }
        }

        return null;
    }
}
