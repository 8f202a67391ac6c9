using System;
using System.Linq;
using System.Reflection;

namespace NeuralOdeGen.Generator.Tests.Numerics;

/// <summary>
/// One example model with what a person derived by hand: the user's own method (ground truth for f), the
/// analytic Jacobians, and a sampler of points inside the model's smooth, finite domain. The checks compare
/// the generated members against these and against each other at <see cref="PointCount"/> seeded random points.
/// </summary>
internal abstract class ModelCase<TModel> : IModelCase
    where TModel : IOdeModel<TModel>
{
    public const int PointCount = 64;

    // Central differences with h = 1e-6·max(1, |x|): truncation h²|f'''|/6 ≲ 1e-12·|f'''| and rounding
    // ε|f|/h ≈ 2e-10·|f|; with |f|, |f'''| ≲ 1e2 in the sampled domains the error stays below 1e-7 of max(1, |J|, |f|).
    private const double FiniteDifferenceTolerance = 1e-7;

    private const double FiniteDifferenceStep = 1e-6;

    // Generated and hand-written Jacobians are the same formulas in a different operation order: a few ulps of the
    // largest term each, far below 1e-12 of max(1, |J|) (the issue's "done when").
    private const double AnalyticTolerance = 1e-12;

    // Products are sums of n·m terms computed in different orders: ~ (n+m)·ε of the sum of |terms| ≪ 1e-13 of it.
    private const double ProductTolerance = 1e-13;

    // Evaluate may reassociate the user's sums when simplifying; every reassociation costs ~ε of the largest term.
    private const double EvaluateTolerance = 1e-14;

    private readonly int _seed;

    protected ModelCase(int seed) => _seed = seed;

    public string Name => typeof(TModel).Name;

    protected static int N => TModel.StateCount;

    protected static int M => TModel.ParameterCount;

    /// <summary>Draws a point where the model is smooth and finite, at least 1e-3 away from any branch switch.</summary>
    protected abstract double Sample(Random random, Span<double> x, Span<double> p);

    /// <summary>Calls the user's own [Dynamics] method (compiled by C#, not by the generator).</summary>
    protected abstract void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f);

    /// <summary>∂f_i/∂x_j at [i*n + j], derived by hand.</summary>
    protected abstract void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx);

    /// <summary>∂f_i/∂p_k at [i*m + k], derived by hand.</summary>
    protected abstract void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp);

    public void InfoDescribesUserMethod()
    {
        // The user's method, read by reflection, says what the names and counts must be.
        MethodInfo rhs = typeof(TModel).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.IsDefined(typeof(DynamicsAttribute)));
        ParameterInfo[] parameters = rhs.GetParameters();
        string[] states = parameters.Where(q => !q.IsDefined(typeof(ParamAttribute)) && !q.IsDefined(typeof(TimeAttribute))).Select(q => q.Name!).ToArray();
        string[] trainable = parameters.Where(q => q.IsDefined(typeof(ParamAttribute))).Select(q => q.Name!).ToArray();
        string? time = parameters.SingleOrDefault(q => q.IsDefined(typeof(TimeAttribute)))?.Name;

        OdeModelInfo info = TModel.Info;
        Assert.Same(info, TModel.Info);
        Assert.Equal(typeof(TModel).Name, info.Name);
        Assert.Equal(states, info.StateNames);
        Assert.Equal(trainable, info.ParameterNames);
        Assert.Equal(time, info.TimeName);
        Assert.Equal(states.Length, TModel.StateCount);
        Assert.Equal(trainable.Length, TModel.ParameterCount);
        Assert.All(info.RightHandSide.Concat(info.StateJacobian).Concat(info.ParameterJacobian), entry => Assert.False(string.IsNullOrWhiteSpace(entry)));
    }

    // The printed forms are the generator's own simplified expressions, evaluated here in a different order than the
    // emitted C#: agreement to a few ulps of the terms, 1e-12 of max(1, |value|) leaves a wide margin.
    public void InfoFormsMatchGeneratedMembers() => ForEachPoint((t, x, p) =>
    {
        OdeModelInfo info = TModel.Info;
        var variables = new System.Collections.Generic.Dictionary<string, double>(StringComparer.Ordinal);
        for (int j = 0; j < N; j++)
        {
            variables[info.StateNames[j]] = x[j];
        }

        for (int k = 0; k < M; k++)
        {
            variables[info.ParameterNames[k]] = p[k];
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
        AssertClose(f, info.RightHandSide.Select(e => SymPyExpression.Evaluate(e, variables)).ToArray(), AnalyticTolerance, "Info.RightHandSide vs Evaluate", t, x, p);
        AssertClose(jx, info.StateJacobian.Select(e => SymPyExpression.Evaluate(e, variables)).ToArray(), AnalyticTolerance, "Info.StateJacobian vs StateJacobian", t, x, p);
        AssertClose(jp, info.ParameterJacobian.Select(e => SymPyExpression.Evaluate(e, variables)).ToArray(), AnalyticTolerance, "Info.ParameterJacobian vs ParameterJacobian", t, x, p);
    });

    public void EvaluateMatchesUserMethod() => ForEachPoint((t, x, p) =>
    {
        double[] expected = new double[N];
        double[] actual = new double[N];
        UserMethod(t, x, p, expected);
        TModel.Evaluate(t, x, p, actual);
        AssertClose(expected, actual, EvaluateTolerance, "Evaluate vs user method", t, x, p);
    });

    public void EvaluateDualValueMatchesEvaluate() => ForEachPoint((t, x, p) =>
    {
        double[] expected = new double[N];
        Dual[] dual = new Dual[N];
        TModel.Evaluate(t, x, p, expected);
        TModel.EvaluateDual(t, ToDual(x, new double[N]), ToDual(p, new double[M]), dual);
        AssertClose(expected, Array.ConvertAll(dual, d => d.Value), EvaluateTolerance, "EvaluateDual value vs Evaluate", t, x, p);
        Assert.All(dual, d => Assert.Equal(0.0, d.Derivative));
    });

    public void StateJacobianMatchesFiniteDifferences() => ForEachPoint((t, x, p) =>
    {
        double[] generated = new double[N * N];
        TModel.StateJacobian(t, x, p, generated);
        double[] f = new double[N];
        TModel.Evaluate(t, x, p, f);
        for (int j = 0; j < N; j++)
        {
            double[] column = CentralDifference(t, x, p, j, perturbState: true);
            for (int i = 0; i < N; i++)
            {
                double scale = Math.Max(1.0, Math.Max(Math.Abs(generated[(i * N) + j]), Math.Abs(f[i])));
                AssertWithin(column[i], generated[(i * N) + j], FiniteDifferenceTolerance * scale, $"∂f{i}/∂x{j} vs finite differences", t, x, p);
            }
        }
    });

    public void ParameterJacobianMatchesFiniteDifferences() => ForEachPoint((t, x, p) =>
    {
        double[] generated = new double[N * M];
        TModel.ParameterJacobian(t, x, p, generated);
        double[] f = new double[N];
        TModel.Evaluate(t, x, p, f);
        for (int k = 0; k < M; k++)
        {
            double[] column = CentralDifference(t, x, p, k, perturbState: false);
            for (int i = 0; i < N; i++)
            {
                double scale = Math.Max(1.0, Math.Max(Math.Abs(generated[(i * M) + k]), Math.Abs(f[i])));
                AssertWithin(column[i], generated[(i * M) + k], FiniteDifferenceTolerance * scale, $"∂f{i}/∂p{k} vs finite differences", t, x, p);
            }
        }
    });

    public void StateJacobianMatchesAnalytic() => ForEachPoint((t, x, p) =>
    {
        double[] expected = new double[N * N];
        double[] actual = new double[N * N];
        AnalyticStateJacobian(t, x, p, expected);
        TModel.StateJacobian(t, x, p, actual);
        AssertClose(expected, actual, AnalyticTolerance, "StateJacobian vs analytic", t, x, p);
    });

    public void ParameterJacobianMatchesAnalytic() => ForEachPoint((t, x, p) =>
    {
        double[] expected = new double[N * M];
        double[] actual = new double[N * M];
        AnalyticParameterJacobian(t, x, p, expected);
        TModel.ParameterJacobian(t, x, p, actual);
        AssertClose(expected, actual, AnalyticTolerance, "ParameterJacobian vs analytic", t, x, p);
    });

    public void EvaluateDualMatchesJacobianVectorProduct() => ForEachPoint((t, x, p, random) =>
    {
        double[] dx = RandomVector(random, N);
        double[] dp = RandomVector(random, M);
        double[] jvp = new double[N];
        TModel.JacobianVectorProduct(t, x, p, dx, dp, jvp);
        Dual[] dual = new Dual[N];
        TModel.EvaluateDual(t, ToDual(x, dx), ToDual(p, dp), dual);
        double[] scales = ProductScales(t, x, p, dx, dp);
        for (int i = 0; i < N; i++)
        {
            AssertWithin(jvp[i], dual[i].Derivative, ProductTolerance * scales[i], $"EvaluateDual tangent {i} vs JVP", t, x, p);
        }
    });

    public void ProductsMatchDenseJacobians() => ForEachPoint((t, x, p, random) =>
    {
        double[] v = RandomVector(random, N);
        double[] u = RandomVector(random, N);
        double[] w = RandomVector(random, M);
        double[] jx = new double[N * N];
        double[] jp = new double[N * M];
        TModel.StateJacobian(t, x, p, jx);
        TModel.ParameterJacobian(t, x, p, jp);

        // vᵀ(Jx·u + Jp·w) from the dense matrices, and the size of its terms for the tolerance.
        double dense = 0.0;
        double magnitude = 0.0;
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                dense += v[i] * jx[(i * N) + j] * u[j];
                magnitude += Math.Abs(v[i] * jx[(i * N) + j] * u[j]);
            }

            for (int k = 0; k < M; k++)
            {
                dense += v[i] * jp[(i * M) + k] * w[k];
                magnitude += Math.Abs(v[i] * jp[(i * M) + k] * w[k]);
            }
        }

        double[] vjx = new double[N];
        double[] vjp = new double[M];
        TModel.VectorJacobianProduct(t, x, p, v, vjx, vjp);
        double viaVjp = Dot(vjx, u) + Dot(vjp, w);

        double[] jvp = new double[N];
        TModel.JacobianVectorProduct(t, x, p, u, w, jvp);
        double viaJvp = Dot(v, jvp);

        double tolerance = ProductTolerance * Math.Max(1.0, magnitude);
        AssertWithin(dense, viaVjp, tolerance, "(vᵀJ)·(u, w) vs vᵀ(J·(u, w))", t, x, p);
        AssertWithin(dense, viaJvp, tolerance, "vᵀ(JVP(u, w)) vs vᵀ(J·(u, w))", t, x, p);

        // The pieces too, so that an error in vjx cannot hide behind one in vjp.
        for (int j = 0; j < N; j++)
        {
            double expected = 0.0;
            double size = 0.0;
            for (int i = 0; i < N; i++)
            {
                expected += v[i] * jx[(i * N) + j];
                size += Math.Abs(v[i] * jx[(i * N) + j]);
            }

            AssertWithin(expected, vjx[j], ProductTolerance * Math.Max(1.0, size), $"vjx[{j}] vs vᵀJx", t, x, p);
        }

        for (int k = 0; k < M; k++)
        {
            double expected = 0.0;
            double size = 0.0;
            for (int i = 0; i < N; i++)
            {
                expected += v[i] * jp[(i * M) + k];
                size += Math.Abs(v[i] * jp[(i * M) + k]);
            }

            AssertWithin(expected, vjp[k], ProductTolerance * Math.Max(1.0, size), $"vjp[{k}] vs vᵀJp", t, x, p);
        }
    });

    public void ShortSpansThrowArgumentException()
    {
        double t = 0.5;
        double[] x = new double[N];
        double[] p = new double[M];
        Sample(new Random(_seed), x, p);
        Dual[] xd = ToDual(x, new double[N]);
        Dual[] pd = ToDual(p, new double[M]);

        // Each call below shortens exactly one span (by one element) and must name that span.
        ExpectShort("Evaluate", 1, N, () => TModel.Evaluate(t, x.AsSpan(1), p, new double[N]));
        ExpectShort("Evaluate", 3, N, () => TModel.Evaluate(t, x, p, new double[N - 1]));
        ExpectShort("StateJacobian", 1, N, () => TModel.StateJacobian(t, x.AsSpan(1), p, new double[N * N]));
        ExpectShort("StateJacobian", 3, N * N, () => TModel.StateJacobian(t, x, p, new double[(N * N) - 1]));
        ExpectShort("ParameterJacobian", 1, N, () => TModel.ParameterJacobian(t, x.AsSpan(1), p, new double[N * M]));
        ExpectShort("VectorJacobianProduct", 1, N, () => TModel.VectorJacobianProduct(t, x.AsSpan(1), p, new double[N], new double[N], new double[M]));
        ExpectShort("VectorJacobianProduct", 3, N, () => TModel.VectorJacobianProduct(t, x, p, new double[N - 1], new double[N], new double[M]));
        ExpectShort("VectorJacobianProduct", 4, N, () => TModel.VectorJacobianProduct(t, x, p, new double[N], new double[N - 1], new double[M]));
        ExpectShort("JacobianVectorProduct", 1, N, () => TModel.JacobianVectorProduct(t, x.AsSpan(1), p, new double[N], new double[M], new double[N]));
        ExpectShort("JacobianVectorProduct", 3, N, () => TModel.JacobianVectorProduct(t, x, p, new double[N - 1], new double[M], new double[N]));
        ExpectShort("JacobianVectorProduct", 5, N, () => TModel.JacobianVectorProduct(t, x, p, new double[N], new double[M], new double[N - 1]));
        ExpectShort("EvaluateDual", 1, N, () => TModel.EvaluateDual(t, xd.AsSpan(1), pd, new Dual[N]));
        ExpectShort("EvaluateDual", 3, N, () => TModel.EvaluateDual(t, xd, pd, new Dual[N - 1]));
        if (M > 0)
        {
            ExpectShort("Evaluate", 2, M, () => TModel.Evaluate(t, x, p.AsSpan(1), new double[N]));
            ExpectShort("StateJacobian", 2, M, () => TModel.StateJacobian(t, x, p.AsSpan(1), new double[N * N]));
            ExpectShort("ParameterJacobian", 2, M, () => TModel.ParameterJacobian(t, x, p.AsSpan(1), new double[N * M]));
            ExpectShort("ParameterJacobian", 3, N * M, () => TModel.ParameterJacobian(t, x, p, new double[(N * M) - 1]));
            ExpectShort("VectorJacobianProduct", 2, M, () => TModel.VectorJacobianProduct(t, x, p.AsSpan(1), new double[N], new double[N], new double[M]));
            ExpectShort("VectorJacobianProduct", 5, M, () => TModel.VectorJacobianProduct(t, x, p, new double[N], new double[N], new double[M - 1]));
            ExpectShort("JacobianVectorProduct", 2, M, () => TModel.JacobianVectorProduct(t, x, p.AsSpan(1), new double[N], new double[M], new double[N]));
            ExpectShort("JacobianVectorProduct", 4, M, () => TModel.JacobianVectorProduct(t, x, p, new double[N], new double[M - 1], new double[N]));
            ExpectShort("EvaluateDual", 2, M, () => TModel.EvaluateDual(t, xd, pd.AsSpan(1), new Dual[N]));
        }
    }

    public void MembersAllocateNothing()
    {
        double[] x = new double[N];
        double[] p = new double[M];
        double t = Sample(new Random(_seed), x, p);
        double[] f = new double[N];
        double[] jx = new double[N * N];
        double[] jp = new double[N * M];
        double[] v = new double[N];
        double[] vjx = new double[N];
        double[] vjp = new double[M];
        double[] dp = new double[M];
        Dual[] xd = ToDual(x, v);
        Dual[] pd = ToDual(p, dp);
        Dual[] fd = new Dual[N];
        _ = TModel.Info;

        // Twice: the first round runs static constructors and any lazy initialisation.
        long allocated = 0;
        for (int round = 0; round < 2; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                TModel.Evaluate(t, x, p, f);
                TModel.StateJacobian(t, x, p, jx);
                TModel.ParameterJacobian(t, x, p, jp);
                TModel.VectorJacobianProduct(t, x, p, v, vjx, vjp);
                TModel.JacobianVectorProduct(t, x, p, v, dp, f);
                TModel.EvaluateDual(t, xd, pd, fd);
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated);
    }

    private static void ExpectShort(string method, int position, int expectedLength, Action call)
    {
        string parameterName = typeof(TModel).GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.GetParameters()[position].Name!;
        ArgumentException exception = Assert.ThrowsAny<ArgumentException>(call);
        Assert.True(
            exception.ParamName == parameterName,
            $"{typeof(TModel).Name}.{method}: a short '{parameterName}' threw with ParamName '{exception.ParamName}'.");
        Assert.True(
            exception.Message.Contains(expectedLength.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            && exception.Message.Contains((expectedLength - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            $"{typeof(TModel).Name}.{method}: the message should state the expected ({expectedLength}) and actual ({expectedLength - 1}) length: {exception.Message}");
    }

    private double[] CentralDifference(double t, double[] x, double[] p, int index, bool perturbState)
    {
        double[] target = perturbState ? x : p;
        double original = target[index];
        double h = FiniteDifferenceStep * Math.Max(1.0, Math.Abs(original));
        double[] plus = new double[N];
        double[] minus = new double[N];
        target[index] = original + h;
        TModel.Evaluate(t, x, p, plus);
        target[index] = original - h;
        TModel.Evaluate(t, x, p, minus);
        target[index] = original;
        double[] column = new double[N];
        for (int i = 0; i < N; i++)
        {
            column[i] = (plus[i] - minus[i]) / (2.0 * h);
        }

        return column;
    }

    // Σ_j |Jx_ij·dx_j| + Σ_k |Jp_ik·dp_k| from the analytic Jacobians, floored at 1: the size of the JVP's terms.
    private double[] ProductScales(double t, double[] x, double[] p, double[] dx, double[] dp)
    {
        double[] jx = new double[N * N];
        double[] jp = new double[N * M];
        AnalyticStateJacobian(t, x, p, jx);
        AnalyticParameterJacobian(t, x, p, jp);
        double[] scales = new double[N];
        for (int i = 0; i < N; i++)
        {
            double sum = 1.0;
            for (int j = 0; j < N; j++)
            {
                sum += Math.Abs(jx[(i * N) + j] * dx[j]);
            }

            for (int k = 0; k < M; k++)
            {
                sum += Math.Abs(jp[(i * M) + k] * dp[k]);
            }

            scales[i] = sum;
        }

        return scales;
    }

    private void ForEachPoint(Action<double, double[], double[]> check) => ForEachPoint((t, x, p, _) => check(t, x, p));

    private void ForEachPoint(Action<double, double[], double[], Random> check)
    {
        var random = new Random(_seed);
        for (int point = 0; point < PointCount; point++)
        {
            double[] x = new double[N];
            double[] p = new double[M];
            double t = Sample(random, x, p);
            check(t, x, p, random);
        }
    }

    private static double[] RandomVector(Random random, int length)
    {
        double[] vector = new double[length];
        for (int i = 0; i < length; i++)
        {
            vector[i] = (2.0 * random.NextDouble()) - 1.0;
        }

        return vector;
    }

    private static Dual[] ToDual(double[] values, double[] tangents)
    {
        var duals = new Dual[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            duals[i] = new Dual(values[i], tangents[i]);
        }

        return duals;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void AssertClose(double[] expected, double[] actual, double relativeTolerance, string what, double t, double[] x, double[] p)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertWithin(expected[i], actual[i], relativeTolerance * Math.Max(1.0, Math.Abs(expected[i])), $"{what} [{i}]", t, x, p);
        }
    }

    private static void AssertWithin(double expected, double actual, double tolerance, string what, double t, double[] x, double[] p)
    {
        if (!(Math.Abs(expected - actual) <= tolerance))
        {
            Assert.Fail(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{typeof(TModel).Name}: {what}: expected {expected:R}, got {actual:R} (|Δ| = {Math.Abs(expected - actual):E2} > {tolerance:E2}) at t = {t:R}, x = [{string.Join(", ", x)}], p = [{string.Join(", ", p)}]"));
        }
    }
}
