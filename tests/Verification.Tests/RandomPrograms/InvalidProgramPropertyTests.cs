using System;
using System.Collections.Generic;
using CsCheck;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Verification.Tests.Compilation;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

public sealed class InvalidProgramPropertyTests
{
    // 4 generator runs × 50 programs = 200 invalid programs, every defect many times over.
    private const int ProgramsPerRun = 50;
    private const int Runs = 4;

    [Fact]
    public void RandomInvalidPrograms_EachDefect_YieldsItsDiagnosticInItsFileAndNoSource()
    {
        Gen<(ModelSpec Spec, Defect Defect)[]> batches = Gen.Select(ModelGenerators.Model("Bad"), Gen.Enum<Defect>()).Array[ProgramsPerRun]
            .Select(items => items.Select((item, i) => (item.Item1 with { TypeName = "Bad" + i }, item.Item2)).ToArray());
        PropertySeeds.Sample(
            batches,
            items =>
            {
                string[] sources = items.Select(item => InvalidProgramRenderer.File(item.Spec, item.Defect)).ToArray();
                GeneratorOutcome outcome = InMemoryCompiler.RunGenerator(sources);
                AssertNoGeneratorCrash(outcome);
                string[] hints = outcome.RunResult.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).ToArray();
                for (int i = 0; i < items.Length; i++)
                {
                    string file = $"Model{i}.cs";
                    string expected = InvalidProgramRenderer.ExpectedId(items[i].Defect);
                    string[] ids = outcome.GeneratorDiagnostics.Where(d => d.Location.GetLineSpan().Path == file).Select(d => d.Id).ToArray();
                    Assert.True(
                        ids.Contains(expected),
                        $"{items[i].Defect}: expected {expected}, got [{string.Join(", ", ids)}] for\n{sources[i]}");
                    // With two [Dynamics] methods the generator keeps the first as the type's model and flags the second
                    // (NODE003 sits on the second), so only there may a source remain.
                    if (items[i].Defect != Defect.TwoDynamicsMethods)
                    {
                        Assert.DoesNotContain(hints, h => h.Contains("." + items[i].Spec.TypeName + ".", StringComparison.Ordinal));
                    }
                }
            },
            Runs,
            items => string.Join(", ", items.Select(i => i.Defect)));
    }

    [Fact]
    public void RandomlyDamagedPrograms_Generator_NeverThrowsOrReportsInternalError()
    {
        // Deleting a random span from a valid program leaves arbitrary broken syntax; the generator must stay calm.
        Gen<(string Source, int Start, int Length)> damaged =
            from spec in ModelGenerators.Model("Damaged")
            let source = CSharpRenderer.File([spec])
            from start in Gen.Int[0, source.Length - 1]
            from length in Gen.Int[1, 40]
            select (source, start, Math.Min(length, source.Length - start));
        PropertySeeds.Sample(
            damaged.Array[ProgramsPerRun],
            programs =>
            {
                string[] sources = programs.Select((p, i) => p.Source.Remove(p.Start, p.Length).Replace("Damaged", "Damaged" + i, StringComparison.Ordinal)).ToArray();
                AssertNoGeneratorCrash(InMemoryCompiler.RunGenerator(sources));
            },
            Runs,
            programs => string.Join("\n----\n", programs.Select(p => p.Source.Remove(p.Start, p.Length))));
    }

    private static void AssertNoGeneratorCrash(GeneratorOutcome outcome)
    {
        Exception[] exceptions = outcome.RunResult.Results.Where(r => r.Exception is not null).Select(r => r.Exception!).ToArray();
        Assert.True(exceptions.Length == 0, "generator threw: " + string.Join("\n", exceptions.Select(e => e.ToString())));
        Diagnostic[] internalErrors = outcome.GeneratorDiagnostics.Where(d => d.Id == "NODE999").ToArray();
        Assert.True(internalErrors.Length == 0, "NODE999: " + string.Join("\n", internalErrors.Select(d => d.ToString())));
    }
}
