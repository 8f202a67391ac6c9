using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// Compiles model sources twice in memory — keeping their loops (the <c>NeuralOdeGenKeepLoops</c> build property) and
/// unrolled — and compares every generated member of the two at random points: Evaluate, both Jacobians, the JVP and the
/// VJP, plus the loop path's JVP against its own dual-number evaluation. The unrolled path is the one SymPy verifies,
/// so agreement carries that check over to the reverse-mode loops.
/// </summary>
internal static class BothPaths
{
    /// <summary>A model to compare: its fully qualified type name and its sizes.</summary>
    public readonly record struct Model(string Type, int StateCount, int ParameterCount);

    /// <summary>
    /// Compiles <paramref name="source"/> (holding every model of <paramref name="models"/>) on both paths and returns one
    /// message per model: <see langword="null"/> when every member agrees within <paramref name="tolerance"/> (relative to
    /// max(1, |value|)) at three random points, otherwise what differed first. Every model must fit the unrolled path.
    /// </summary>
    public static string?[] Compare(string source, IReadOnlyList<Model> models, double tolerance)
    {
        string?[] messages = Compare(source, models, tolerance, out bool[] beyondCap);
        Assert.True(!beyondCap.Any(b => b), "a model is too large to unroll, so it cannot be compared with the unrolled path");
        return messages;
    }

    /// <summary>
    /// As <see cref="Compare(string, IReadOnlyList{Model}, double)"/>, but a model too large to unroll (the generator keeps
    /// its loops even without the build property) is not compared: <paramref name="beyondUnrollCap"/> flags it, and its
    /// message is <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="checkLoopModel"/>, when given, also runs on each model type of the loop-path compilation (compared
    /// or not) and its message, if any, stands for the model when the comparison found nothing.
    /// </remarks>
    public static string?[] Compare(
        string source, IReadOnlyList<Model> models, double tolerance, out bool[] beyondUnrollCap, Func<Type, string?>? checkLoopModel = null)
    {
        (Type[] loops, _) = Compile(source, models, keepLoops: true);
        (Type[] unrolled, beyondUnrollCap) = Compile(source, models, keepLoops: false);
        var messages = new string?[models.Count];
        for (int index = 0; index < models.Count; index++)
        {
            messages[index] = beyondUnrollCap[index] ? null : CompareOne(models[index], loops[index], unrolled[index], tolerance, trials: 3);
            if (messages[index] is null && checkLoopModel is not null)
            {
                messages[index] = checkLoopModel(loops[index].Assembly.GetType(models[index].Type, throwOnError: true)!);
            }
        }

        return messages;
    }

    private static string? CompareOne(Model model, Type loops, Type unrolled, double tolerance, int trials)
    {
        (int n, int m) = (model.StateCount, model.ParameterCount);
        var random = new Random(3);
        for (int trial = 0; trial < trials; trial++)
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
                    string? difference = Differ((double[])second[output], (double[])first[output], tolerance, $"{model.Type}.{name} output {output}", "unrolled", "loops");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }
            }

            // The loop path's forward-mode code against its own dual-number evaluation of the user's body.
            var jvp = new double[n];
            loops.GetMethod("Jvp")!.Invoke(null, [t, x, p, dx, dp, jvp]);
            var tangent = new double[n];
            loops.GetMethod("DualTangent")!.Invoke(null, [t, x, p, dx, dp, tangent]);
            string? dual = Differ(tangent, jvp, tolerance, $"{model.Type}.Jvp vs EvaluateDual", "dual", "loops");
            if (dual is not null)
            {
                return dual;
            }
        }

        return null;
    }

    private static string? Differ(double[] expected, double[] actual, double tolerance, string what, string expectedName, string actualName)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1.0, Math.Abs(expected[i]))))
            {
                return $"{what}[{i}]: {expectedName} {expected[i]:R}, {actualName} {actual[i]:R}";
            }
        }

        return null;
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

    /// <summary>The probe types of both paths' compilation, and which models kept their loops although not asked to.</summary>
    private static (Type[] Probes, bool[] KeptLoops) Compile(string source, IReadOnlyList<Model> models, bool keepLoops)
    {
        var probeSource = new StringBuilder("namespace Demo.Probes;\n\n");
        for (int index = 0; index < models.Count; index++)
        {
            string type = "global::" + models[index].Type;
            probeSource.Append($$"""
                public static class Probe{{index}}
                {
                    public static void Evaluate(double t, double[] x, double[] p, double[] f) => {{type}}.Evaluate(t, x, p, f);
                    public static void StateJacobian(double t, double[] x, double[] p, double[] j) => {{type}}.StateJacobian(t, x, p, j);
                    public static void ParameterJacobian(double t, double[] x, double[] p, double[] j) => {{type}}.ParameterJacobian(t, x, p, j);
                    public static void Jvp(double t, double[] x, double[] p, double[] dx, double[] dp, double[] df) => {{type}}.JacobianVectorProduct(t, x, p, dx, dp, df);
                    public static void Vjp(double t, double[] x, double[] p, double[] v, double[] vx, double[] vp) => {{type}}.VectorJacobianProduct(t, x, p, v, vx, vp);

                    public static void DualTangent(double t, double[] x, double[] p, double[] dx, double[] dp, double[] tangent)
                    {
                        var dualX = new global::NeuralOdeGen.Dual[x.Length];
                        var dualP = new global::NeuralOdeGen.Dual[p.Length];
                        var dualF = new global::NeuralOdeGen.Dual[tangent.Length];
                        for (int i = 0; i < x.Length; i++) { dualX[i] = new global::NeuralOdeGen.Dual(x[i], dx[i]); }
                        for (int i = 0; i < p.Length; i++) { dualP[i] = new global::NeuralOdeGen.Dual(p[i], dp[i]); }
                        {{type}}.EvaluateDual(t, dualX, dualP, dualF);
                        for (int i = 0; i < tangent.Length; i++) { tangent[i] = dualF[i].Derivative; }
                    }
                }


                """);
        }

        GeneratorRun run = keepLoops ? GeneratorHarness.RunKeepingLoops(source, probeSource.ToString()) : GeneratorHarness.Run(source, probeSource.ToString());
        Assert.True(run.Exception is null, run.Exception?.ToString());
        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
        var keptLoops = new bool[models.Count];
        for (int index = 0; index < models.Count; index++)
        {
            // Each path really is the one asked for (only the loop path writes a reverse sweep), except that a body too
            // large to unroll keeps its loops anyway.
            string hint = models[index].Type + ".g.cs";
            string generated = run.Sources.Single(s => s.HintName == hint).SourceText.ToString();
            keptLoops[index] = generated.Contains("// Reverse sweep:", StringComparison.Ordinal);
            Assert.True(keptLoops[index] || !keepLoops, $"{hint}: no reverse sweep with the loops kept");
        }

        Assembly assembly = GeneratorHarness.EmitAndLoad(run.Output);
        Type[] probes = Enumerable.Range(0, models.Count).Select(index => assembly.GetType($"Demo.Probes.Probe{index}", throwOnError: true)!).ToArray();
        return (probes, keptLoops);
    }
}
