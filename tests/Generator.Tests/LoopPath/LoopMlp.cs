using System;
using System.Globalization;
using System.Reflection;
using System.Text;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// A multilayer perceptron in the loop form of DESIGN §3a (a <c>[State(N)]</c> block, one weight and one bias block per
/// layer, one <c>stackalloc</c> span per hidden layer, the <c>Span&lt;double&gt;</c> output), compiled in memory with a
/// <c>Probe</c> class that exposes the user's method and the generated members over arrays.
/// </summary>
internal sealed class LoopMlp
{
    private readonly Type _probe;

    private LoopMlp(Type probe, string source, int stateCount, int parameterCount)
    {
        _probe = probe;
        GeneratedSource = source;
        StateCount = stateCount;
        ParameterCount = parameterCount;
    }

    public string GeneratedSource { get; }

    public int StateCount { get; }

    public int ParameterCount { get; }

    /// <summary>
    /// The source of the model for layer widths <paramref name="widths"/> (first and last the state count): tanh on every
    /// hidden layer (or, with <paramref name="gaussian"/>, <c>Math.Exp(-s * s)</c> on the first), linear output.
    /// </summary>
    public static string Source(int[] widths, bool gaussian = false, string name = "Mlp")
    {
        var text = new StringBuilder();
        text.Append("using System;\nusing NeuralOdeGen;\n\nnamespace Demo;\n\n");
        text.Append("public partial struct ").Append(name).Append("\n{\n");
        for (int l = 0; l < widths.Length; l++)
        {
            text.Append("    public const int L").Append(l).Append(" = ").Append(widths[l].ToString(CultureInfo.InvariantCulture)).Append(";\n");
        }

        text.Append("\n    [Dynamics]\n    public static void Rhs(\n        [State(L0)] ReadOnlySpan<double> x,\n");
        for (int l = 1; l < widths.Length; l++)
        {
            text.Append($"        [Param(L{l} * L{l - 1})] ReadOnlySpan<double> w{l}, [Param(L{l})] ReadOnlySpan<double> b{l},\n");
        }

        text.Append("        Span<double> dxdt)\n    {\n");
        for (int l = 1; l < widths.Length; l++)
        {
            bool output = l == widths.Length - 1;
            string input = l == 1 ? "x" : $"h{l - 1}";
            if (!output)
            {
                text.Append($"        Span<double> h{l} = stackalloc double[L{l}];\n");
            }

            string activation = output ? "s" : gaussian && l == 1 ? "Math.Exp(-s * s)" : "Math.Tanh(s)";
            string target = output ? "dxdt" : $"h{l}";
            text.Append($"        for (int j = 0; j < L{l}; j++)\n        {{\n            double s = b{l}[j];\n");
            text.Append($"            for (int i = 0; i < L{l - 1}; i++)\n            {{\n                s += w{l}[(j * L{l - 1}) + i] * {input}[i];\n            }}\n\n");
            text.Append($"            {target}[j] = {activation};\n        }}\n");
            if (!output)
            {
                text.Append('\n');
            }
        }

        text.Append("    }\n}\n");
        return text.ToString();
    }

