using System;
using NeuralOdeGen.Generator.Tests.Numerics;

namespace NeuralOdeGen.Generator.Tests.Semantics;

/// <summary>
/// Valid but unusual bodies (named arguments, integer constant arithmetic, constants from elsewhere, <c>using static</c>,
/// nested and compound conditionals, locals that shadow emitted names): compiled in memory, the generated code must
/// compute what C# computes for the user's method, and its derivatives must match finite differences and dual numbers.
/// </summary>
public sealed class ValidBodySemanticsTests
{
    private const int PointCount = 50;

    // Evaluate may reassociate sums when simplifying: ~ε of the largest term.
    private const double ValueTolerance = 1e-14;

    // Central differences with h = 1e-6·max(1, |x|) on smooth functions of O(1) size in x ∈ [0.1, 2]: O(h²) + O(ε/h) ≲ 1e-8.
    private const double FiniteDifferenceTolerance = 1e-7;

    // Dual tangent and the symbolic JVP are the same derivative evaluated in different orders: a few ulps of the terms.
    private const double TangentTolerance = 1e-12;

    [Theory]
    [InlineData("=> Math.Pow(y: 2.0, x: x) * a")]
    [InlineData("=> Math.Pow(y: x, x: a)")]
    [InlineData("=> (1 / 2 + 3 / 2) * a * x")]
    [InlineData("=> ConstInt / 2 * x * a")]
    [InlineData("=> (double)ConstInt / 2 * x * a")]
    [InlineData("=> ConstFloat * x + a")]
    [InlineData("=> (1.0 / 3) * a * x")]
    [InlineData("=> Math.PI * a * x - Math.E")]
    [InlineData("=> Other.Scale * x * a")]
    [InlineData("=> Sin(x) * Exp(-a * t)")]
    [InlineData("=> System.Math.Cos(x) + global::System.Math.Sqrt(a * x)")]
    [InlineData("=> default(double) + sizeof(double) * x * a")]
    [InlineData("=> 0x10 * x + 1_000.5 * a + .5 * t + 1e2f * x * x")]
    [InlineData("=> +x * -(-a) * ((x))")]
    [InlineData("=> x / 2 - 3 * a")]
    [InlineData("=> x > 1.0 ? (x > 1.5 ? a : a * x) : -a * x * x")]
    [InlineData("=> x == 0.5 ? 1.0 : a * x")]
    [InlineData("=> x != 0.5 ? a * x : 1.0")]
    [InlineData("=> !(x > 1.0) || a < 1.0 ? a * x : x * x")]
    [InlineData("=> (x < 1.0 && t > 0.5) || !(a >= 1.0) ? Math.Max(a * x, 0.0) : Math.Min(x, 3.0) * a")]
    [InlineData("=> Math.Pow(x, 3) * a + Math.Pow(2.0, a * x) + Math.Pow(x, 0.5)")]
    [InlineData("=> Math.Pow(x, -2) - Math.Pow(x, 1.5) * Math.Pow(a, t)")]
    [InlineData("=> x * x * x * x * x * x * x * x * a")]
    [InlineData("=> 1.0 / (1.0 + Math.Exp(-a * x))")]
    [InlineData("=> x - x + a * 0.0 + 0.0 / a + 1.0 * x * 1.0")]
    [InlineData("=> Math.Log(Math.Exp(a * x)) + Math.Atan(Math.Tan(x / 2.0))")]
    [InlineData("{ var s = a * x; var u = s * s; return u - s; }")]
    [InlineData("{ double t0 = a * x; double s0 = t0 * t0; double state = s0 + t0; return state * t; }")]
    [InlineData("{ double e = Math.Exp(-x); double e2 = e * e; return a * e2 - e; }")]
    public void ScalarModel_UnusualValidBody_ComputesWhatCSharpComputesWithConsistentDerivatives(string body) =>
        CheckAtRandomPoints(CompiledProbe.Scalar(body));

