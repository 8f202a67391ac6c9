using System;
using System.Linq;
using System.Reflection;
using NeuralOdeGen.Generator.Tests.Infrastructure;
using NeuralOdeGen.Generator.Tests.VectorForms;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// The vector-form models of VectorForms/Models compiled twice in memory, keeping their loops (the
/// <c>NeuralOdeGenKeepLoops</c> build property) and unrolled (the default at their size): every member agrees.
/// </summary>
public sealed class VectorFormLoopTests
{
    // The same products summed in another association order (≤ 10 terms of O(1) each): a few ε, far inside 1e-13.
    private const double Tolerance = 1e-13;

    [Theory]
    [InlineData("LinearTen", 10, 100)]
    [InlineData("BlockMlp", 2, 42)]
    [InlineData("MixedStates", 5, 4)]
    public void KeepLoops_VectorFormModel_EveryMemberAgreesWithUnrolledPath(string model, int n, int m)
    {
        AgreeOnBothPaths(VectorFormModels.Read(model), "NeuralOdeGen.Generator.Tests.VectorForms.Models." + model, n, m);
    }

    /// <summary>
    /// A program beyond the MLP: scalar states and parameters around blocks, time, a top-level local read inside loops and
    /// one accumulated across a loop (both taped), an assignment that reads its own target, <c>-=</c>, division, exp and
    /// sin, a loop from 1 in steps of 2, a scratch span added to, products of two scratch elements.
    /// </summary>
    [Fact]
    public void KeepLoops_MixedProgram_EveryMemberAgreesWithUnrolledPath()
    {
        const string Source = """
            using System;
            using NeuralOdeGen;

            namespace Demo;

            public partial struct Mixed
            {
                [Dynamics]
                public static void Rhs(
                    double u, [State(4)] ReadOnlySpan<double> x, [Time] double t, Span<double> dxdt, double v,
                    [Param] double k, [Param(8)] ReadOnlySpan<double> w, [Param(3)] ReadOnlySpan<double> c)
                {
                    Span<double> g = stackalloc double[4];
                    Span<double> q = stackalloc double[2];
                    double scale = (k * u) + t;
                    for (int i = 0; i < 4; i++)
                    {
                        double a = scale * x[i];
                        a = (a * a) + c[0];
                        a = (a * x[i]) - u;
                        a -= w[i] * Math.Exp(-x[i]);
                        g[i] = Math.Sin(a) / (1.0 + (a * a));
                    }

                    for (int r = 0; r < 2; r++)
                    {
                        q[r] = c[0];
                        for (int i = 1; i < 4; i += 2)
                        {
                            q[r] += w[(4 * r) + i] * g[i] * g[i - 1];
                        }
                    }

                    double total = 0.0;
                    for (int r = 0; r < 2; r++)
                    {
                        total += q[r] * q[r];
                    }

                    dxdt[0] = (-k * u) + (total * c[1]);
                    for (int i = 0; i < 4; i++)
                    {
                        dxdt[i + 1] = g[i] - (c[2] * x[i] * scale);
                    }

                    dxdt[5] = (v * total) - u;
                }
            }
            """;
        AgreeOnBothPaths(Source, "Demo.Mixed", 6, 12);
    }

    /// <summary>
    /// A constant reduction read only by a local that nothing reads (random loop program 906059591): neither gets an adjoint
    /// in the reverse sweep, so the generated code declares no adjoint local that nothing reads (CS0219, which BothPaths
    /// counts as a problem of the generated code).
    /// </summary>
    [Fact]
    public void KeepLoops_ReductionFeedingOnlyDeadCode_DeclaresNoUnusedAdjoint()
    {
        const string Source = """
            using System;
            using NeuralOdeGen;

            namespace Demo;

            public partial struct Dead
            {
                [Dynamics]
                public static void Rhs([State(2)] ReadOnlySpan<double> x, Span<double> dxdt, [Param(2)] ReadOnlySpan<double> w)
                {
                    double r0 = 0.0;
                    for (int i = 0; i < 2; i++)
                    {
                        r0 -= Math.Log(1.0 + (0.74 * 0.74));
                    }

                    double r1 = 1.0;
                    for (int i = 0; i < 2; i++)
                    {
                        r1 += r0 - x[i];
                    }

                    for (int i = 0; i < 2; i++)
                    {
                        dxdt[i] = Math.Tanh(w[i] * x[i]);
                    }
                }
            }
            """;
        AgreeOnBothPaths(Source, "Demo.Dead", 2, 2);
    }

    private static void AgreeOnBothPaths(string source, string type, int n, int m)
    {
        string? difference = BothPaths.Compare(source, [new BothPaths.Model(type, n, m)], Tolerance).Single();
        Assert.True(difference is null, difference);
    }

    [Fact]
    public void KeepLoops_ReturnForm_StaysOnUnrolledPath()
    {
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(VectorFormModels.Read("TupleMlp"));

        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain("// Reverse sweep:", run.SingleSourceText, StringComparison.Ordinal);
    }
}
