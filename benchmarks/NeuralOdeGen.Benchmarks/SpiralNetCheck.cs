using System;
using System.Globalization;
using NeuralOdeGen.Benchmarks.HandDerived;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// The spiral benchmark's own correctness gate, run in its setup: the hand-derived network against central
/// differences of its <see cref="HandSpiralNet.Evaluate"/>, and the training gradient against central differences of
/// the loss through the solve. A benchmark of wrong numbers throws instead of reporting a time.
/// </summary>
public static class SpiralNetCheck
{
    // Parameters probed through the solve: w1 of two units, b1, w2 of both rows, both b2.
    private static readonly int[] ProbedParameters = [0, 1, 57, 101, 149, 160, 233, 250, 251];

    /// <summary>
    /// Throws unless every entry of <c>vᵀ∂f/∂(x, θ)</c>, both Jacobians and a JVP match central differences of
    /// <see cref="HandSpiralNet.Evaluate"/> to 1e-7 relative to the largest entry, at three states.
    /// </summary>
    public static void ThrowIfDerivativesDisagree(ReadOnlySpan<double> theta)
    {
        const int n = 2;
        int m = HandSpiralNet.ParameterCount;
        double[][] states = [[1.3, -0.7], [2.0, 0.0], [-0.5, 1.8]];
        double[] v = [0.4, -1.1];
        double[] p = theta.ToArray();
        double[] vjx = new double[n];
        double[] vjp = new double[m];
        double[] jx = new double[n * n];
        double[] jp = new double[n * m];
        double[] plus = new double[n];
        double[] minus = new double[n];
        double[] columns = new double[n * (n + m)];
        foreach (double[] x in states)
        {
            // Column q of [∂f/∂x | ∂f/∂θ] by central differences; the step 1e-5 leaves truncation ~1e-10·f''' and
            // rounding ~1e-16/1e-5 = 1e-11, so 1e-7 separates a wrong entry from numerical noise by four digits.
            for (int q = 0; q < n + m; q++)
            {
                double[] xq = (double[])x.Clone();
                double[] pq = (double[])p.Clone();
                const double step = 1e-5;
                Shift(xq, pq, q, step);
                HandSpiralNet.Evaluate(0.0, xq, pq, plus);
                Shift(xq, pq, q, -2 * step);
                HandSpiralNet.Evaluate(0.0, xq, pq, minus);
                for (int i = 0; i < n; i++)
                {
                    columns[(i * (n + m)) + q] = (plus[i] - minus[i]) / (2 * step);
                }
            }

            HandSpiralNet.VectorJacobianProduct(0.0, x, p, v, vjx, vjp);
            HandSpiralNet.StateJacobian(0.0, x, p, jx);
            HandSpiralNet.ParameterJacobian(0.0, x, p, jp);
            double[] vjpReference = new double[n + m];
            double[] jxReference = new double[n * n];
            double[] jpReference = new double[n * m];
            for (int q = 0; q < n + m; q++)
            {
                for (int i = 0; i < n; i++)
                {
                    double column = columns[(i * (n + m)) + q];
                    vjpReference[q] += v[i] * column;
                    if (q < n)
                    {
                        jxReference[(i * n) + q] = column;
                    }
                    else
                    {
                        jpReference[(i * m) + q - n] = column;
                    }
                }
            }

            Require("VectorJacobianProduct (state part)", vjx, vjpReference.AsSpan(0, n), x);
            Require("VectorJacobianProduct (parameter part)", vjp, vjpReference.AsSpan(n), x);
            Require("StateJacobian", jx, jxReference, x);
            Require("ParameterJacobian", jp, jpReference, x);

            // A JVP along a dense direction is Σ_q column_q · direction_q; the dual-number body must give the same.
            double[] dx = [0.3, -0.8];
            double[] dp = new double[m];
            for (int k = 0; k < m; k++)
            {
                dp[k] = Math.Sin(k + 1.0);
            }

            double[] df = new double[n];
            HandSpiralNet.JacobianVectorProduct(0.0, x, p, dx, dp, df);
            double[] dfReference = new double[n];
            Dual[] dualX = new Dual[n];
            Dual[] dualP = new Dual[m];
            Dual[] dualRate = new Dual[n];
            for (int i = 0; i < n; i++)
            {
                for (int q = 0; q < n + m; q++)
                {
                    dfReference[i] += columns[(i * (n + m)) + q] * (q < n ? dx[q] : dp[q - n]);
                }

                dualX[i] = new Dual(x[i], dx[i]);
            }

            for (int k = 0; k < m; k++)
            {
                dualP[k] = new Dual(p[k], dp[k]);
            }

            Require("JacobianVectorProduct", df, dfReference, x);
            HandSpiralNet.EvaluateDual(0.0, dualX, dualP, dualRate);
            double[] dualTangent = [dualRate[0].Derivative, dualRate[1].Derivative];
            Require("EvaluateDual (tangent)", dualTangent, dfReference, x);
        }
    }