    [Theory]
    [InlineData("=> (a * y, -b * x)")]
    [InlineData("=> (y, x)")]
    [InlineData("{ double s = x * y; return (s - a, s * b); }")]
    [InlineData("{ return (x - y, x * y * a); }")]
    [InlineData("=> (Math.Sinh(a * x - b * y), Math.Cosh(x * y) / (1.0 + t))")]
    [InlineData("=> (x > y + 0.25 ? a * x : b * y, Math.Tanh(x - y) * (a + b))")]
    [InlineData("=> (1.0, 2 * a)")]
    [InlineData("=> (0.1 * x + 1e-300 * a + 123456789.123 * t, 1.0 / 3.0 * y - 5e-324 * b)")]
    public void PairModel_UnusualValidBody_ComputesWhatCSharpComputesWithConsistentDerivatives(string body) =>
        CheckAtRandomPoints(CompiledProbe.Pair(body));

    [Theory]
    [InlineData("=> (a * x - b * y * t, x / (b + y) + a)")]
    [InlineData("{ double ax = a * x; return (ax * y, ax - b * t); }")]
    public void InterleavedSignature_ParametersStatesAndTimeMixed_MapsEachNameToItsSlot(string body) =>
        CheckAtRandomPoints(CompiledProbe.Interleaved(body));

    // At a tie the first argument of Max/Min wins, Abs has slope 0 at 0, and a constant exponent uses b·a^(b−1)
    // (finite for a negative base, where the general rule's log(a) is NaN). Exact values: no tolerance needed.
    [Theory]
    [InlineData("=> Math.Max(x, a)", 0.75, 0.75, 1.0, 0.0)]
    [InlineData("=> Math.Max(a, x)", 0.75, 0.75, 0.0, 1.0)]
    [InlineData("=> Math.Min(x, a)", 0.75, 0.75, 1.0, 0.0)]
    [InlineData("=> Math.Min(a, x)", 0.75, 0.75, 0.0, 1.0)]
    [InlineData("=> Math.Abs(x) * a", 0.0, 2.0, 0.0, 0.0)]
    [InlineData("=> Math.Abs(x - a)", 0.5, 0.5, 0.0, 0.0)]
    [InlineData("=> x >= a ? x : a", 0.75, 0.75, 1.0, 0.0)]
    [InlineData("=> Math.Pow(x, 3) * a", -2.0, 1.0, 12.0, -8.0)]
    [InlineData("=> Math.Pow(x, ConstInt)", -2.0, 1.0, 12.0, 0.0)]
    [InlineData("=> Math.Pow(x, 2) + a", 0.0, 1.0, 0.0, 1.0)]
    public void ScalarModel_AtTiesKinksAndNegativeBases_DerivativesFollowTheFixedRules(string body, double x, double a, double expectedDx, double expectedDa)
    {
        CompiledProbe probe = CompiledProbe.Scalar(body);
        double[] state = [x];
        double[] parameters = [a];

        Assert.Equal(expectedDx, probe.StateJacobian(0.5, state, parameters)[0]);
        Assert.Equal(expectedDa, probe.ParameterJacobian(0.5, state, parameters)[0]);
        (double[] _, double[] tangentX) = probe.EvaluateDual(0.5, state, parameters, [1.0], [0.0]);
        (double[] _, double[] tangentA) = probe.EvaluateDual(0.5, state, parameters, [0.0], [1.0]);
        Assert.Equal(expectedDx, tangentX[0]);
        Assert.Equal(expectedDa, tangentA[0]);
    }

