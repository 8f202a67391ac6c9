using System;
using System.Reflection;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Semantics;

/// <summary>
/// A model compiled in memory with its generated code, plus a <c>Probe</c> class compiled beside it that exposes
/// the user's method and the generated members over arrays (spans cannot cross reflection).
/// </summary>
internal sealed class CompiledProbe
{
    private const string ScalarUserCall = "f[0] = Model.Rhs(t, x[0], p[0]);";
    private const string PairUserCall = "(f[0], f[1]) = Model.Rhs(t, x[0], x[1], p[0], p[1]);";

    private readonly Type _probe;

    private CompiledProbe(Type probe, int stateCount, int parameterCount)
    {
        _probe = probe;
        StateCount = stateCount;
        ParameterCount = parameterCount;
    }

    public int StateCount { get; }

    public int ParameterCount { get; }

    /// <summary>One state <c>x</c>, parameter <c>a</c>, time <c>t</c>: <c>double Rhs([Time] double t, double x, [Param] double a)</c>.</summary>
    public static CompiledProbe Scalar(string body) =>
        Compile($"public static double Rhs([Time] double t, double x, [Param] double a) {Terminate(body)}", ScalarUserCall, 1, 1);

    /// <summary>States <c>x, y</c>, parameters <c>a, b</c>, time <c>t</c>, returning <c>(double, double)</c>.</summary>
    public static CompiledProbe Pair(string body) =>
        Compile($"public static (double X, double Y) Rhs([Time] double t, double x, double y, [Param] double a, [Param] double b) {Terminate(body)}", PairUserCall, 2, 2);

    /// <summary>Parameters, states and time interleaved: <c>Rhs([Param] a, x, [Time] t, [Param] b, y)</c>.</summary>
    public static CompiledProbe Interleaved(string body) =>
        Compile(
            $"public static (double X, double Y) Rhs([Param] double a, double x, [Time] double t, [Param] double b, double y) {Terminate(body)}",
            "(f[0], f[1]) = Model.Rhs(p[0], x[0], t, p[1], x[1]);",
            2,
            2);

    public OdeModelInfo Info => (OdeModelInfo)_probe.GetMethod("Info")!.Invoke(null, null)!;

    public double[] User(double t, double[] x, double[] p) => Call("User", t, x, p, StateCount);

    public double[] Evaluate(double t, double[] x, double[] p) => Call("Evaluate", t, x, p, StateCount);

    public double[] StateJacobian(double t, double[] x, double[] p) => Call("StateJacobian", t, x, p, StateCount * StateCount);

    public double[] ParameterJacobian(double t, double[] x, double[] p) => Call("ParameterJacobian", t, x, p, StateCount * ParameterCount);

    public double[] JacobianVectorProduct(double t, double[] x, double[] p, double[] dx, double[] dp)
    {
        double[] df = new double[StateCount];
        _probe.GetMethod("Jvp")!.Invoke(null, [t, x, p, dx, dp, df]);
        return df;
    }

    public (double[] Value, double[] Tangent) EvaluateDual(double t, double[] x, double[] p, double[] dx, double[] dp)
    {
        double[] value = new double[StateCount];
        double[] tangent = new double[StateCount];
        _probe.GetMethod("Dual")!.Invoke(null, [t, x, p, dx, dp, value, tangent]);
        return (value, tangent);
    }

    private static string Terminate(string body) => body.StartsWith("=>", StringComparison.Ordinal) ? body + ";" : body;

    private double[] Call(string name, double t, double[] x, double[] p, int outputLength)
    {
        double[] output = new double[outputLength];
        _probe.GetMethod(name)!.Invoke(null, [t, x, p, output]);
        return output;
    }

    private static CompiledProbe Compile(string method, string userCall, int stateCount, int parameterCount)
    {
        string model = $$"""
            using System;
            using NeuralOdeGen;
            using static System.Math;

            namespace Demo;

            public static class Other
            {
                public const double Scale = 2.5;
            }

            public partial struct Model
            {
                private const int ConstInt = 3;
                private const float ConstFloat = 0.5f;

                [Dynamics]
                {{method}}
            }
            """;
        string probe = $$"""
            using NeuralOdeGen;

            namespace Demo;

            public static class Probe
            {
                public static OdeModelInfo Info() => Model.Info;
                public static void User(double t, double[] x, double[] p, double[] f) { {{userCall}} }
                public static void Evaluate(double t, double[] x, double[] p, double[] f) => Model.Evaluate(t, x, p, f);
                public static void StateJacobian(double t, double[] x, double[] p, double[] j) => Model.StateJacobian(t, x, p, j);
                public static void ParameterJacobian(double t, double[] x, double[] p, double[] j) => Model.ParameterJacobian(t, x, p, j);
                public static void Jvp(double t, double[] x, double[] p, double[] dx, double[] dp, double[] df) => Model.JacobianVectorProduct(t, x, p, dx, dp, df);
                public static void Dual(double t, double[] x, double[] p, double[] dx, double[] dp, double[] value, double[] tangent)
                {
                    var xd = new NeuralOdeGen.Dual[x.Length];
                    var pd = new NeuralOdeGen.Dual[p.Length];
                    var fd = new NeuralOdeGen.Dual[value.Length];
                    for (int i = 0; i < x.Length; i++) xd[i] = new NeuralOdeGen.Dual(x[i], dx[i]);
                    for (int k = 0; k < p.Length; k++) pd[k] = new NeuralOdeGen.Dual(p[k], dp[k]);
                    Model.EvaluateDual(t, xd, pd, fd);
                    for (int i = 0; i < fd.Length; i++) { value[i] = fd[i].Value; tangent[i] = fd[i].Derivative; }
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(model, probe);
        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        Assert.Single(run.Sources);
        Assembly assembly = GeneratorHarness.EmitAndLoad(run.Output);
        return new CompiledProbe(assembly.GetType("Demo.Probe", throwOnError: true)!, stateCount, parameterCount);
    }
}
