using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Verification;

/// <summary>Runs every compiled path of a model at a point (states, parameters, then time when the model has one).</summary>
internal sealed class ModelEvaluator(IModelFunctions model, bool hasTime)
{
    // ∛ε: balances the O(h²) truncation and O(ε/h) rounding errors of central differences.
    private static readonly double FiniteDifferenceStep = Math.Cbrt(Math.BitIncrement(1.0) - 1.0);

    // Two central differences (h and h/2) of a smooth function agree to O(h²); more disagreement means a kink or a
    // jump lies within h, where finite differences say nothing.
    private const double KinkTolerance = 1e-4;

    private readonly int _n = model.StateCount;
    private readonly int _m = model.ParameterCount;

    public bool IsFinite(IReadOnlyList<double> point)
    {
        (double t, double[] x, double[] p) = Split(point);
        double[] f = new double[_n];
        model.Evaluate(t, x, p, f);
        return Array.TrueForAll(f, double.IsFinite);
    }

    public NumericDerivatives Differentiate(IReadOnlyList<double> point)
    {
        int n = _n;
        int m = _m;
        (double t, double[] x, double[] p) = Split(point);
        var result = new NumericDerivatives(n, m);
        model.Evaluate(t, x, p, result.Value);

        double[] jx = new double[n * n];
        double[] jp = new double[n * m];
        model.StateJacobian(t, x, p, jx);
        model.ParameterJacobian(t, x, p, jp);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                result.Jacobian[i, j] = jx[(i * n) + j];
            }

            for (int k = 0; k < m; k++)
            {
                result.Jacobian[i, n + k] = jp[(i * m) + k];
            }
        }

        double[] dx = new double[n];
        double[] dp = new double[m];
        double[] df = new double[n];
        for (int v = 0; v < n + m; v++)
        {
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

            model.JacobianVectorProduct(t, x, p, dx, dp, df);
            for (int i = 0; i < n; i++)
            {
                result.JacobianVectorProduct[i, v] = df[i];
            }
        }

        double[] cotangent = new double[n];
        double[] vjx = new double[n];
        double[] vjp = new double[m];
        for (int i = 0; i < n; i++)
        {
            Array.Clear(cotangent);
            cotangent[i] = 1.0;
            model.VectorJacobianProduct(t, x, p, cotangent, vjx, vjp);
            for (int j = 0; j < n; j++)
            {
                result.VectorJacobianProduct[i, j] = vjx[j];
            }

            for (int k = 0; k < m; k++)
            {
                result.VectorJacobianProduct[i, n + k] = vjp[k];
            }
        }

        var xd = new Dual[n];
        var pd = new Dual[m];
        var fd = new Dual[n];
        for (int v = 0; v < n + m; v++)
        {
            for (int j = 0; j < n; j++)
            {
                xd[j] = new Dual(x[j], v == j ? 1.0 : 0.0);
            }

            for (int k = 0; k < m; k++)
            {
                pd[k] = new Dual(p[k], v == n + k ? 1.0 : 0.0);
            }

            model.EvaluateDual(t, xd, pd, fd);
            for (int i = 0; i < n; i++)
            {
                result.Dual[i, v] = fd[i].Derivative;
                if (v == 0)
                {
                    result.DualValue[i] = fd[i].Value;
                }
            }
        }

        if (n + m == 0)
        {
            return result;
        }

        double[] whole = new double[n];
        double[] half = new double[n];
        for (int v = 0; v < n + m; v++)
        {
            double[] target = v < n ? x : p;
            int index = v < n ? v : v - n;
            double h = FiniteDifferenceStep * Math.Max(1.0, Math.Abs(target[index]));
            CentralDifference(t, x, p, target, index, h, whole);
            CentralDifference(t, x, p, target, index, h / 2, half);
            for (int i = 0; i < n; i++)
            {
                result.FiniteDifference[i, v] = whole[i];
                result.FiniteDifferenceReliable[i, v] = Math.Abs(whole[i] - half[i]) <= KinkTolerance * (1.0 + Math.Abs(half[i]));
            }
        }

        return result;
    }

    private void CentralDifference(double t, double[] x, double[] p, double[] target, int index, double h, double[] derivative)
    {
        double saved = target[index];
        double[] plus = new double[_n];
        double[] minus = new double[_n];
        target[index] = saved + h;
        double forward = target[index] - saved; // the step actually taken, after rounding
        model.Evaluate(t, x, p, plus);
        target[index] = saved - h;
        double backward = saved - target[index];
        model.Evaluate(t, x, p, minus);
        target[index] = saved;
        for (int i = 0; i < _n; i++)
        {
            derivative[i] = (plus[i] - minus[i]) / (forward + backward);
        }
    }

    private (double T, double[] X, double[] P) Split(IReadOnlyList<double> point)
    {
        int width = _n + _m + (hasTime ? 1 : 0);
        if (point.Count != width)
        {
            throw new ArgumentException($"A point of model '{model.TypeName}' needs {width} values (states, parameters{(hasTime ? ", time" : "")}), got {point.Count}.", nameof(point));
        }

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

        return (hasTime ? point[_n + _m] : 0.0, x, p);
    }
}