    /// <summary>Compiles the model for <paramref name="widths"/> on the loop path (<paramref name="keepLoops"/>) or the default one.</summary>
    public static LoopMlp Compile(int[] widths, bool keepLoops, bool gaussian = false)
    {
        int parameters = 0;
        for (int l = 1; l < widths.Length; l++)
        {
            parameters += (widths[l] * widths[l - 1]) + widths[l];
        }

        const string Probe = """
            using NeuralOdeGen;

            namespace Demo;

            public static class Probe
            {
                public static OdeModelInfo Info() => Mlp.Info;
                public static void User(double t, double[] x, double[] p, double[] f) => Flat.Call(x, p, f);
                public static void Evaluate(double t, double[] x, double[] p, double[] f) => Mlp.Evaluate(t, x, p, f);
                public static void StateJacobian(double t, double[] x, double[] p, double[] j) => Mlp.StateJacobian(t, x, p, j);
                public static void ParameterJacobian(double t, double[] x, double[] p, double[] j) => Mlp.ParameterJacobian(t, x, p, j);
                public static void Jvp(double t, double[] x, double[] p, double[] dx, double[] dp, double[] df) => Mlp.JacobianVectorProduct(t, x, p, dx, dp, df);
                public static void Vjp(double t, double[] x, double[] p, double[] v, double[] vx, double[] vp) => Mlp.VectorJacobianProduct(t, x, p, v, vx, vp);
                public static void Dual(double t, double[] x, double[] p, double[] dx, double[] dp, double[] value, double[] tangent)
                {
                    var xd = new NeuralOdeGen.Dual[x.Length];
                    var pd = new NeuralOdeGen.Dual[p.Length];
                    var fd = new NeuralOdeGen.Dual[value.Length];
                    for (int i = 0; i < x.Length; i++) xd[i] = new NeuralOdeGen.Dual(x[i], dx[i]);
                    for (int k = 0; k < p.Length; k++) pd[k] = new NeuralOdeGen.Dual(p[k], dp[k]);
                    Mlp.EvaluateDual(t, xd, pd, fd);
                    for (int i = 0; i < fd.Length; i++) { value[i] = fd[i].Value; tangent[i] = fd[i].Derivative; }
                }
            }
            """;

        string source = Source(widths, gaussian);
        string flat = FlatCall(widths);
        GeneratorRun run = keepLoops ? GeneratorHarness.RunKeepingLoops(source, Probe, flat) : GeneratorHarness.Run(source, Probe, flat);
        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
        Assembly assembly = GeneratorHarness.EmitAndLoad(run.Output);
        return new LoopMlp(assembly.GetType("Demo.Probe", throwOnError: true)!, run.SingleSourceText, widths[0], parameters);
    }

    public NeuralOdeGen.OdeModelInfo Info => (NeuralOdeGen.OdeModelInfo)_probe.GetMethod("Info")!.Invoke(null, null)!;

    public double[] User(double[] x, double[] p) => Call("User", x, p, StateCount);

    public double[] Evaluate(double[] x, double[] p) => Call("Evaluate", x, p, StateCount);

    public double[] StateJacobian(double[] x, double[] p) => Call("StateJacobian", x, p, StateCount * StateCount);

    public double[] ParameterJacobian(double[] x, double[] p) => Call("ParameterJacobian", x, p, StateCount * ParameterCount);

    public double[] JacobianVectorProduct(double[] x, double[] p, double[] dx, double[] dp)
    {
        double[] df = new double[StateCount];
        _probe.GetMethod("Jvp")!.Invoke(null, [0.0, x, p, dx, dp, df]);
        return df;
    }

    public (double[] State, double[] Parameters) VectorJacobianProduct(double[] x, double[] p, double[] v)
    {
        double[] vx = new double[StateCount];
        double[] vp = new double[ParameterCount];
        _probe.GetMethod("Vjp")!.Invoke(null, [0.0, x, p, v, vx, vp]);
        return (vx, vp);
    }

    public (double[] Value, double[] Tangent) EvaluateDual(double[] x, double[] p, double[] dx, double[] dp)
    {
        double[] value = new double[StateCount];
        double[] tangent = new double[StateCount];
        _probe.GetMethod("Dual")!.Invoke(null, [0.0, x, p, dx, dp, value, tangent]);
        return (value, tangent);
    }

    private double[] Call(string name, double[] x, double[] p, int outputLength)
    {
        double[] output = new double[outputLength];
        _probe.GetMethod(name)!.Invoke(null, [0.0, x, p, output]);
        return output;
    }

    /// <summary>A helper that calls the user's own method with the flat parameter vector split into its blocks.</summary>
    private static string FlatCall(int[] widths)
    {
        var text = new StringBuilder("using System;\n\nnamespace Demo;\n\npublic static class Flat\n{\n    public static void Call(double[] x, double[] p, double[] f)\n    {\n        int o = 0;\n");
        var arguments = new StringBuilder("x");
        for (int l = 1; l < widths.Length; l++)
        {
            int w = widths[l] * widths[l - 1];
            text.Append($"        ReadOnlySpan<double> w{l} = p.AsSpan(o, {w}); o += {w};\n");
            text.Append($"        ReadOnlySpan<double> b{l} = p.AsSpan(o, {widths[l]}); o += {widths[l]};\n");
            arguments.Append($", w{l}, b{l}");
        }

        text.Append($"        Mlp.Rhs({arguments}, f);\n    }}\n}}\n");
        return text.ToString();
    }
}
