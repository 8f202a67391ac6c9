using System;
using System.Reflection;
using NeuralOdeGen.Generator.Tests.Infrastructure;
using NeuralOdeGen.Generator.Tests.Lanes;
using NeuralOdeGen.Generator.Tests.VectorForms;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// The lane members of models whose loops are kept (<c>Emit/ModelEmitter.LoopLanes.cs</c>), compiled in memory and put
/// through the same <see cref="LaneCase{TModel}"/> checks as the unrolled example models: every lane of
/// <c>EvaluateLanes</c> and <c>VectorJacobianProductLanes</c> equals the scalar member bit for bit, over random and special
/// inputs in blocks of 1, 2 and 3 vectors; bad block lengths throw; nothing is allocated.
/// </summary>
public sealed class LoopLaneTests
{
    /// <summary>
    /// Beyond the nets: the time, scalar states around a block, parameter-only subexpressions (exp(k)·sin(t), 1 + c[i]),
    /// a local reading itself, a product of two weights as a partial (the scalar member multiplies the adjoint by the
    /// first weight, then by the second), a scratch span added to, a local read across a loop (taped), <c>-=</c>, division
    /// and a square root. (Conditionals and loop counters as values keep a body unrolled.)
    /// </summary>
    private const string MixedSource = """
        using System;
        using NeuralOdeGen;

        namespace Demo;

        public partial struct Mixed
        {
            [Dynamics]
            public static void Rhs(
                double u, [State(3)] ReadOnlySpan<double> x, [Time] double t, Span<double> dxdt, double v,
                [Param] double k, [Param(6)] ReadOnlySpan<double> w, [Param(3)] ReadOnlySpan<double> c)
            {
                Span<double> g = stackalloc double[3];
                double scale = (Math.Exp(k) * Math.Sin(t)) + u;
                for (int i = 0; i < 3; i++)
                {
                    double a = (1.0 + c[i]) * x[i] * scale;
                    a = (a * w[i]) - (Math.Sqrt(1.0 + (a * a)) * w[i + 3]);
                    a = (a * a) - c[0];
                    g[i] = Math.Tanh(a) + (w[i] * w[i + 3] * x[i]);
                    g[i] -= c[1] / (1.0 + (x[i] * x[i]));
                }

                double total = 0.0;
                for (int i = 0; i < 3; i++)
                {
                    total += g[i] * g[i] * c[2];
                }

                dxdt[0] = (-k * u) + total;
                for (int i = 0; i < 3; i++)
                {
                    dxdt[i + 1] = g[i] - (v * x[i] * scale);
                }

                dxdt[4] = (u * v) - (t * total);
            }
        }
        """;

    [Theory]
    [InlineData(new[] { 2, 50, 2 }, false)]
    [InlineData(new[] { 2, 3, 2 }, false)]
    [InlineData(new[] { 2, 16, 12, 2 }, true)]
    [InlineData(new[] { 3, 5, 4, 3 }, false)]
    public void LoopLanes_TanhNet_EveryLaneEqualsScalarMembersBitForBit(int[] widths, bool gaussian)
    {
        ILaneCase lanes = Case(LoopMlp.Source(widths, gaussian), "Demo.Mlp", seed: widths[1]);

        CheckAll(lanes);
    }

    [Theory]
    [InlineData("BlockMlp")]
    [InlineData("MixedStates")]
    [InlineData("LinearTen")]
    public void LoopLanes_VectorFormModel_EveryLaneEqualsScalarMembersBitForBit(string model)
    {
        ILaneCase lanes = Case(VectorFormModels.Read(model), "NeuralOdeGen.Generator.Tests.VectorForms.Models." + model, seed: model.Length);

        CheckAll(lanes);
    }

    [Fact]
    public void LoopLanes_TimeScalarStatesAndTapes_EveryLaneEqualsScalarMembersBitForBit()
    {
        ILaneCase lanes = Case(MixedSource, "Demo.Mixed", seed: 11);

        CheckAll(lanes);
    }

    [Fact]
    public void LoopLanes_SpiralNet_BroadcastsWeightsAndKeepsLoops()
    {
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(LoopMlp.Source([2, 50, 2]));
        string source = run.SingleSourceText;

        // One product per weight and vector: the weight broadcast, the samples in the lanes, the user's loop kept.
        Assert.Contains("public static bool HasVectorLanes => true;", source, StringComparison.Ordinal);
        Assert.Contains("s += global::System.Runtime.Intrinsics.Vector256.Create(w1[(j * 2) + i]) * x[i];", source, StringComparison.Ordinal);
        Assert.Contains("h1[j] = global::NeuralOdeGen.LaneMath.Tanh(s);", source, StringComparison.Ordinal);
        Assert.Contains("vjpParameters[((150 + ((j * 50) + i)) * count) + k] += sBar * h1[i];", source, StringComparison.Ordinal);
    }

    [Fact]
    public void LoopLanes_ScratchPastStackLimit_KeepInterfaceDefaults()
    {
        // Two 1 100-wide hidden layers: 2 × (2 × 1 100) scratch vectors (values and adjoints) and 2 200 taped partials
        // come to 6 600 vectors, past the 4 096 (128 KiB) the lane members may stackalloc.
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(LoopMlp.Source([2, 1100, 1100, 2]));

        Assert.Empty(run.Diagnostics);
        Assert.Contains("// Reverse sweep:", run.SingleSourceText, StringComparison.Ordinal);
        Assert.DoesNotContain("HasVectorLanes", run.SingleSourceText, StringComparison.Ordinal);
    }

    private static void CheckAll(ILaneCase lanes)
    {
        lanes.LaneMembersAreGenerated();
        lanes.EvaluateLanesMatchesEvaluateBitForBit();
        lanes.VectorJacobianProductLanesMatchesVectorJacobianProductBitForBit();
        lanes.BadBlockLengthsThrowArgumentException();
        lanes.LaneMembersAllocateNothing();
    }

    /// <summary>Compiles <paramref name="source"/> keeping its loops and wraps the model in a <see cref="LaneCase{TModel}"/>.</summary>
    private static ILaneCase Case(string source, string type, int seed)
    {
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(source);
        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
        Assert.Contains("// Reverse sweep:", run.SingleSourceText, StringComparison.Ordinal);
        Assembly assembly = GeneratorHarness.EmitAndLoad(run.Output);
        Type model = assembly.GetType(type, throwOnError: true)!;
        return (ILaneCase)Activator.CreateInstance(typeof(LaneCase<>).MakeGenericType(model), seed, null)!;
    }
}
