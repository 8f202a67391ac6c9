using System;
using System.Diagnostics;
using System.Linq;
using NeuralOdeGen.Verification.Tests.Compilation;
using Xunit.Abstractions;

namespace NeuralOdeGen.Verification.Tests.LoopModels;

/// <summary>
/// Models whose loops are kept: the verifier checks them at full size against <c>EvaluateDual</c> and central differences
/// (sampled columns plus random directions through every entry), and hands the same method at small sizes (their
/// generated <c>SymbolicCheck</c> type) to SymPy.
/// </summary>
[Collection(SymPyCollection.Name)]
public sealed class LoopModelVerificationTests(SymPyFixture fixture, ITestOutputHelper output)
{
    // Weights of ±0.15 keep the 256-wide tanh layers out of saturation (pre-activations of order one), so the derivatives
    // checked are not all ~0. The tolerances are the verifier's defaults: 1e-9 relative (1e-10 absolute) for the exact
    // paths, whose sums differ only in order (≈ 256 terms of O(1): ε·256 ≈ 6e-14); 1e-5 (1e-6) for central differences.
    private static VerificationOptions Options() => new()
    {
        StateMinimum = -1.0,
        StateMaximum = 1.0,
        ParameterMinimum = -0.15,
        ParameterMaximum = 0.15,
        PointCount = 2,
    };

    private const string Mlp2502 = """
using System;
using NeuralOdeGen;

namespace Demo;

public partial struct Mlp
{
    public const int N = 2, H = 50;

    [Dynamics(SymbolicCheckSizes = "H=3")]
    public static void Rhs([State(N)] ReadOnlySpan<double> x, [Param(H * N)] ReadOnlySpan<double> w1, [Param(H)] ReadOnlySpan<double> b1,
        [Param(N * H)] ReadOnlySpan<double> w2, [Param(N)] ReadOnlySpan<double> b2, Span<double> dxdt)
    {
        Span<double> h = stackalloc double[H];
        for (int j = 0; j < H; j++)
        {
            double s = b1[j];
            for (int i = 0; i < N; i++)
            {
                s += w1[(j * N) + i] * x[i];
            }

            h[j] = Math.Tanh(s);
        }

        for (int i = 0; i < N; i++)
        {
            double s = b2[i];
            for (int j = 0; j < H; j++)
            {
                s += w2[(i * H) + j] * h[j];
            }

            dxdt[i] = s;
        }
    }
}
""";

    [Fact]
    public void Verify_Mlp2502KeepingLoops_EveryEntryAgreesWithDualsAndDifferences_SmallSizeProvedBySymPy()
    {
        using CompiledAssembly compiled = InMemoryCompiler.CompileAndLoad([Mlp2502], keepLoops: true);
        Assert.True(compiled.Succeeded, compiled.DescribeErrors());
        Type model = compiled.GetModelType("Demo.Mlp");

        VerificationReport report = new ModelVerifier(fixture.Oracle, Options()).Verify(model);
        output.WriteLine(report.ToText());

        Assert.True(report.Passed, report.ToText());
        Assert.False(report.SymbolicFormsWritten);

        // 254 columns, more than 64: both state columns and 62 sampled parameter columns; 2 right-hand sides, 64 × 2
        // entries, 2 directions × 2 rows.
        Assert.Equal(2 + (64 * 2) + (2 * 2), report.Entries.Count);
        Assert.All(report.Entries.Where(e => e.Entry.Kind != DerivativeKind.RightHandSide), e => Assert.True(e.Compiled.Compared > 0 && e.Products.Compared > 0, e.Entry.Label));
        Assert.Contains(report.Entries, e => e.Entry.Label == "J[x[1]]·d2");
        Assert.Equal(2 * 2, report.Entries.Count(e => e.Entry.Kind == DerivativeKind.State));

        // SymPy: the same method at H = 3 (2 + 4 + 2 × 17 entries), each proved.
        VerificationReport small = Assert.IsType<VerificationReport>(report.SymbolicCheck);
        Assert.True(small.SymbolicFormsWritten);
        Assert.Equal(2 + 4 + 34, small.Entries.Count);
        Assert.All(small.Entries.Skip(2), e => Assert.Equal(SymbolicVerdict.Equal, e.Verdict));
        Assert.Contains("SymPy: the same program at small sizes", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LatentMlp32x256x256x32_FullSizeNumericChecksPass_SmallSizeProvedBySymPy()
    {
        var stopwatch = Stopwatch.StartNew();
        VerificationReport report = new ModelVerifier(fixture.Oracle, Options()).Verify<LatentMlp>();
        stopwatch.Stop();
        output.WriteLine(report.ToText());
        output.WriteLine($"{stopwatch.Elapsed.TotalSeconds:F1} s");

        Assert.True(report.Passed, report.ToText());
        Assert.Equal((256 * 32) + 256 + (256 * 256) + 256 + (32 * 256) + 32, LatentMlp.ParameterCount);
        Assert.Equal(32 + (64 * 32) + (2 * 32), report.Entries.Count);

        // The whole state Jacobian is among the sampled columns (32 of 64).
        Assert.Equal(32 * 32, report.Entries.Count(e => e.Entry.Kind == DerivativeKind.State));

        // The shapes, not 82 464 names: the report groups the flattened names into their blocks.
        Assert.Contains("32 state(s) (x[32]), 82464 parameter(s) (w1[8192], b1[256], w2[65536], b2[256], w3[8192], b3[32])", report.ToText(), StringComparison.Ordinal);

        VerificationReport small = Assert.IsType<VerificationReport>(report.SymbolicCheck);
        Assert.Equal(typeof(LatentMlp.SymbolicCheck).FullName, small.ModelName);
        Assert.Equal(2, LatentMlp.SymbolicCheck.StateCount);
        Assert.Equal((2 * 2) + 2 + (2 * 2) + 2 + (2 * 2) + 2, LatentMlp.SymbolicCheck.ParameterCount);
        Assert.All(small.Entries.Skip(2), e => Assert.Equal(SymbolicVerdict.Equal, e.Verdict));
    }

    [Fact]
    public void Verify_WrongParameterJacobianEntryOutsideSampledColumns_FailsTheDirectionRowsOnCompiledPathOnly()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle, Options()).Verify<Faulty<WrongLoopParameterJacobian>>();

        Assert.False(report.Passed);
        EntryReport[] failed = [.. report.Entries.Where(e => !e.Passed)];
        Assert.NotEmpty(failed);

        // Only row 3 of the random directions: the wrong entry is dotted with a standard normal d_k (|d_k| ≳ 1e-3 but for
        // a 1-in-1000 draw, the seed fixes it), against EvaluateDual's value of J·d.
        Assert.All(failed, e => Assert.Equal(DerivativeKind.Direction, e.Entry.Kind));
        Assert.All(failed, e => Assert.Equal(3, e.Entry.Row));
        Assert.All(failed, e => Assert.False(e.Compiled.Passed));
        Assert.All(failed, e => Assert.True(e.Products.Passed));
    }

