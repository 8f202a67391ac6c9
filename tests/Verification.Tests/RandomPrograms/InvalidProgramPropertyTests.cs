using System;
using System.Collections.Generic;
using CsCheck;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Verification.Tests.Compilation;
using Xunit.Abstractions;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>
/// The generator over random valid, invalid (one planted defect each) and damaged (a random span deleted) programs.
/// By default each property checks a small fixed-seed sample (<see cref="PropertySeeds"/>); with
/// <c>NEURALODE_FUZZ_COUNT</c> set they fuzz at scale with fresh, logged seeds (<see cref="FuzzRun"/>, scripts/fuzz.sh).
/// </summary>
public sealed class InvalidProgramPropertyTests(ITestOutputHelper output)
{
    // 4 generator runs × 50 programs = 200 invalid programs, every defect many times over.
    private const int ProgramsPerRun = 50;
    private const int Runs = 4;

    // Valid programs by default: one compilation of generated code for 20 models.
    private const int ValidProgramsByDefault = 20;

    private static readonly Gen<(ModelSpec Spec, Defect Defect)> InvalidProgram = Gen.Select(ModelGenerators.Model("Bad"), Gen.Enum<Defect>());

    /// <summary>Deleting a random span from a valid program leaves arbitrary broken syntax; the generator must stay calm.</summary>
    private static readonly Gen<(string Source, int Start, int Length)> DamagedProgram =
        from spec in ModelGenerators.Model("Damaged")
        let source = CSharpRenderer.File([spec])
        from start in Gen.Int[0, source.Length - 1]
        from length in Gen.Int[1, 40]
        select (source, start, Math.Min(length, source.Length - start));

    [Fact]
    public void RandomInvalidPrograms_EachDefect_YieldsItsDiagnosticInItsFileAndNoSource()
    {
        if (FuzzRun.Count is { } count)
        {
            Fuzz("invalid", InvalidProgram, count, CheckInvalid, item => InvalidProgramRenderer.File(item.Spec, item.Defect));
            return;
        }

        PropertySeeds.Sample(
            InvalidProgram.Array[ProgramsPerRun],
            items => AssertAllPass(CheckInvalid(items)),
            Runs,
            items => string.Join(", ", items.Select(i => i.Defect)));
    }

    [Fact]
    public void RandomlyDamagedPrograms_Generator_NeverThrowsOrReportsInternalError()
    {
        if (FuzzRun.Count is { } count)
        {
            Fuzz("damaged", DamagedProgram, count, CheckDamaged, p => p.Source.Remove(p.Start, p.Length));
            return;
        }

        PropertySeeds.Sample(
            DamagedProgram.Array[ProgramsPerRun],
            programs => AssertAllPass(CheckDamaged(programs)),
            Runs,
            programs => string.Join("\n----\n", programs.Select(p => p.Source.Remove(p.Start, p.Length))));
    }

    [Fact]
    public void RandomValidPrograms_Generator_ReportsNothingAndEmitsCompilingCode()
    {
        // The SymPy property test checks 500 valid models in depth; this one checks only the generator's answer, cheaply
        // enough to fuzz ten thousand programs. By default one batch of 20 (about a second: CI time stays as it was).
        Gen<ModelSpec> valid = ModelGenerators.Model("M");
        if (FuzzRun.Count is { } count)
        {
            Fuzz("valid", valid, count, CheckValid, spec => CSharpRenderer.File([spec]));
            return;
        }

        PropertySeeds.Sample(
            valid.Array[ValidProgramsByDefault],
            specs => AssertAllPass(CheckValid(specs)),
            1,
            specs => CSharpRenderer.File(specs));
    }

    private void Fuzz<T>(string kind, Gen<T> gen, int count, Func<IReadOnlyList<T>, string?[]> check, Func<T, string> print)
    {
        FuzzResult result = FuzzRun.Run(kind, gen, count, check, print);
        output.WriteLine(result.Summary);
        result.AssertNoFailure();
    }

    private static void AssertAllPass(string?[] verdicts)
    {
        string[] failures = verdicts.Where(v => v is not null).Select(v => v!).ToArray();
        Assert.True(failures.Length == 0, $"{failures.Length} of {verdicts.Length} programs failed:\n" + string.Join("\n====\n", failures));
    }

