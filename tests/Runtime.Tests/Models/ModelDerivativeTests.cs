using System;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>The hand-written test models are baselines too: their derivatives must match finite differences and dual numbers.</summary>
public sealed class ModelDerivativeTests
{
    [Fact]
    public void Decay_HandDerivatives_MatchFiniteDifferencesAndDuals() => Check<Decay>([0.7], [-1.3]);

    [Fact]
    public void LotkaVolterra_HandDerivatives_MatchFiniteDifferencesAndDuals() => Check<LotkaVolterra>([1.2, 0.8], [1.5, 1.0, 0.7, 3.0]);

    [Fact]
    public void SineGrowth_HandDerivatives_MatchFiniteDifferencesAndDuals() => Check<SineGrowth>([0.9], [1.1, -0.4]);

    [Fact]
    public void HarmonicOscillator_HandDerivatives_MatchFiniteDifferencesAndDuals() => Check<HarmonicOscillator>([0.3, -1.1], [2.0]);

    [Fact]
    public void Relaxation_HandDerivatives_MatchFiniteDifferencesAndDuals() => Check<Relaxation>([0.4], [-50.0, 25.0]);

    [Fact]
    public void PeriodicGrowth_HandDerivatives_MatchFiniteDifferencesAndDuals() => Check<PeriodicGrowth>([1.4], [0.6], t: 0.8);

    [Fact]
    public void FastSlow_HandDerivatives_MatchFiniteDifferencesAndDuals() => Check<FastSlow>([0.2, 1.3], [50.0, 1.0]);

    private static void Check<TModel>(double[] x, double[] p, double t = 0.0)
        where TModel : struct, IOdeModel<TModel>
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        Assert.Equal(n, TModel.Info.StateCount);
        Assert.Equal(m, TModel.Info.ParameterCount);
        double[] jx = new double[n * n];
        double[] jp = new double[n * m];
        TModel.StateJacobian(t, x, p, jx);
        TModel.ParameterJacobian(t, x, p, jp);

        // Central differences with step 1e-6: truncation ~1e-12·f''', rounding ~1e-16·|f|·1e6 = 1e-10·|f|; 1e-7 is far above both.
        const double Step = 1e-6;
        const double FiniteDifferenceTolerance = 1e-7;
        double[] plus = new double[n];
        double[] minus = new double[n];
        for (int j = 0; j < n; j++)
        {
            double[] xp = (double[])x.Clone();
            double[] xm = (double[])x.Clone();
            xp[j] += Step;
            xm[j] -= Step;
            TModel.Evaluate(t, xp, p, plus);
            TModel.Evaluate(t, xm, p, minus);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal((plus[i] - minus[i]) / (2 * Step), jx[(i * n) + j], FiniteDifferenceTolerance * Math.Max(1.0, Math.Abs(jx[(i * n) + j])));
            }
        }

        for (int k = 0; k < m; k++)
        {
            double[] pp = (double[])p.Clone();
            double[] pm = (double[])p.Clone();
            pp[k] += Step;
            pm[k] -= Step;
            TModel.Evaluate(t, x, pp, plus);
            TModel.Evaluate(t, x, pm, minus);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal((plus[i] - minus[i]) / (2 * Step), jp[(i * m) + k], FiniteDifferenceTolerance * Math.Max(1.0, Math.Abs(jp[(i * m) + k])));
            }
        }

        // VJP and JVP are the same algebra as the dense Jacobians: agreement to rounding (1e-12 relative).
        double[] v = new double[n];
        double[] dx = new double[n];
        double[] dp = new double[m];
        for (int i = 0; i < n; i++)
        {
            v[i] = 0.3 + (0.7 * i);
            dx[i] = -0.5 + (0.4 * i);
        }

        for (int k = 0; k < m; k++)
        {
            dp[k] = 0.2 - (0.3 * k);
        }

        double[] vjx = new double[n];
        double[] vjp = new double[m];
        double[] df = new double[n];
        TModel.VectorJacobianProduct(t, x, p, v, vjx, vjp);
        TModel.JacobianVectorProduct(t, x, p, dx, dp, df);
        for (int j = 0; j < n; j++)
        {
            double expected = 0.0;
            for (int i = 0; i < n; i++)
            {
                expected += v[i] * jx[(i * n) + j];
            }

            Assert.Equal(expected, vjx[j], 1e-12 * Math.Max(1.0, Math.Abs(expected)));
        }

        for (int k = 0; k < m; k++)
        {
            double expected = 0.0;
            for (int i = 0; i < n; i++)
            {
                expected += v[i] * jp[(i * m) + k];
            }

            Assert.Equal(expected, vjp[k], 1e-12 * Math.Max(1.0, Math.Abs(expected)));
        }

        Dual[] xDual = new Dual[n];
        Dual[] pDual = new Dual[m];
        Dual[] fDual = new Dual[n];
        double[] f = new double[n];
        for (int i = 0; i < n; i++)
        {
            xDual[i] = new Dual(x[i], dx[i]);
        }

        for (int k = 0; k < m; k++)
        {
            pDual[k] = new Dual(p[k], dp[k]);
        }

        TModel.EvaluateDual(t, xDual, pDual, fDual);
        TModel.Evaluate(t, x, p, f);
        for (int i = 0; i < n; i++)
        {
            double expected = 0.0;
            for (int j = 0; j < n; j++)
            {
                expected += jx[(i * n) + j] * dx[j];
            }

            for (int k = 0; k < m; k++)
            {
                expected += jp[(i * m) + k] * dp[k];
            }

            Assert.Equal(expected, df[i], 1e-12 * Math.Max(1.0, Math.Abs(expected)));
            Assert.Equal(expected, fDual[i].Derivative, 1e-12 * Math.Max(1.0, Math.Abs(expected)));
            Assert.Equal(f[i], fDual[i].Value, 1e-14 * Math.Max(1.0, Math.Abs(f[i])));
        }
    }
}