    /// <summary>
    /// Throws unless the training gradient by both adjoints matches central differences of the batch loss through a
    /// much tighter solve, on a few parameters, within the accuracy dopri5 at rtol 1e-7 allows.
    /// </summary>
    public static void ThrowIfGradientsDisagree<TModel>(
        Dataset batch, ReadOnlySpan<double> theta, OdeProblem<TModel> discrete, OdeProblem<TModel> continuous)
        where TModel : struct, IOdeModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(discrete);
        ArgumentNullException.ThrowIfNull(continuous);
        double[] discreteGradient = discrete.Gradient(theta).Gradient.ToArray();
        double[] continuousGradient = continuous.Gradient(theta).Gradient.ToArray();
        var tight = new TrajectoryMaeProblem<TModel>(batch, OdeSolver.Dopri5(1e-12, 1e-14), new DiscreteAdjoint(), maxDegreeOfParallelism: 1);
        double[] probe = theta.ToArray();
        double scale = 0.0;
        double discreteError = 0.0;
        double continuousError = 0.0;
        foreach (int k in ProbedParameters)
        {
            // Loss error ~1e-12 from the tight solve over the step 1e-4 is 1e-8; truncation 1e-8·L''' is as small.
            const double step = 1e-4;
            probe[k] = theta[k] + step;
            double up = tight.EvaluateLoss(probe);
            probe[k] = theta[k] - step;
            double down = tight.EvaluateLoss(probe);
            probe[k] = theta[k];
            double reference = (up - down) / (2 * step);
            scale = Math.Max(scale, Math.Abs(reference));
            discreteError = Math.Max(discreteError, Math.Abs(discreteGradient[k] - reference));
            continuousError = Math.Max(continuousError, Math.Abs(continuousGradient[k] - reference));
        }

        // Both gradients come from dopri5 at rtol 1e-7: the global error of the solve, and of the adjoint's backward
        // solve, is a few rtol relative; 1e-5 of the largest probed entry leaves a hundredfold margin above that and
        // still fails for a wrong sign, weight or index (errors of order 1).
        double bound = 1e-5 * scale;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Spiral gradient check ({TModel.Info.Name}): largest |∂L/∂θ_k| {scale:E3}, discrete error {discreteError:E3}, continuous error {continuousError:E3}, bound {bound:E3}"));
        if (!(discreteError <= bound) || !(continuousError <= bound))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Spiral gradients disagree with central differences: discrete error {discreteError:E3}, continuous error {continuousError:E3}, bound {bound:E3}."));
        }
    }

    private static void Shift(double[] x, double[] p, int q, double step)
    {
        if (q < x.Length)
        {
            x[q] += step;
        }
        else
        {
            p[q - x.Length] += step;
        }
    }

    private static void Require(string member, ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double[] x)
    {
        double scale = 0.0;
        double error = 0.0;
        for (int k = 0; k < expected.Length; k++)
        {
            scale = Math.Max(scale, Math.Abs(expected[k]));
            error = Math.Max(error, Math.Abs(actual[k] - expected[k]));
        }

        if (!(error <= 1e-7 * scale))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"HandSpiralNet.{member} at y = ({x[0]}, {x[1]}) disagrees with central differences: max error {error:E3}, largest entry {scale:E3}."));
        }
    }
}