    private static void CheckAtRandomPoints(CompiledProbe probe)
    {
        var random = new Random(42);
        int n = probe.StateCount;
        int m = probe.ParameterCount;
        for (int point = 0; point < PointCount; point++)
        {
            double t = random.NextDouble();
            double[] x = Draw(random, n, 0.1, 2.0);
            double[] p = Draw(random, m, 0.5, 1.5);
            if (NearSwitch(t, x, p))
            {
                continue;
            }

            double[] user = probe.User(t, x, p);
            double[] evaluated = probe.Evaluate(t, x, p);
            for (int i = 0; i < n; i++)
            {
                AssertWithin(user[i], evaluated[i], ValueTolerance * Math.Max(1.0, Math.Abs(user[i])), $"Evaluate[{i}] vs user method");
            }

            double[] jx = probe.StateJacobian(t, x, p);
            double[] jp = probe.ParameterJacobian(t, x, p);
            for (int j = 0; j < n + m; j++)
            {
                bool isState = j < n;
                double[] target = isState ? x : p;
                int index = isState ? j : j - n;
                double h = 1e-6 * Math.Max(1.0, Math.Abs(target[index]));
                double original = target[index];
                target[index] = original + h;
                double[] plus = probe.Evaluate(t, x, p);
                target[index] = original - h;
                double[] minus = probe.Evaluate(t, x, p);
                target[index] = original;
                for (int i = 0; i < n; i++)
                {
                    double generated = isState ? jx[(i * n) + j] : jp[(i * m) + index];
                    double difference = (plus[i] - minus[i]) / (2 * h);
                    double scale = Math.Max(1.0, Math.Max(Math.Abs(generated), Math.Abs(user[i])));
                    AssertWithin(difference, generated, FiniteDifferenceTolerance * scale, $"∂f{i}/∂{(isState ? "x" : "p")}{index} vs finite differences");
                }
            }

            // The printed SymPy forms must say what the generated code computes (different evaluation order: 1e-12).
            OdeModelInfo info = probe.Info;
            var variables = new System.Collections.Generic.Dictionary<string, double>(StringComparer.Ordinal) { [info.TimeName!] = t };
            for (int j = 0; j < n; j++)
            {
                variables[info.StateNames[j]] = x[j];
            }

            for (int k = 0; k < m; k++)
            {
                variables[info.ParameterNames[k]] = p[k];
            }

            for (int i = 0; i < n; i++)
            {
                AssertWithin(evaluated[i], SymPyExpression.Evaluate(info.RightHandSide[i], variables), 1e-12 * Math.Max(1.0, Math.Abs(evaluated[i])), $"Info.RightHandSide[{i}]");
            }

            for (int i = 0; i < n * n; i++)
            {
                AssertWithin(jx[i], SymPyExpression.Evaluate(info.StateJacobian[i], variables), 1e-12 * Math.Max(1.0, Math.Abs(jx[i])), $"Info.StateJacobian[{i}]");
            }

            for (int i = 0; i < n * m; i++)
            {
                AssertWithin(jp[i], SymPyExpression.Evaluate(info.ParameterJacobian[i], variables), 1e-12 * Math.Max(1.0, Math.Abs(jp[i])), $"Info.ParameterJacobian[{i}]");
            }

            double[] dx = Draw(random, n, -1.0, 1.0);
            double[] dp = Draw(random, m, -1.0, 1.0);
            double[] jvp = probe.JacobianVectorProduct(t, x, p, dx, dp);
            (double[] value, double[] tangent) = probe.EvaluateDual(t, x, p, dx, dp);
            for (int i = 0; i < n; i++)
            {
                double scale = 1.0;
                for (int j = 0; j < n; j++)
                {
                    scale += Math.Abs(jx[(i * n) + j] * dx[j]);
                }

                for (int k = 0; k < m; k++)
                {
                    scale += Math.Abs(jp[(i * m) + k] * dp[k]);
                }

                AssertWithin(user[i], value[i], ValueTolerance * Math.Max(1.0, Math.Abs(user[i])), $"EvaluateDual value[{i}] vs user method");
                AssertWithin(jvp[i], tangent[i], TangentTolerance * scale, $"EvaluateDual tangent[{i}] vs JVP");
            }
        }
    }

    private static double[] Draw(Random random, int length, double low, double high)
    {
        double[] values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = low + ((high - low) * random.NextDouble());
        }

        return values;
    }

    // The bodies above switch branches at x ∈ {0.5, 1, 1.5}, a = 1, t = 0.5 or x = y + 0.25: stay 1e-3 away from them.
    private static bool NearSwitch(double t, double[] x, double[] p)
    {
        static bool Near(double value, double at) => Math.Abs(value - at) < 1e-3;
        return Near(t, 0.5) || Near(x[0], 0.5) || Near(x[0], 1.0) || Near(x[0], 1.5) || Near(p[0], 1.0) || (x.Length > 1 && Near(x[0], x[1] + 0.25));
    }

    private static void AssertWithin(double expected, double actual, double tolerance, string what)
    {
        if (!(Math.Abs(expected - actual) <= tolerance))
        {
            Assert.Fail(FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R} (|Δ| = {Math.Abs(expected - actual):E2} > {tolerance:E2})"));
        }
    }
}
