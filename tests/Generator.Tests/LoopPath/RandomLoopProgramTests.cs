using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// Random loop programs (<see cref="RandomLoopProgram"/>): every valid one generates the same derivatives on the loop
/// path as on the unrolled path, and lane members equal to its scalar members bit for bit; no damaged one makes the generator throw or report an internal error. By default
/// (CI) a fixed set of seeds; with the fuzzing variables of docs/quality.md ("Fuzzing at scale") fresh seeds at scale:
/// <c>NEURALODE_FUZZ_COUNT=N</c> programs of each kind, every seed logged to <c>NEURALODE_FUZZ_SEEDS</c> before it is
/// checked, <c>NEURALODE_FUZZ_REPLAY=seed</c> for one program (an integer seed here).
/// </summary>
public sealed class RandomLoopProgramTests
{
    // Both paths compute the same sums in another association order; a random program's longest chain is about 5
    // stages of at most 5-term sums through bounded functions, whose rounding stays within ~1e-14 of max(1, |value|).
    // 1e-12 leaves two orders of magnitude for cancellation and still fails on any wrong derivative term.
    private const double Tolerance = 1e-12;

    // Seeds whose programs once failed, checked in CI from then on. 906059591: a reduction read only by a dead local left an
    // unused adjoint local (CS0219) in the loop VJP.
    private static readonly int[] RegressionSeeds = [906059591];

    // Programs per compilation: one generator run and one emit per path and batch.
    private const int BatchSize = 20;

    [Fact]
    public void ValidLoopPrograms_LoopPathAgreesWithUnrolledPathAndDualNumbers_AndLanesWithScalarMembers()
    {
        int[] seeds = Seeds(defaultCount: 16, kind: "loop-valid");
        var failures = new List<string>();
        int beyondCap = 0;
        foreach (int[] batch in seeds.Chunk(BatchSize))
        {
            RandomLoopProgram[] programs = batch.Select((seed, i) => RandomLoopProgram.Draw(seed, "Loop" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
            string?[] messages = BothPaths.Compare(
                RandomLoopProgram.CompilationUnit(programs),
                programs.Select(p => new BothPaths.Model("Demo." + p.TypeName, p.StateCount, p.ParameterCount)).ToArray(),
                Tolerance,
                out bool[] tooLarge,
                LanesMatchScalarMembers);
            beyondCap += tooLarge.Count(b => b);
            for (int i = 0; i < programs.Length; i++)
            {
                if (messages[i] is { } message)
                {
                    failures.Add($"seed {programs[i].Seed}: {message}\n{programs[i].Declaration}");
                }
            }
        }

        Log("loop-valid", seeds.Length, failures, $", {beyondCap} too large to unroll (not compared)");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        // Nested functions of composed layers can outgrow the unrolled path's size cap; most programs must still compare.
        Assert.True(beyondCap * 4 <= seeds.Length, $"{beyondCap} of {seeds.Length} programs were too large to unroll");
    }

    /// <summary>
    /// The lane members of a loop-path model against its scalar members, bit for bit (the checks every generated model
    /// goes through, <see cref="Lanes.LaneCase{TModel}"/>); null when they agree.
    /// </summary>
    private static string? LanesMatchScalarMembers(Type model)
    {
        var lanes = (Lanes.ILaneCase)Activator.CreateInstance(typeof(Lanes.LaneCase<>).MakeGenericType(model), model.Name.Length, null)!;
        try
        {
            lanes.LaneMembersAreGenerated();
            lanes.EvaluateLanesMatchesEvaluateBitForBit();
            lanes.VectorJacobianProductLanesMatchesVectorJacobianProductBitForBit();
            return null;
        }
        catch (Exception exception) when (exception is Xunit.Sdk.XunitException or TargetInvocationException)
        {
            return $"{model.FullName} lanes: {exception.Message}";
        }
    }

    [Fact]
    public void DamagedLoopPrograms_NeverThrowNorReportAnInternalError()
    {
        int[] seeds = Seeds(defaultCount: 40, kind: "loop-damaged");
        var failures = new List<string>();
        foreach (int seed in seeds)
        {
            // A random span of 1–40 characters deleted from a valid program, kept on the loop path.
            string source = RandomLoopProgram.CompilationUnit([RandomLoopProgram.Draw(seed)]);
            var random = new Random(seed);
            int start = random.Next(source.Length);
            string damaged = source.Remove(start, Math.Min(random.Next(1, 41), source.Length - start));
            GeneratorRun run;
            try
            {
                run = GeneratorHarness.RunKeepingLoops(damaged);
            }
            catch (Exception exception)
            {
                failures.Add($"seed {seed}: the driver threw {exception.GetType().Name}: {exception.Message}");
                continue;
            }

            if (run.Exception is { } thrown)
            {
                failures.Add($"seed {seed}: the generator threw {thrown.GetType().Name}: {thrown.Message}\n{damaged}");
            }
            else if (run.Diagnostics.FirstOrDefault(d => d.Id == "NODE999") is { } internalError)
            {
                failures.Add($"seed {seed}: NODE999 {internalError.GetMessage(CultureInfo.InvariantCulture)}\n{damaged}");
            }
        }

        Log("loop-damaged", seeds.Length, failures);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void RandomLoopProgram_SameSeed_SameProgram_AndSeedsDiffer()
    {
        Assert.Equal(RandomLoopProgram.Draw(42).Declaration, RandomLoopProgram.Draw(42).Declaration);
        Assert.Equal(16, Enumerable.Range(1, 16).Select(seed => RandomLoopProgram.Draw(seed).Declaration).Distinct().Count());
    }

    /// <summary>The seeds to check: 1 … <paramref name="defaultCount"/> and the regression seeds, or fresh ones (logged) when fuzzing.</summary>
    private static int[] Seeds(int defaultCount, string kind)
    {
        if (Environment.GetEnvironmentVariable("NEURALODE_FUZZ_REPLAY") is { Length: > 0 } replay)
        {
            return int.TryParse(replay, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed)
                ? [seed]
                : [];
        }

        string? count = Environment.GetEnvironmentVariable("NEURALODE_FUZZ_COUNT");
        if (string.IsNullOrEmpty(count))
        {
            return [.. Enumerable.Range(1, defaultCount), .. RegressionSeeds];
        }

        int n = int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture);
        int[] seeds = Enumerable.Range(0, n).Select(_ => Random.Shared.Next()).ToArray();
        if (Environment.GetEnvironmentVariable("NEURALODE_FUZZ_SEEDS") is { Length: > 0 } path)
        {
            File.AppendAllLines(path, seeds.Select((seed, index) => $"{kind} {index} {seed}"));
        }

        return seeds;
    }

    private static void Log(string kind, int count, List<string> failures, string extra = "")
    {
        if (Environment.GetEnvironmentVariable("NEURALODE_FUZZ_SEEDS") is { Length: > 0 } path)
        {
            File.AppendAllLines(
                path,
                failures.Select(f => "FAIL " + kind + " " + f.Split('\n')[0])
                    .Append($"# FUZZ {kind}: {count} programs, {failures.Count} failures{extra}"));
        }
    }
}
