using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.Events;

/// <summary>
/// Compiles models with events, loads them and checks every generated event member against independent paths: central
/// differences of <c>EvaluateEvents</c> / <c>ApplyJump</c>, the dual-number members (forward mode over the user's own
/// bodies, time included), and the transposition identity vᵀ(J·d) = (vᵀJ)·d between the two jump products.
/// </summary>
public sealed class EventDerivativeTests
{
    private const string BouncingBall = """
        using System;
        using NeuralOdeGen;

        namespace Demo;

        public partial struct Model
        {
            [Dynamics]
            public static (double, double) Rhs(double h, double v, [Param] double e, [Param] double g) => (v, -g);

            [Event(Direction = EventDirection.Falling, Jump = nameof(Bounce))]
            public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;

            public static (double, double) Bounce(double h, double v, [Param] double e, [Param] double g) => (h, -e * v);
        }
        """;

    // Time in the dynamics; three events: with time and a time-dependent jump, without time and without a jump, and a
    // terminal one whose jump has no time parameter.
    private const string Timed = """
        using System;
        using NeuralOdeGen;

        namespace Demo;

        public partial struct Model
        {
            [Dynamics]
            public static (double, double) Rhs([Time] double t, double x, double y, [Param] double a, [Param] double b)
                => (y * Math.Cos(t), -a * x - b * y);

            [Event(Direction = EventDirection.Rising, Jump = nameof(Kick))]
            public static double Phase([Time] double t, double x, double y, [Param] double a, [Param] double b)
            {
                double s = Math.Sin(t) * x;
                return s + a * y * y - b;
            }

            public static (double, double) Kick([Time] double t, double x, double y, [Param] double a, [Param] double b)
                => (x + Math.Exp(-t) * a, y * Math.Cos(t) - b * x * x);

            [Event]
            public static double Level(double x, double y, [Param] double a, [Param] double b) => x > 0.0 ? Math.Exp(x) * y - a : x - b * y;

            [Event(Terminal = true, Jump = nameof(Reset))]
            public static double Stop(double x, double y, [Param] double a, [Param] double b) => Math.Tanh(x * y) - 0.5;

            public static (double, double) Reset(double x, double y, [Param] double a, [Param] double b)
            {
                double r = Math.Sqrt(x * x + y * y);
                return (x / r, a * y / r);
            }
        }
        """;

    // No time in the dynamics, time in the event only (the time derivative still comes out).
    private const string TimeInEventOnly = """
        using System;
        using NeuralOdeGen;

        namespace Demo;

        public partial struct Model
        {
            [Dynamics]
            public static double Rhs(double x, [Param] double k) => -k * x;

            [Event(Jump = nameof(Refill))]
            public static double Threshold([Time] double t, double x, [Param] double k) => x - 0.25 * Math.Exp(-t * k);

            public static double Refill([Time] double t, double x, [Param] double k) => x + Math.Sin(t) / k;
        }
        """;

    // State and parameter blocks, a Span<double> output for the dynamics and the jump, loops in both event bodies.
    private const string Blocks = """
        using System;
        using NeuralOdeGen;

        namespace Demo;

        public partial struct Model
        {
            public const int N = 3;

            [Dynamics]
            public static void Rhs([State(N)] ReadOnlySpan<double> x, [Param(N)] ReadOnlySpan<double> w, [Param] double c, Span<double> dxdt)
            {
                for (int i = 0; i < N; i++) dxdt[i] = -w[i] * x[i] + c;
            }

            [Event(Direction = EventDirection.Falling, Jump = nameof(Scale))]
            public static double Energy([State(N)] ReadOnlySpan<double> x, [Param(N)] ReadOnlySpan<double> w, [Param] double c)
            {
                double s = -c;
                for (int i = 0; i < N; i++) s += w[i] * x[i] * x[i];
                return s;
            }

            public static void Scale([State(N)] ReadOnlySpan<double> x, [Param(N)] ReadOnlySpan<double> w, [Param] double c, [Time] double t, Span<double> next)
            {
                for (int i = 0; i < N; i++) next[i] = x[i] * Math.Exp(-w[i] * c) + t * x[N - 1 - i];
            }

            [Event]
            public static double First([State(N)] ReadOnlySpan<double> x, [Param(N)] ReadOnlySpan<double> w, [Param] double c) => x[0] - w[2];
        }
        """;