    /// <summary>Each defect: its diagnostic in its own file, and no source for that type (nor a crash or NODE999).</summary>
    private static string?[] CheckInvalid(IReadOnlyList<(ModelSpec Spec, Defect Defect)> batch)
    {
        (ModelSpec Spec, Defect Defect)[] items = batch.Select((item, i) => (item.Spec with { TypeName = "Bad" + i }, item.Defect)).ToArray();
        string[] sources = items.Select(item => InvalidProgramRenderer.File(item.Spec, item.Defect)).ToArray();
        GeneratorOutcome outcome = InMemoryCompiler.RunGenerator(sources);
        string[] hints = outcome.RunResult.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).ToArray();
        var verdicts = new string?[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            string file = $"Model{i}.cs";
            Diagnostic[] mine = outcome.GeneratorDiagnostics.Where(d => d.Location.GetLineSpan().Path == file).ToArray();
            string expected = InvalidProgramRenderer.ExpectedId(items[i].Defect);
            string[] ids = mine.Select(d => d.Id).ToArray();
            verdicts[i] = FuzzRun.GeneratorException(outcome)
                ?? FuzzRun.InternalError(outcome.GeneratorDiagnostics.Where(d => d.Location.GetLineSpan().Path == file || !d.Location.IsInSource));
            if (verdicts[i] is null && !ids.Contains(expected))
            {
                verdicts[i] = $"{items[i].Defect}: expected {expected}, got [{string.Join(", ", ids)}] for\n{sources[i]}";
            }

            // With two [Dynamics] methods the generator keeps the first as the type's model and flags the second
            // (NODE003 sits on the second), so only there may a source remain.
            if (verdicts[i] is null && items[i].Defect != Defect.TwoDynamicsMethods &&
                hints.Any(h => h.Contains("." + items[i].Spec.TypeName + ".", StringComparison.Ordinal)))
            {
                verdicts[i] = $"{items[i].Defect}: a source was emitted for {items[i].Spec.TypeName} despite {expected}:\n{sources[i]}";
            }
        }

        return verdicts;
    }

    /// <summary>No crash and no NODE999, whatever the damage (any other diagnostic is a fine answer).</summary>
    private static string?[] CheckDamaged(IReadOnlyList<(string Source, int Start, int Length)> programs)
    {
        string[] sources = programs.Select((p, i) => p.Source.Remove(p.Start, p.Length).Replace("Damaged", "Damaged" + i, StringComparison.Ordinal)).ToArray();
        GeneratorOutcome outcome = InMemoryCompiler.RunGenerator(sources);
        string? crash = FuzzRun.GeneratorException(outcome);
        return sources.Select((source, i) =>
            (crash ?? FuzzRun.InternalError(outcome.GeneratorDiagnostics.Where(d => d.Location.GetLineSpan().Path == $"Model{i}.cs" || !d.Location.IsInSource))) is { } failure
                ? failure + "\n" + source
                : null).ToArray();
    }

    /// <summary>A valid program: no crash, no generator diagnostic at all, and the generated code compiles.</summary>
    private static string?[] CheckValid(IReadOnlyList<ModelSpec> batch)
    {
        ModelSpec[] specs = batch.Select((s, i) => s with { TypeName = "M" + i }).ToArray();
        string[] sources = specs.Select(s => CSharpRenderer.File([s])).ToArray();
        GeneratorOutcome outcome = InMemoryCompiler.RunGenerator(sources);
        string? crash = FuzzRun.GeneratorException(outcome);
        Diagnostic[] compileErrors = outcome.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        var verdicts = new string?[specs.Length];
        for (int i = 0; i < specs.Length; i++)
        {
            string file = $"Model{i}.cs";
            string typePart = "." + specs[i].TypeName + ".";
            Diagnostic[] mine = outcome.GeneratorDiagnostics.Where(d => d.Location.GetLineSpan().Path == file || !d.Location.IsInSource).ToArray();
            Diagnostic[] errors = compileErrors.Where(d => d.Location.GetLineSpan().Path is { } path && (path == file || path.Contains(typePart, StringComparison.Ordinal))).ToArray();
            verdicts[i] = crash ?? FuzzRun.InternalError(mine)
                ?? (mine.Length > 0 ? "valid program rejected: " + string.Join("; ", mine.Select(d => d.ToString())) + "\n" + sources[i] : null)
                ?? (errors.Length > 0 ? "generated code does not compile: " + string.Join("; ", errors.Take(5).Select(d => d.ToString())) + "\n" + sources[i] : null);
        }

        return verdicts;
    }
}