    [Fact]
    public void Verify_WrongVectorJacobianProductEntry_FailsTheProductsPathOnly()
    {
        VerificationReport report = new ModelVerifier(fixture.Oracle, Options()).Verify<Faulty<WrongLoopVectorJacobianProduct>>();

        Assert.False(report.Passed);
        EntryReport[] failed = [.. report.Entries.Where(e => !e.Passed)];
        Assert.NotEmpty(failed);
        Assert.All(failed, e => Assert.Equal(3, e.Entry.Row));
        Assert.All(failed, e => Assert.False(e.Products.Passed));
        Assert.All(failed, e => Assert.True(e.Compiled.Passed));
        Assert.Null(report.SymbolicCheck);
        Assert.Contains("SymPy: not run", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Info_LoopModel_HasFlattenedNamesInBlockShapesAndEmptySymbolicListsOfTheRightLengths()
    {
        OdeModelInfo info = LatentMlp.Info;
        Assert.Equal("LatentMlp", info.Name);
        Assert.Equal(Enumerable.Range(0, 32).Select(i => $"x[{i}]"), info.StateNames);
        Assert.Equal(82464, info.ParameterCount);
        Assert.Equal("w1[0]", info.ParameterNames[0]);
        Assert.Equal("w2[65535]", info.ParameterNames[8192 + 256 + 65535]);
        Assert.Equal("b3[31]", info.ParameterNames[^1]);
        Assert.Equal(
            [new NameBlock("w1", 0, 8192), new NameBlock("b1", 8192, 256), new NameBlock("w2", 8448, 65536), new NameBlock("b2", 73984, 256), new NameBlock("w3", 74240, 8192), new NameBlock("b3", 82432, 32)],
            NameBlocks.Of(info.ParameterNames));
        Assert.Null(info.TimeName);

        // No symbolic forms: lists of the contract's lengths (n, n·n, n·m = 2 638 848) whose every entry is "".
        Assert.Equal(32, info.RightHandSide.Count);
        Assert.Equal(32 * 32, info.StateJacobian.Count);
        Assert.Equal(32 * 82464, info.ParameterJacobian.Count);
        Assert.Equal("", info.ParameterJacobian[(32 * 82464) - 1]);
        Assert.All(info.RightHandSide, form => Assert.Equal("", form));

        // The small-size type of the same method has every form written out.
        OdeModelInfo small = LatentMlp.SymbolicCheck.Info;
        Assert.Equal(["x[0]", "x[1]"], small.StateNames);
        Assert.All(small.ParameterJacobian, form => Assert.NotEqual("", form));
        Assert.Contains("tanh", small.RightHandSide[0], StringComparison.Ordinal);
    }

    [Fact]
    public void NameBlocks_FlattenedNames_GroupIntoDeclaredBlocks()
    {
        var blocks = NameBlocks.Of(["a", "w[0]", "w[1]", "w[2]", "x[0]", "b", "y[1]"]);
        Assert.Equal(["a", "w[3]", "x[1]", "b", "y[1]"], blocks.Select(b => b.ToString()));
        Assert.Equal(new NameBlock("w", 1, 3), blocks[1]);

        // A name that only looks like an element without a block start stays a scalar.
        Assert.Equal(new NameBlock("y[1]", 6, 0), blocks[4]);
    }
}