    public static TheoryData<string, string> Models => new()
    {
        { "BouncingBall", BouncingBall },
        { "Timed", Timed },
        { "TimeInEventOnly", TimeInEventOnly },
        { "Blocks", Blocks },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void EventGradient_RandomPoints_MatchesCentralDifferencesAndDuals(string name, string source)
    {
        Type model = Compile(source);
        Invoke(nameof(EventChecks.Gradient), model, name);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void JumpProducts_RandomPoints_MatchCentralDifferencesDualsAndEachOther(string name, string source)
    {
        Type model = Compile(source);
        Invoke(nameof(EventChecks.Jumps), model, name);
    }

    [Fact]
    public void Events_TimedModel_DescribeEachEventInDeclarationOrder()
    {
        Type model = Compile(Timed);
        var events = (IReadOnlyList<EventInfo>)model.GetProperty("Events", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.Equal(["Phase", "Level", "Stop"], events.Select(e => e.Name));
        Assert.Equal([EventDirection.Rising, EventDirection.Either, EventDirection.Either], events.Select(e => e.Direction));
        Assert.Equal([false, false, true], events.Select(e => e.Terminal));
        Assert.Equal(["Kick", null, "Reset"], events.Select(e => e.JumpName));
        Assert.Equal(2, events[0].Jump.Count);
        Assert.Empty(events[1].Jump);
        Assert.Contains("sin(t)", events[0].Function, StringComparison.Ordinal);
        Assert.Same(events, model.GetProperty("Events", BindingFlags.Public | BindingFlags.Static)!.GetValue(null));
    }

    [Fact]
    public void EventMembers_ModelKeepingItsLoops_AreSymbolicAndCorrect()
    {
        // NeuralOdeGenKeepLoops: the right-hand side takes the loop path; the events are still unrolled and symbolic.
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(Blocks);
        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
        string source = run.SingleSourceText;
        Assert.Contains("for (int", source[..source.IndexOf("EventCount", StringComparison.Ordinal)], StringComparison.Ordinal);
        Type model = GeneratorHarness.EmitAndLoad(run.Output).GetType("Demo.Model", throwOnError: true)!;
        var events = (IReadOnlyList<EventInfo>)model.GetProperty("Events", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        Assert.NotEmpty(events[0].Function);

        Invoke(nameof(EventChecks.Gradient), model, "Loops");
        Invoke(nameof(EventChecks.Jumps), model, "Loops");
    }

    [Fact]
    public void EventGradient_IndexOutOfRange_Throws()
    {
        Type model = Compile(BouncingBall);
        var error = Assert.Throws<TargetInvocationException>(() => Invoke(nameof(EventChecks.BadIndex), model, "BouncingBall"));
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
    }

    private static Type Compile(string source)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.True(run.Diagnostics.IsEmpty, GeneratorRun.Describe(run.Diagnostics));
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
        return GeneratorHarness.EmitAndLoad(run.Output).GetType("Demo.Model", throwOnError: true)!;
    }

    private static void Invoke(string check, Type model, string name) =>
        typeof(EventChecks).GetMethod(check)!.MakeGenericMethod(model).Invoke(null, [name.Length]);
}

/// <summary>The checks, generic over the loaded model type (static abstract members need a type argument).</summary>
public static class EventChecks
{
    private const double Step = 1e-6;

    // Central differences with step 1e-6 on O(1) values: truncation ~1e-12·|f'''|, rounding ~1e-16/1e-6 = 1e-10; 1e-6
    // relative leaves room for third derivatives of a few hundred (exp, sin of O(1) arguments stay far below).
    private const double FiniteDifferenceTolerance = 1e-6;

    // Symbolic and dual paths compute the same derivative in a different operation order: a few ulps of O(1) terms.
    private const double ExactTolerance = 1e-12;

    public static void Gradient<T>(int seed)
        where T : IOdeModel<T>, IOdeEvents<T>
    {
        int n = T.StateCount, m = T.ParameterCount, count = T.EventCount;
        var random = new Random(seed);
        for (int trial = 0; trial < 5; trial++)
        {
            (double t, double[] x, double[] p) = Point(random, n, m);
            for (int e = 0; e < count; e++)
            {
                double[] gx = new double[n], gp = new double[m];
                double gt = T.EventGradient(e, t, x, p, gx, gp);

                // Central differences in every state, parameter and time.
                for (int j = 0; j < n; j++)
                {
                    Close(gx[j], Difference(h => Event<T>(e, t, Shift(x, j, h), p)), FiniteDifferenceTolerance, $"dg{e}/dx{j}");
                }

                for (int k = 0; k < m; k++)
                {
                    Close(gp[k], Difference(h => Event<T>(e, t, x, Shift(p, k, h))), FiniteDifferenceTolerance, $"dg{e}/dp{k}");
                }

                Close(gt, Difference(h => Event<T>(e, t + h, x, p)), FiniteDifferenceTolerance, $"dg{e}/dt");

                // Duals along a random direction (time included): the tangent is the gradient's contraction.
                (double dt, double[] dx, double[] dp) = Point(random, n, m);
                Dual[] values = new Dual[count];
                T.EvaluateEventsDual(new Dual(t, dt), Duals(x, dx), Duals(p, dp), values);
                double expected = (gt * dt) + Dot(gx, dx) + Dot(gp, dp);
                Close(values[e].Derivative, expected, ExactTolerance, $"dual g{e}");
                Close(values[e].Value, Event<T>(e, t, x, p), ExactTolerance, $"dual value g{e}");
            }
        }
    }

    public static void Jumps<T>(int seed)
        where T : IOdeModel<T>, IOdeEvents<T>
    {
        int n = T.StateCount, m = T.ParameterCount, count = T.EventCount;
        var random = new Random(seed + 17);
        for (int trial = 0; trial < 5; trial++)
        {
            (double t, double[] x, double[] p) = Point(random, n, m);
            (double dt, double[] dx, double[] dp) = Point(random, n, m);
            double[] v = Point(random, n, 0).X;
            for (int e = 0; e < count; e++)
            {
                bool hasJump = T.Events[e].HasJump;
                double[] jvp = new double[n];
                T.JumpJacobianVectorProduct(e, t, x, p, dt, dx, dp, jvp);

                // Against central differences along (dt, dx, dp), and against the duals of the jump body.
                for (int i = 0; i < n; i++)
                {
                    int component = i;
                    double fd = Difference(h => Jump<T>(e, t + (h * dt), Axpy(x, h, dx), Axpy(p, h, dp))[component]);
                    Close(jvp[i], fd, FiniteDifferenceTolerance, $"J{e} jvp[{i}] vs differences");
                }

                Dual[] plus = new Dual[n];
                T.ApplyJumpDual(e, new Dual(t, dt), Duals(x, dx), Duals(p, dp), plus);
                double[] applied = Jump<T>(e, t, x, p);
                for (int i = 0; i < n; i++)
                {
                    Close(plus[i].Derivative, jvp[i], ExactTolerance, $"J{e} jvp[{i}] vs dual");
                    Close(plus[i].Value, applied[i], ExactTolerance, $"J{e} value[{i}] vs dual");
                }

                // Transposition: vᵀ(J_t dt + J_x dx + J_p dp) = (vᵀJ_t) dt + (vᵀJ_x)·dx + (vᵀJ_p)·dp.
                double[] vjx = new double[n], vjp = new double[m];
                double vjt = T.JumpVectorJacobianProduct(e, t, x, p, v, vjx, vjp);
                Close(Dot(v, jvp), (vjt * dt) + Dot(vjx, dx) + Dot(vjp, dp), ExactTolerance, $"J{e} transposition");

                if (!hasJump)
                {
                    Assert.Equal(x, applied);
                    Assert.Equal(dx, jvp);
                    Assert.Equal(v, vjx);
                    Assert.All(vjp, value => Assert.Equal(0.0, value));
                    Assert.Equal(0.0, vjt);
                }
            }
        }
    }

    public static void BadIndex<T>(int seed)
        where T : IOdeModel<T>, IOdeEvents<T> =>
        T.EventGradient(T.EventCount + seed - seed, 0.0, new double[T.StateCount], new double[T.ParameterCount], new double[T.StateCount], new double[T.ParameterCount]);

    private static double Event<T>(int index, double t, double[] x, double[] p)
        where T : IOdeModel<T>, IOdeEvents<T>
    {
        double[] values = new double[T.EventCount];
        T.EvaluateEvents(t, x, p, values);
        return values[index];
    }

    private static double[] Jump<T>(int index, double t, double[] x, double[] p)
        where T : IOdeModel<T>, IOdeEvents<T>
    {
        double[] plus = new double[T.StateCount];
        T.ApplyJump(index, t, x, p, plus);
        return plus;
    }

    /// <summary>A point away from the models' kinks and singularities: every coordinate in ±[0.3, 1.3].</summary>
    private static (double T, double[] X, double[] P) Point(Random random, int n, int m)
    {
        double Coordinate() => (random.NextDouble() + 0.3) * (random.Next(2) == 0 ? -1 : 1);
        double t = Coordinate();
        double[] x = Enumerable.Range(0, n).Select(_ => Coordinate()).ToArray();
        double[] p = Enumerable.Range(0, m).Select(_ => Math.Abs(Coordinate())).ToArray();
        return (t, x, p);
    }

    private static double Difference(Func<double, double> f) => (f(Step) - f(-Step)) / (2 * Step);

    private static double[] Shift(double[] values, int index, double h)
    {
        double[] shifted = (double[])values.Clone();
        shifted[index] += h;
        return shifted;
    }

    private static double[] Axpy(double[] values, double h, double[] direction) => values.Select((value, i) => value + (h * direction[i])).ToArray();

    private static Dual[] Duals(double[] values, double[] tangents) => values.Select((value, i) => new Dual(value, tangents[i])).ToArray();

    private static double Dot(double[] a, double[] b) => a.Select((value, i) => value * b[i]).Sum();

    private static void Close(double actual, double expected, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * (1 + Math.Abs(expected)), $"{what}: {actual} vs {expected}");
}
