using System;
using System.Linq;
using NeuralOdeGen.Generator.Tests.Networks;

namespace NeuralOdeGen.Generator.Tests.Numerics;

/// <summary>
/// The 2-50-2 spiral network (252 parameters in four span blocks, a counted loop, reassigned locals): every generated
/// member against the user's own method, central finite differences, dense-Jacobian products and the dual numbers of
/// <c>EvaluateDual</c>, at seeded random points in the demo's domain (|y| ≤ 2, weights of order 0.5).
/// </summary>
public sealed class SpiralNetDerivativeTests
{
    private const int PointCount = 8;
    private const int N = 2;
    private const int M = 252;

    // Central differences with h = 1e-6·max(1, |v|): truncation h²|f'''|/6 and rounding ε|f|/h ≈ 2e-10·|f|; |f|, |f'''| ≲ 1e2
    // here (|y|³ ≤ 8 times 50 weights ≤ 0.5), so the error stays below 1e-7 of max(1, |J|, |f|).
    private const double FiniteDifferenceTolerance = 1e-7;

    // The same sums in another order: each of ≤ 254 terms contributes ~ε of its size, so 1e-13 of the sum of |terms|.
    private const double ProductTolerance = 1e-13;

    // Evaluate reassociates the user's 51-term sums: ~51·ε of the largest partial sum, far below 1e-13 of max(1, Σ|terms|).
    private const double EvaluateTolerance = 1e-13;

    [Fact]
    public void Counts_SpiralNet_AreTwoStatesAnd252FlattenedParametersNamedByBlock()
    {
        Assert.Equal(N, SpiralNet.StateCount);
        Assert.Equal(M, SpiralNet.ParameterCount);
        OdeModelInfo info = SpiralNet.Info;
        Assert.Equal(["y0", "y1"], info.StateNames);
        string[] expected = Enumerable.Range(0, 100).Select(k => $"w1[{k}]")
            .Concat(Enumerable.Range(0, 50).Select(k => $"b1[{k}]"))
            .Concat(Enumerable.Range(0, 100).Select(k => $"w2[{k}]"))
            .Concat(Enumerable.Range(0, 2).Select(k => $"b2[{k}]"))
            .ToArray();
        Assert.Equal(expected, info.ParameterNames);
    }

