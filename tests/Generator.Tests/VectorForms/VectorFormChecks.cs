using System;
using System.Collections.Generic;
using System.Linq;
using NeuralOdeGen.Generator.Tests.Numerics;

namespace NeuralOdeGen.Generator.Tests.VectorForms;

/// <summary>The user's own method as a function of the flat state and parameter vectors (it fills <c>f</c>).</summary>
internal delegate void FlatMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f);

/// <summary>
/// Checks of one vector-form model's generated members at a point: against the user's own method, central finite
/// differences, the dense Jacobians, the dual numbers of <c>EvaluateDual</c> and the SymPy forms of <c>Info</c>.
/// </summary>
internal static class VectorFormChecks<TModel>
    where TModel : IOdeModel<TModel>
{
    // Central differences with h = 1e-6·max(1, |v|): truncation h²|f'''|/6 and rounding ε|f|/h ≈ 2e-10·|f|; with |f|,
    // |f'''| ≲ 1e2 at the sampled points the error stays below 1e-7 of max(1, |J|, |f|).
    private const double FiniteDifferenceTolerance = 1e-7;

    // The same sums of n·(n+m) terms in another order: ~(n+m)·ε of the sum of |terms| ≪ 1e-13 of it.
    private const double ProductTolerance = 1e-13;

    // Evaluate reassociates the user's sums when simplifying: ~ε per term of the largest partial sum.
    private const double EvaluateTolerance = 1e-13;

    private static int N => TModel.StateCount;

    private static int M => TModel.ParameterCount;

    public static void EvaluateMatchesUserMethodAndDual(FlatMethod user, double t, double[] x, double[] p)
    {
        double[] expected = new double[N];
        double[] actual = new double[N];
        Dual[] dual = new Dual[N];
        user(t, x, p, expected);
        TModel.Evaluate(t, x, p, actual);
        TModel.EvaluateDual(t, ToDual(x, new double[N]), ToDual(p, new double[M]), dual);
        for (int i = 0; i < N; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= EvaluateTolerance * Math.Max(1.0, Math.Abs(expected[i])), $"Evaluate[{i}] = {actual[i]:R}, user method {expected[i]:R}");

            // EvaluateDual runs the user's statements in the user's order: the same value, bit for bit.
            Assert.Equal(expected[i], dual[i].Value);
            Assert.Equal(0.0, dual[i].Derivative);
        }
    }

    public static void JacobiansMatchCentralDifferences(FlatMethod user, double t, double[] x, double[] p)
    {
        double[] jx = new double[N * N];
        double[] jp = new double[N * M];
        double[] f = new double[N];
        TModel.StateJacobian(t, x, p, jx);
        TModel.ParameterJacobian(t, x, p, jp);
        user(t, x, p, f);
        for (int j = 0; j < N + M; j++)
        {
            double[] column = CentralDifference(user, t, x, p, j);
            for (int i = 0; i < N; i++)
            {
                double generated = j < N ? jx[(i * N) + j] : jp[(i * M) + (j - N)];
                double scale = Math.Max(1.0, Math.Max(Math.Abs(generated), Math.Abs(f[i])));
                Assert.True(
                    Math.Abs(column[i] - generated) <= FiniteDifferenceTolerance * scale,
                    $"∂f{i}/∂{(j < N ? TModel.Info.StateNames[j] : TModel.Info.ParameterNames[j - N])}: generated {generated:R}, finite differences {column[i]:R}");
            }
        }
    }

    public static void ProductsAndDualTangentMatchDenseJacobians(double t, double[] x, double[] p, Random random)
    {
        double[] dx = Draw(random, N, 1.0);
        double[] dp = Draw(random, M, 1.0);
        double[] v = Draw(random, N, 1.0);
        double[] jx = new double[N * N];
        double[] jp = new double[N * M];
        TModel.StateJacobian(t, x, p, jx);
        TModel.ParameterJacobian(t, x, p, jp);

        double[] jvp = new double[N];
        Dual[] dual = new Dual[N];
        TModel.JacobianVectorProduct(t, x, p, dx, dp, jvp);
        TModel.EvaluateDual(t, ToDual(x, dx), ToDual(p, dp), dual);
        for (int i = 0; i < N; i++)
        {
            double dense = 0.0;
            double size = 0.0;
            for (int j = 0; j < N + M; j++)
            {
                double term = j < N ? jx[(i * N) + j] * dx[j] : jp[(i * M) + (j - N)] * dp[j - N];
                dense += term;
                size += Math.Abs(term);
            }

            double tolerance = ProductTolerance * Math.Max(1.0, size);
            Assert.True(Math.Abs(dense - jvp[i]) <= tolerance, $"JVP[{i}] = {jvp[i]:R}, J·d = {dense:R}");
            Assert.True(Math.Abs(dense - dual[i].Derivative) <= tolerance, $"EvaluateDual tangent {i} = {dual[i].Derivative:R}, J·d = {dense:R}");
        }

        double[] vjx = new double[N];
        double[] vjp = new double[M];
        TModel.VectorJacobianProduct(t, x, p, v, vjx, vjp);
        for (int j = 0; j < N + M; j++)
        {
            double dense = 0.0;
            double size = 0.0;
            for (int i = 0; i < N; i++)
            {
                double term = v[i] * (j < N ? jx[(i * N) + j] : jp[(i * M) + (j - N)]);
                dense += term;
                size += Math.Abs(term);
            }

            double actual = j < N ? vjx[j] : vjp[j - N];
            Assert.True(Math.Abs(dense - actual) <= ProductTolerance * Math.Max(1.0, size), $"VJP[{j}] = {actual:R}, vᵀJ = {dense:R}");
        }
    }

    /// <summary>The SymPy forms of <c>Info</c>, under the symbols <c>x_0</c>, <c>w_3</c> for <c>x[0]</c>, <c>w[3]</c>, evaluated against the members.</summary>
    public static void InfoFormsMatchGeneratedMembers(double t, double[] x, double[] p)
    {
        OdeModelInfo info = TModel.Info;
        var variables = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int j = 0; j < N; j++)
        {
            variables[Symbol(info.StateNames[j])] = x[j];
        }

        for (int k = 0; k < M; k++)
        {
            variables[Symbol(info.ParameterNames[k])] = p[k];
        }

        if (info.TimeName is not null)
        {
            variables[info.TimeName] = t;
        }

        double[] f = new double[N];
        double[] jx = new double[N * N];
        double[] jp = new double[N * M];
        TModel.Evaluate(t, x, p, f);
        TModel.StateJacobian(t, x, p, jx);
        TModel.ParameterJacobian(t, x, p, jp);

        // Same simplified expressions evaluated in another order: a few ulps of the terms.
        AssertClose(f, info.RightHandSide, variables, 1e-12);
        AssertClose(jx, info.StateJacobian, variables, 1e-12);
        AssertClose(jp, info.ParameterJacobian, variables, 1e-12);
    }

    public static double[] Draw(Random random, int count, double halfWidth) =>
        Enumerable.Range(0, count).Select(_ => halfWidth * ((2.0 * random.NextDouble()) - 1.0)).ToArray();

    public static Dual[] ToDual(double[] values, double[] tangents) =>
        values.Select((value, i) => new Dual(value, tangents[i])).ToArray();

    private static string Symbol(string name) => name.Replace("[", "_", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);

    private static void AssertClose(double[] actual, IReadOnlyList<string> forms, Dictionary<string, double> variables, double tolerance)
    {
        Assert.Equal(actual.Length, forms.Count);
        for (int i = 0; i < actual.Length; i++)
        {
            double expected = SymPyExpression.Evaluate(forms[i], variables);
            Assert.True(Math.Abs(expected - actual[i]) <= tolerance * Math.Max(1.0, Math.Abs(expected)), $"Info form '{forms[i]}' = {expected:R}, member {actual[i]:R}");
        }
    }

    /// <summary>∂f/∂(x, p)_j by central differences of the user's method.</summary>
    private static double[] CentralDifference(FlatMethod user, double t, double[] x, double[] p, int j)
    {
        double[] xs = (double[])x.Clone();
        double[] ps = (double[])p.Clone();
        double value = j < N ? x[j] : p[j - N];
        double h = 1e-6 * Math.Max(1.0, Math.Abs(value));
        double[] plus = new double[N];
        double[] minus = new double[N];
        Set(xs, ps, j, value + h);
        user(t, xs, ps, plus);
        Set(xs, ps, j, value - h);
        user(t, xs, ps, minus);
        return plus.Select((f, i) => (f - minus[i]) / (2.0 * h)).ToArray();
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
}
