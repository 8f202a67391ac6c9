using System;
using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

[Collection(SymPyCollection.Name)]
public sealed class RandomModelPropertyTests(ITestOutputHelper output)
{
    // 10 assemblies × 50 models = 500 random models per run; one compilation per 50 keeps Roslyn's cost small.
    private const int ModelsPerAssembly = 50;
    private const int Assemblies = 10;

    [Fact]
    public void RandomModels_GeneratedDerivatives_AgreeWithSymPyDualAndFiniteDifferences()
    {
        // Two SymPy processes of the test's own, so that both cores check models while SymPy is the bottleneck, with a
        // longer request timeout than the default 60 s: the fixed seed draws a model (M34 of the second batch: nested
        // [Differentiable] calls under Cbrt, Log2 and Asin) whose proof of one entry takes close to a minute on this
        // machine and timed out once in CI. This property is about agreement; a slow proof is not a disagreement.
        var patient = new SymPyOracleOptions { RequestTimeout = TimeSpan.FromMinutes(5) };
        using var first = new SymPyOracle(patient);
        using var second = new SymPyOracle(patient);
        var checker = new RandomModelChecker(
            new ModelVerifier(first, RandomModelChecker.Options), new ModelVerifier(second, RandomModelChecker.Options));
        Gen<ModelSpec[]> batches = ModelGenerators.Model("M").Array[ModelsPerAssembly]
            .Select(specs => specs.Select((s, i) => s with { TypeName = "M" + i }).ToArray());
        int checkedModels = 0;
        int withFunctions = 0;
        var clock = Stopwatch.StartNew();
        PropertySeeds.Sample(
            batches,
            specs =>
            {
                string?[] failures = checker.Check(specs);
                checkedModels += specs.Length;
                withFunctions += specs.Count(s => s.Functions is { Count: > 0 });
                int first = Array.FindIndex(failures, f => f is not null);
                if (first >= 0)
                {
                    (ModelSpec minimal, string why, int rounds) = Shrinker.Shrink(specs[first], failures[first]!, checker.Check, TimeSpan.FromSeconds(90));
                    Assert.Fail(
                        $"{failures.Count(f => f is not null)} of {specs.Length} random models failed. The first, shrunk in {rounds} round(s) to:\n\n" +
                        CSharpRenderer.File([minimal]) + "\nfails with:\n" + why + "\n\nOriginal model:\n" + CSharpRenderer.File([specs[first]]) + "\n" + failures[first]);
                }
            },
            Assemblies,
            specs => $"batch of {specs.Length} models");
        output.WriteLine($"{checkedModels} random models verified in {clock.Elapsed.TotalSeconds:0.0} s ({withFunctions} calling random [Differentiable] functions); Jacobian entries proved by SymPy: {checker.ProvedEntries}, equal only numerically: {checker.NumericOnlyEntries}");
        Assert.True(checkedModels >= Assemblies * ModelsPerAssembly, $"only {checkedModels} models were checked");

        // One model in three draws functions: fewer than one in five would mean the generator stopped drawing them.
        Assert.True(withFunctions * 5 >= checkedModels, $"only {withFunctions} of {checkedModels} models called [Differentiable] functions");
    }
}