    [Fact]
    public void Evaluate_RandomPoints_MatchesUserMethodAndEvaluateDualValue() => ForEachPoint((x, p) =>
    {
        double[] expected = UserMethod(x, p);
        double[] actual = new double[N];
        SpiralNet.Evaluate(0.0, x, p, actual);
        Dual[] dual = new Dual[N];
        SpiralNet.EvaluateDual(0.0, ToDual(x, new double[N]), ToDual(p, new double[M]), dual);
        double scale = Math.Max(1.0, TermScale(x, p));
        for (int i = 0; i < N; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= EvaluateTolerance * scale, $"Evaluate[{i}] = {actual[i]:R}, user method {expected[i]:R}");
            Assert.Equal(expected[i], dual[i].Value); // EvaluateDual runs the user's statements in the user's order
            Assert.Equal(0.0, dual[i].Derivative);
        }
    });

    [Fact]
    public void StateAndParameterJacobians_RandomPoints_MatchCentralFiniteDifferences() => ForEachPoint((x, p) =>
    {
        double[] jx = new double[N * N];
        double[] jp = new double[N * M];
        SpiralNet.StateJacobian(0.0, x, p, jx);
        SpiralNet.ParameterJacobian(0.0, x, p, jp);
        double[] f = UserMethod(x, p);
        for (int j = 0; j < N + M; j++)
        {
            double[] column = CentralDifference(x, p, j);
            for (int i = 0; i < N; i++)
            {
                double generated = j < N ? jx[(i * N) + j] : jp[(i * M) + (j - N)];
                double scale = Math.Max(1.0, Math.Max(Math.Abs(generated), Math.Abs(f[i])));
                Assert.True(
                    Math.Abs(column[i] - generated) <= FiniteDifferenceTolerance * scale,
                    $"∂f{i}/∂{(j < N ? "y" + j : SpiralNet.Info.ParameterNames[j - N])}: generated {generated:R}, finite differences {column[i]:R}");
            }
        }
    });

    [Fact]
    public void ProductsAndDualTangent_RandomDirections_MatchDenseJacobians() => ForEachPoint((x, p) =>
    {
        var random = new Random(97);
        double[] dx = Draw(random, N, 1.0);
        double[] dp = Draw(random, M, 1.0);
        double[] v = Draw(random, N, 1.0);
        double[] jx = new double[N * N];
        double[] jp = new double[N * M];
        SpiralNet.StateJacobian(0.0, x, p, jx);
        SpiralNet.ParameterJacobian(0.0, x, p, jp);

        double[] jvp = new double[N];
        SpiralNet.JacobianVectorProduct(0.0, x, p, dx, dp, jvp);
        Dual[] dual = new Dual[N];
        SpiralNet.EvaluateDual(0.0, ToDual(x, dx), ToDual(p, dp), dual);
        for (int i = 0; i < N; i++)
        {
            double dense = 0.0;
            double size = 0.0;
            for (int j = 0; j < N; j++)
            {
                dense += jx[(i * N) + j] * dx[j];
                size += Math.Abs(jx[(i * N) + j] * dx[j]);
            }

            for (int k = 0; k < M; k++)
            {
                dense += jp[(i * M) + k] * dp[k];
                size += Math.Abs(jp[(i * M) + k] * dp[k]);
            }

            double tolerance = ProductTolerance * Math.Max(1.0, size);
            Assert.True(Math.Abs(dense - jvp[i]) <= tolerance, $"JVP[{i}] = {jvp[i]:R}, J·d = {dense:R}");
            Assert.True(Math.Abs(dense - dual[i].Derivative) <= tolerance, $"EvaluateDual tangent {i} = {dual[i].Derivative:R}, J·d = {dense:R}");
        }

        double[] vjx = new double[N];
        double[] vjp = new double[M];
        SpiralNet.VectorJacobianProduct(0.0, x, p, v, vjx, vjp);
        for (int j = 0; j < N + M; j++)
        {
            double dense = 0.0;
            double size = 0.0;
            for (int i = 0; i < N; i++)
            {
                double entry = j < N ? jx[(i * N) + j] : jp[(i * M) + (j - N)];
                dense += v[i] * entry;
                size += Math.Abs(v[i] * entry);
            }

            double actual = j < N ? vjx[j] : vjp[j - N];
            Assert.True(Math.Abs(dense - actual) <= ProductTolerance * Math.Max(1.0, size), $"VJP[{j}] = {actual:R}, vᵀJ = {dense:R}");
        }
    });

    private static void ForEachPoint(Action<double[], double[]> check)
    {
        var random = new Random(20261128);
        for (int point = 0; point < PointCount; point++)
        {
            check(Draw(random, N, 2.0), Draw(random, M, 0.5));
        }
    }

    private static double[] Draw(Random random, int count, double halfWidth) =>
        Enumerable.Range(0, count).Select(_ => halfWidth * ((2.0 * random.NextDouble()) - 1.0)).ToArray();

    private static double[] UserMethod(double[] x, double[] p)
    {
        ReadOnlySpan<double> all = p;
        (double f0, double f1) = SpiralNet.Rhs(x[0], x[1], all.Slice(0, 100), all.Slice(100, 50), all.Slice(150, 100), all.Slice(250, 2));
        return [f0, f1];
    }

    /// <summary>Σ|w2_j·h_j| + |b2|: the size of the terms the outputs sum, for the reassociation tolerance.</summary>
    private static double TermScale(double[] x, double[] p)
    {
        double size = Math.Abs(p[250]) + Math.Abs(p[251]);
        for (int j = 0; j < 50; j++)
        {
            double h = Math.Tanh((p[2 * j] * x[0] * x[0] * x[0]) + (p[(2 * j) + 1] * x[1] * x[1] * x[1]) + p[100 + j]);
            size += (Math.Abs(p[150 + j]) + Math.Abs(p[200 + j])) * Math.Abs(h);
        }

        return size;
    }

    /// <summary>∂f/∂(x, p)_j by central differences of the user's method.</summary>
    private static double[] CentralDifference(double[] x, double[] p, int j)
    {
        double[] xs = (double[])x.Clone();
        double[] ps = (double[])p.Clone();
        double value = j < N ? x[j] : p[j - N];
        double h = 1e-6 * Math.Max(1.0, Math.Abs(value));
        Set(xs, ps, j, value + h);
        double[] plus = UserMethod(xs, ps);
        Set(xs, ps, j, value - h);
        double[] minus = UserMethod(xs, ps);
        return [(plus[0] - minus[0]) / (2.0 * h), (plus[1] - minus[1]) / (2.0 * h)];
    }

    private static void Set(double[] x, double[] p, int j, double value)
    {
        if (j < N)
        {
            x[j] = value;
        }
        else
        {
            p[j - N] = value;
        }
    }

    private static Dual[] ToDual(double[] values, double[] tangents) =>
        values.Select((value, i) => new Dual(value, tangents[i])).ToArray();
}
