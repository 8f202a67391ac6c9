using System;
using System.Collections.Generic;
using System.Linq;

namespace NeuralOdeGen.Verification;

/// <summary>
/// The full-size check of a model whose loops are kept (its <see cref="OdeModelInfo"/> has names but no symbolic forms,
/// so SymPy has nothing to read): the compiled derivative members against <c>EvaluateDual</c> (the user's own body over
/// dual numbers, an independent forward mode) with central differences of <c>Evaluate</c> as a sanity floor.
/// </summary>
/// <remarks>
/// <para>At each point it compares:</para>
/// <list type="bullet">
/// <item><description>every right-hand side: <c>Evaluate</c> against the value part of <c>EvaluateDual</c>;</description></item>
/// <item><description>
/// every entry of <see cref="VerificationOptions.LoopColumns"/> columns of the Jacobian <c>[∂f/∂x | ∂f/∂p]</c> (all columns
/// when there are no more; otherwise every state column, if they fill at most half of them, and parameter columns drawn
/// with the seed): the compiled <c>StateJacobian</c>/<c>ParameterJacobian</c>,
/// <c>JacobianVectorProduct</c> with the unit vector and <c>VectorJacobianProduct</c> with each unit cotangent against a
/// dual pass with that unit tangent; central differences against the same;</description></item>
/// <item><description>
/// <see cref="VerificationOptions.LoopDirections"/> random directions <c>d = (dx, dp)</c> with standard normal entries:
/// the full compiled Jacobians times <c>d</c>, <c>JacobianVectorProduct(d)</c> and every row of <c>VectorJacobianProduct</c>
/// dotted with <c>d</c>, against one dual pass with tangent <c>d</c>, and the central difference along <c>d</c>. These rows
/// see every Jacobian and product entry at once, so a wrong entry outside the sampled columns still fails them.
/// </description></item>
/// </list>
/// </remarks>
internal sealed class LoopModelCheck(IModelFunctions model, OdeModelInfo info, VerificationOptions options)
{
    // ∛ε, as for the unrolled check: balances truncation and rounding of central differences.
    private static readonly double FiniteDifferenceStep = Math.Cbrt(Math.BitIncrement(1.0) - 1.0);

    // Two central differences (h and h/2) of a smooth function agree to O(h²); more means a kink within h.
    private const double KinkTolerance = 1e-4;

    private readonly int _n = model.StateCount;
    private readonly int _m = model.ParameterCount;
    private readonly bool _hasTime = info.TimeName is not null;

    /// <summary>Whether <paramref name="info"/> describes a model whose loops are kept: symbolic lists of empty strings.</summary>
    public static bool HasNoSymbolicForms(OdeModelInfo info) =>
        info.StateCount > 0 && info.RightHandSide[0].Length == 0;

    /// <summary>The columns (variables, states first) whose entries are checked one by one.</summary>
    public int[] Columns()
    {
        int total = _n + _m;
        if (total <= options.LoopColumns)
        {
            return Enumerable.Range(0, total).ToArray();
        }

        // Every state column when they take at most half the budget (the state Jacobian is what stiff solvers use), then
        // parameter columns drawn with the seed.
        var random = new Random(options.Seed ^ 0x5a17);
        var chosen = new SortedSet<int>();
        if (_n <= options.LoopColumns / 2)
        {
            for (int j = 0; j < _n; j++)
            {
                chosen.Add(j);
            }
        }

        while (chosen.Count < options.LoopColumns)
        {
            chosen.Add(random.Next(total));
        }

        return [.. chosen];
    }

