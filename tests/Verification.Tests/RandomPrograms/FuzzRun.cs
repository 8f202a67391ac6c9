using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using CsCheck;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Verification.Tests.Compilation;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>
/// Fuzzing at scale, switched on by environment variables (see <c>scripts/fuzz.sh</c> and docs/quality.md); without
/// them the property tests keep their fixed seed and small counts (<see cref="PropertySeeds"/>).
/// <list type="bullet">
/// <item><c>NEURALODE_FUZZ_COUNT=N</c>: each fuzzing property checks N programs, each drawn from a fresh seed.</item>
/// <item><c>NEURALODE_FUZZ_SEEDS=path</c>: every program's seed is appended there, one line each (kind, index, seed).</item>
/// <item><c>NEURALODE_FUZZ_REPLAY=seed</c>: checks only the program drawn from that seed (with N = 1).</item>
/// </list>
/// A program's seed is a CsCheck seed string: the program is <c>gen.Generate(PCG.Parse(seed))</c>, so one logged line
/// reproduces it alone. Programs are checked in batches of <see cref="BatchSize"/> (one compilation each, as in the
/// property tests); a failing batch is re-run program by program so that every failure names its own seed.
/// </summary>
internal static class FuzzRun
{
    public const int BatchSize = 50;

    /// <summary>Gets the number of programs per property, or <see langword="null"/> when not fuzzing.</summary>
    public static int? Count
    {
        get
        {
            if (Environment.GetEnvironmentVariable("NEURALODE_FUZZ_REPLAY") is { Length: > 0 })
            {
                return 1;
            }

            string? text = Environment.GetEnvironmentVariable("NEURALODE_FUZZ_COUNT");
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0
                ? count
                : throw new InvalidOperationException($"NEURALODE_FUZZ_COUNT must be a positive integer, not '{text}'.");
        }
    }

    /// <summary>
    /// Draws <paramref name="count"/> programs of <paramref name="gen"/>, each from its own fresh seed (logged before it
    /// is checked, so a crash of the test process still leaves it in the file), checks them in batches with
    /// <paramref name="checkBatch"/> (one failure message per program, or <see langword="null"/>), and returns the
    /// failures with their seeds.
    /// </summary>
    public static FuzzResult Run<T>(string kind, Gen<T> gen, int count, Func<IReadOnlyList<T>, string?[]> checkBatch, Func<T, string> print)
    {
        string? replay = Environment.GetEnvironmentVariable("NEURALODE_FUZZ_REPLAY");
        string? seedsPath = Environment.GetEnvironmentVariable("NEURALODE_FUZZ_SEEDS");
        var master = new PCG((uint)Environment.ProcessId, (ulong)Stopwatch.GetTimestamp() ^ (ulong)Random.Shared.NextInt64());
        var failures = new List<FuzzFailure>();
        var clock = Stopwatch.StartNew();
        using StreamWriter? log = seedsPath is null ? null : new StreamWriter(seedsPath, append: true) { AutoFlush = true };
        log?.WriteLine($"# {kind}: {count} programs, started {DateTime.UtcNow:O}");
        for (int start = 0; start < count; start += BatchSize)
        {
            int size = Math.Min(BatchSize, count - start);
            var seeds = new string[size];
            var programs = new T[size];
            for (int i = 0; i < size; i++)
            {
                PCG pcg = replay is { Length: > 0 } ? PCG.Parse(replay) : new PCG(master.Next(), master.Next64());
                seeds[i] = pcg.ToString();
                programs[i] = gen.Generate(pcg, null, out _);
                log?.WriteLine($"{kind} {start + i} {seeds[i]}");
            }

            string?[] verdicts = Guarded(checkBatch, programs);
            if (Array.TrueForAll(verdicts, v => v is null))
            {
                continue;
            }

            // Attribute the failure: each program alone (a batch-level failure such as a driver exception names no program).
            for (int i = 0; i < size; i++)
            {
                string? alone = Guarded(checkBatch, [programs[i]])[0] ?? verdicts[i];
                if (alone is not null)
                {
                    failures.Add(new FuzzFailure(kind, seeds[i], alone, print(programs[i])));
                    log?.WriteLine($"FAIL {kind} {seeds[i]}: {FirstLine(alone)}");
                }
            }
        }

        var result = new FuzzResult(kind, count, failures, clock.Elapsed);
        log?.WriteLine("# " + result.Summary);
        return result;
    }

    /// <summary>Exceptions the generator threw (caught by the driver), as a message, or <see langword="null"/>.</summary>
    public static string? GeneratorException(GeneratorOutcome outcome)
    {
        Exception[] exceptions = outcome.RunResult.Results.Where(r => r.Exception is not null).Select(r => r.Exception!).ToArray();
        return exceptions.Length == 0 ? null : "CRASH generator threw: " + string.Join("\n", exceptions.Select(e => e.ToString()));
    }

    /// <summary>Internal-error diagnostics (NODE999), as a message, or <see langword="null"/>.</summary>
    public static string? InternalError(IEnumerable<Diagnostic> diagnostics)
    {
        Diagnostic[] internalErrors = diagnostics.Where(d => d.Id == "NODE999").ToArray();
        return internalErrors.Length == 0 ? null : "NODE999 " + string.Join("\n", internalErrors.Select(d => d.ToString()));
    }

    private static string?[] Guarded<T>(Func<IReadOnlyList<T>, string?[]> checkBatch, T[] programs)
    {
        try
        {
            return checkBatch(programs);
        }
        catch (Exception exception)
        {
            // An exception out of the driver or the compiler API is a crash of the whole batch.
            return Enumerable.Repeat<string?>("CRASH " + exception, programs.Length).ToArray();
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0];
}

/// <summary>One program that failed a fuzzing property: its kind, seed, why, and its source.</summary>
internal sealed record FuzzFailure(string Kind, string Seed, string Reason, string Program)
{
    public bool IsCrash => Reason.StartsWith("CRASH", StringComparison.Ordinal);

    public bool IsInternalError => Reason.StartsWith("NODE999", StringComparison.Ordinal);

    public override string ToString() => $"[{Kind} seed {Seed}] {Reason}\n{Program}";
}

/// <summary>The outcome of one fuzzing property.</summary>
internal sealed record FuzzResult(string Kind, int Programs, IReadOnlyList<FuzzFailure> Failures, TimeSpan Elapsed)
{
    public string Summary =>
        $"FUZZ {Kind}: programs={Programs} crashes={Failures.Count(f => f.IsCrash)} node999={Failures.Count(f => f.IsInternalError)} " +
        $"other-failures={Failures.Count(f => !f.IsCrash && !f.IsInternalError)} seconds={Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}";

    /// <summary>Fails the test with every failure (seed and program) when there is any.</summary>
    public void AssertNoFailure()
    {
        Assert.True(
            Failures.Count == 0,
            Summary + "\n" + string.Join("\n====\n", Failures.Take(20).Select(f => f.ToString())) + "\nReproduce one with NEURALODE_FUZZ_REPLAY=<seed>.");
    }
}
