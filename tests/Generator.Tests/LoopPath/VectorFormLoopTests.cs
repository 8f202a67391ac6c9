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

    private static void AgreeOnBothPaths(string source, string type, int n, int m)
    {
        string model = type;
        Type loops = Compile(source, type, keepLoops: true, out string loopSource);
        Type unrolled = Compile(source, type, keepLoops: false, out string unrolledSource);
        Assert.Contains("// Reverse sweep:", loopSource, StringComparison.Ordinal);
        Assert.DoesNotContain("// Reverse sweep:", unrolledSource, StringComparison.Ordinal);

        var random = new Random(3);
        for (int trial = 0; trial < 3; trial++)
        {
            double t = random.NextDouble();
            double[] x = Draw(random, n);
            double[] p = Draw(random, m);
            double[] dx = Draw(random, n);
            double[] dp = Draw(random, m);
            double[] v = Draw(random, n);
            foreach ((string name, object[] arguments, int[] outputs) in Calls(t, x, p, dx, dp, v, n, m))
            {
                object[] first = Clone(arguments);
                object[] second = Clone(arguments);
                loops.GetMethod(name)!.Invoke(null, first);
                unrolled.GetMethod(name)!.Invoke(null, second);
                foreach (int output in outputs)
                {
                    double[] expected = (double[])second[output];
                    double[] actual = (double[])first[output];
                    for (int i = 0; i < expected.Length; i++)
                    {
                        Assert.True(
                            Math.Abs(expected[i] - actual[i]) <= Tolerance * Math.Max(1.0, Math.Abs(expected[i])),
                            $"{model}.{name} output {output}[{i}]: unrolled {expected[i]:R}, loops {actual[i]:R}");
                    }
                }
            }
        }
    }

    [Fact]
    public void KeepLoops_ReturnForm_StaysOnUnrolledPath()
    {
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(VectorFormModels.Read("TupleMlp"));

        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain("// Reverse sweep:", run.SingleSourceText, StringComparison.Ordinal);
    }

    private static (string Name, object[] Arguments, int[] Outputs)[] Calls(double t, double[] x, double[] p, double[] dx, double[] dp, double[] v, int n, int m) =>
    [
        ("Evaluate", [t, x, p, new double[n]], [3]),
        ("StateJacobian", [t, x, p, new double[n * n]], [3]),
        ("ParameterJacobian", [t, x, p, new double[n * m]], [3]),
        ("Jvp", [t, x, p, dx, dp, new double[n]], [5]),
        ("Vjp", [t, x, p, v, new double[n], new double[m]], [4, 5]),
    ];

    private static object[] Clone(object[] arguments) =>
        arguments.Select(a => a is double[] array ? array.Clone() : a).ToArray();

    private static double[] Draw(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (2 * random.NextDouble()) - 1).ToArray();

    private static Type Compile(string source, string qualifiedType, bool keepLoops, out string generated)
    {
        string type = "global::" + qualifiedType;
        string probe = $$"""
            namespace Demo;

            public static class Probe
            {
                public static void Evaluate(double t, double[] x, double[] p, double[] f) => {{type}}.Evaluate(t, x, p, f);
                public static void StateJacobian(double t, double[] x, double[] p, double[] j) => {{type}}.StateJacobian(t, x, p, j);
                public static void ParameterJacobian(double t, double[] x, double[] p, double[] j) => {{type}}.ParameterJacobian(t, x, p, j);
                public static void Jvp(double t, double[] x, double[] p, double[] dx, double[] dp, double[] df) => {{type}}.JacobianVectorProduct(t, x, p, dx, dp, df);
                public static void Vjp(double t, double[] x, double[] p, double[] v, double[] vx, double[] vp) => {{type}}.VectorJacobianProduct(t, x, p, v, vx, vp);
            }
            """;
        GeneratorRun run = keepLoops ? GeneratorHarness.RunKeepingLoops(source, probe) : GeneratorHarness.Run(source, probe);
        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
        generated = run.SingleSourceText;
        Assembly assembly = GeneratorHarness.EmitAndLoad(run.Output);
        return assembly.GetType("Demo.Probe", throwOnError: true)!;
    }
}