    public List<EntryReport> Check(IReadOnlyList<IReadOnlyList<double>> points)
    {
        int n = _n;
        int m = _m;
        int[] columns = Columns();
        int directions = options.LoopDirections;
        var value = Accumulators(n, exact: true);
        var compiled = new PathErrorAccumulator[n, columns.Length];
        var products = new PathErrorAccumulator[n, columns.Length];
        var differences = new PathErrorAccumulator[n, columns.Length];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < columns.Length; c++)
            {
                compiled[i, c] = Exact();
                products[i, c] = Exact();
                differences[i, c] = Loose();
            }
        }

        var directionCompiled = new PathErrorAccumulator[n, directions];
        var directionProducts = new PathErrorAccumulator[n, directions];
        var directionDifferences = new PathErrorAccumulator[n, directions];
        for (int i = 0; i < n; i++)
        {
            for (int d = 0; d < directions; d++)
            {
                directionCompiled[i, d] = Exact();
                directionProducts[i, d] = Exact();
                directionDifferences[i, d] = Loose();
            }
        }

        var random = new Random(options.Seed ^ 0x0d1e);
        double[] f = new double[n];
        double[] jx = new double[n * n];
        double[] jp = new double[(long)n * m > int.MaxValue ? throw new InvalidOperationException("The parameter Jacobian does not fit one array.") : n * m];
        double[][] vjpRows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            vjpRows[i] = new double[n + m];
        }

        double[] cotangent = new double[n];
        double[] vjx = new double[n];
        double[] vjp = new double[m];
        double[] dx = new double[n];
        double[] dp = new double[m];
        double[] df = new double[n];
        double[] tangent = new double[n];
        double[] difference = new double[n];
        double[] half = new double[n];
        foreach (IReadOnlyList<double> point in points)
        {
            (double t, double[] x, double[] p) = Split(point);
            model.Evaluate(t, x, p, f);
            Array.Clear(dx);
            Array.Clear(dp);
            double[] dualValue = Dual(t, x, p, dx, dp, tangent);
            for (int i = 0; i < n; i++)
            {
                value[i].Add(dualValue[i], f[i]);
            }

            model.StateJacobian(t, x, p, jx);
            model.ParameterJacobian(t, x, p, jp);
            for (int i = 0; i < n; i++)
            {
                Array.Clear(cotangent);
                cotangent[i] = 1.0;
                model.VectorJacobianProduct(t, x, p, cotangent, vjx, vjp);
                vjx.CopyTo(vjpRows[i], 0);
                vjp.CopyTo(vjpRows[i], n);
            }

            for (int c = 0; c < columns.Length; c++)
            {
                int v = columns[c];
                Array.Clear(dx);
                Array.Clear(dp);
                if (v < n)
                {
                    dx[v] = 1.0;
                }
                else
                {
                    dp[v - n] = 1.0;
                }

                Dual(t, x, p, dx, dp, tangent);
                model.JacobianVectorProduct(t, x, p, dx, dp, df);
                double h = FiniteDifferenceStep * Math.Max(1.0, Math.Abs(v < n ? x[v] : p[v - n]));
                DirectionalDifference(t, x, p, dx, dp, h, difference);
                DirectionalDifference(t, x, p, dx, dp, h / 2, half);
                for (int i = 0; i < n; i++)
                {
                    double reference = tangent[i];
                    compiled[i, c].Add(v < n ? jx[(i * n) + v] : jp[(i * m) + v - n], reference);
                    products[i, c].Add(df[i], reference);
                    products[i, c].Add(vjpRows[i][v], reference);
                    AddDifference(differences[i, c], difference[i], half[i], reference);
                }
            }

            for (int d = 0; d < directions; d++)
            {
                Normal(random, dx);
                Normal(random, dp);
                Dual(t, x, p, dx, dp, tangent);
                model.JacobianVectorProduct(t, x, p, dx, dp, df);
                double scale = Math.Max(1.0, Math.Max(MaxAbs(x), MaxAbs(p))) / Math.Max(MaxAbs(dx), MaxAbs(dp));
                double h = FiniteDifferenceStep * scale;
                DirectionalDifference(t, x, p, dx, dp, h, difference);
                DirectionalDifference(t, x, p, dx, dp, h / 2, half);
                for (int i = 0; i < n; i++)
                {
                    double reference = tangent[i];
                    double jacobianTimesD = 0.0;
                    for (int j = 0; j < n; j++)
                    {
                        jacobianTimesD += jx[(i * n) + j] * dx[j];
                    }

                    for (int k = 0; k < m; k++)
                    {
                        jacobianTimesD += jp[(i * m) + k] * dp[k];
                    }

                    double rowTimesD = 0.0;
                    double[] row = vjpRows[i];
                    for (int j = 0; j < n; j++)
                    {
                        rowTimesD += row[j] * dx[j];
                    }

                    for (int k = 0; k < m; k++)
                    {
                        rowTimesD += row[n + k] * dp[k];
                    }

                    directionCompiled[i, d].Add(jacobianTimesD, reference);
                    directionProducts[i, d].Add(df[i], reference);
                    directionProducts[i, d].Add(rowTimesD, reference);
                    AddDifference(directionDifferences[i, d], difference[i], half[i], reference);
                }
            }
        }

        var entries = new List<EntryReport>(n * (1 + columns.Length + directions));
        for (int i = 0; i < n; i++)
        {
            entries.Add(new EntryReport(
                new DerivativeEntry(DerivativeKind.RightHandSide, i, 0, info.StateNames[i], null),
                "", "", SymbolicVerdict.NotApplicable, "loops kept: Evaluate against EvaluateDual's value",
                PathError.NotApplicable, PathError.NotApplicable, value[i].ToPathError(), PathError.NotApplicable));
        }

        for (int c = 0; c < columns.Length; c++)
        {
            int v = columns[c];
            for (int i = 0; i < n; i++)
            {
                DerivativeEntry entry = v < n
                    ? new DerivativeEntry(DerivativeKind.State, i, v, info.StateNames[i], info.StateNames[v])
                    : new DerivativeEntry(DerivativeKind.Parameter, i, v - n, info.StateNames[i], info.ParameterNames[v - n]);
                entries.Add(new EntryReport(
                    entry, "", "", SymbolicVerdict.NotApplicable, "loops kept: against EvaluateDual with a unit tangent",
                    compiled[i, c].ToPathError(), products[i, c].ToPathError(), PathError.NotApplicable, differences[i, c].ToPathError()));
            }
        }

        for (int d = 0; d < directions; d++)
        {
            for (int i = 0; i < n; i++)
            {
                entries.Add(new EntryReport(
                    new DerivativeEntry(DerivativeKind.Direction, i, d, info.StateNames[i], null),
                    "", "", SymbolicVerdict.NotApplicable, "loops kept: J·d against EvaluateDual with tangent d",
                    directionCompiled[i, d].ToPathError(), directionProducts[i, d].ToPathError(), PathError.NotApplicable, directionDifferences[i, d].ToPathError()));
            }
        }

        return entries;
    }

    private PathErrorAccumulator Exact() => new(options.AbsoluteTolerance, options.RelativeTolerance);

    private PathErrorAccumulator Loose() => new(options.FiniteDifferenceAbsoluteTolerance, options.FiniteDifferenceRelativeTolerance);

    private PathErrorAccumulator[] Accumulators(int count, bool exact)
    {
        var accumulators = new PathErrorAccumulator[count];
        for (int i = 0; i < count; i++)
        {
            accumulators[i] = exact ? Exact() : Loose();
        }

        return accumulators;
    }

    private static void AddDifference(PathErrorAccumulator accumulator, double whole, double half, double reference)
    {
        if (Math.Abs(whole - half) <= KinkTolerance * (1.0 + Math.Abs(half)))
        {
            accumulator.Add(whole, reference);
        }
        else
        {
            accumulator.Skip();
        }
    }

    /// <summary>One <c>EvaluateDual</c> pass with tangent (dx, dp): the values, and the derivatives in <paramref name="tangent"/>.</summary>
    private double[] Dual(double t, double[] x, double[] p, double[] dx, double[] dp, double[] tangent)
    {
        var xd = new Dual[_n];
        var pd = new Dual[_m];
        var fd = new Dual[_n];
        for (int j = 0; j < _n; j++)
        {
            xd[j] = new Dual(x[j], dx[j]);
        }

        for (int k = 0; k < _m; k++)
        {
            pd[k] = new Dual(p[k], dp[k]);
        }

        model.EvaluateDual(t, xd, pd, fd);
        double[] values = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            values[i] = fd[i].Value;
            tangent[i] = fd[i].Derivative;
        }

        return values;
    }

    /// <summary>(f(z + h·d) − f(z − h·d)) / 2h along d = (dx, dp).</summary>
    private void DirectionalDifference(double t, double[] x, double[] p, double[] dx, double[] dp, double h, double[] derivative)
    {
        double[] xs = new double[_n];
        double[] ps = new double[_m];
        double[] plus = new double[_n];
        double[] minus = new double[_n];
        for (int sign = 1; sign >= -1; sign -= 2)
        {
            for (int j = 0; j < _n; j++)
            {
                xs[j] = x[j] + (sign * h * dx[j]);
            }

            for (int k = 0; k < _m; k++)
            {
                ps[k] = p[k] + (sign * h * dp[k]);
            }

            model.Evaluate(t, xs, ps, sign > 0 ? plus : minus);
        }

        for (int i = 0; i < _n; i++)
        {
            derivative[i] = (plus[i] - minus[i]) / (2 * h);
        }
    }

    private static void Normal(Random random, double[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            // Box–Muller: a standard normal from two uniforms in (0, 1].
            double u = 1.0 - random.NextDouble();
            double w = random.NextDouble();
            values[i] = Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * w);
        }
    }

    private static double MaxAbs(double[] values)
    {
        double max = 0.0;
        foreach (double value in values)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }

    private (double T, double[] X, double[] P) Split(IReadOnlyList<double> point)
    {
        double[] x = new double[_n];
        double[] p = new double[_m];
        for (int j = 0; j < _n; j++)
        {
            x[j] = point[j];
        }

        for (int k = 0; k < _m; k++)
        {
            p[k] = point[_n + k];
        }

        return (_hasTime ? point[_n + _m] : 0.0, x, p);
    }
}
