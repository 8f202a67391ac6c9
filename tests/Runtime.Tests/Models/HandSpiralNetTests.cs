using System;
using NeuralOdeGen.Benchmarks.HandDerived;
using NeuralOdeGen.Runtime.Tests.Sensitivity;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// The hand-derived spiral network (linked from the benchmarks project) against an independent plain-matrix
/// evaluation with <see cref="Math.Tanh"/>, central differences of its own <c>Evaluate</c>, and dual numbers; and its
/// training gradient through a solve against central differences of the loss.
/// </summary>
public sealed class HandSpiralNetTests
{
    private const int M = 252;
    private static readonly double[][] States = [[1.3, -0.7], [2.0, 0.0], [-0.5, 1.8], [0.02, -0.01]];

    [Fact]
    public void Info_ParameterLayout_FollowsPyTorchOrder()
    {
        OdeModelInfo info = HandSpiralNet.Info;

        Assert.Equal(M, HandSpiralNet.ParameterCount);
        Assert.Equal(M, info.ParameterCount);
        Assert.Equal("w1[0]", info.ParameterNames[0]);
        Assert.Equal("w1[99]", info.ParameterNames[99]);
        Assert.Equal("b1[0]", info.ParameterNames[100]);
        Assert.Equal("w2[0]", info.ParameterNames[150]);
        Assert.Equal("w2[99]", info.ParameterNames[249]);
        Assert.Equal("b2[1]", info.ParameterNames[251]);
        Assert.Equal("0", info.ParameterJacobian[M + 150]);
        Assert.Equal("1", info.ParameterJacobian[M + 251]);
    }

    [Fact]
    public void Evaluate_RandomWeights_MatchesPlainMatrixNetwork()
    {
        double[] p = Weights(seed: 1);
        double[] rate = new double[2];
        foreach (double[] y in States)
        {
            HandSpiralNet.Evaluate(0.0, y, p, rate);

            // W2 tanh(W1 y³ + b1) + b2 with the PyTorch layouts, written the obvious way.
            double[] expected = [p[250], p[251]];
            for (int j = 0; j < 50; j++)
            {
                double a = (p[2 * j] * Math.Pow(y[0], 3)) + (p[(2 * j) + 1] * Math.Pow(y[1], 3)) + p[100 + j];
                for (int i = 0; i < 2; i++)
                {
                    expected[i] += p[150 + (50 * i) + j] * Math.Tanh(a);
                }
            }

            // tanh as 1 − 2/(e^{2a} + 1) is exact to a few ulps of 1 (absolute); 50 such terms weighted by |w2| ≤ 1: 1e-14.
            Assert.Equal(expected[0], rate[0], 1e-14);
            Assert.Equal(expected[1], rate[1], 1e-14);
        }
    }

    [Fact]
    public void Derivatives_RandomWeights_MatchCentralDifferencesAndDuals()
    {
        double[] p = Weights(seed: 2);
        double[] v = [0.4, -1.1];
        double[] dx = [0.3, -0.8];
        double[] dp = new double[M];
        for (int k = 0; k < M; k++)
        {
            dp[k] = Math.Sin(k + 1.0);
        }

        foreach (double[] y in States)
        {
            double[] columns = Columns(y, p);
            double[] vjx = new double[2];
            double[] vjp = new double[M];
            double[] jx = new double[4];
            double[] jp = new double[2 * M];
            double[] df = new double[2];
            HandSpiralNet.VectorJacobianProduct(0.0, y, p, v, vjx, vjp);
            HandSpiralNet.StateJacobian(0.0, y, p, jx);
            HandSpiralNet.ParameterJacobian(0.0, y, p, jp);
            HandSpiralNet.JacobianVectorProduct(0.0, y, p, dx, dp, df);
            double[] vjpExpected = new double[2 + M];
            double[] dfExpected = new double[2];
            for (int i = 0; i < 2; i++)
            {
                for (int q = 0; q < 2 + M; q++)
                {
                    double column = columns[(i * (2 + M)) + q];
                    vjpExpected[q] += v[i] * column;
                    dfExpected[i] += column * (q < 2 ? dx[q] : dp[q - 2]);
                }
            }

            // Central differences with step 1e-5: truncation ~1e-10 · f''', rounding ~1e-16 |f| / 1e-5 = 1e-11 |f|, which
            // does not shrink with the entry (near y = 0, ∂f/∂y ∝ y² is tiny); so each product is compared as a whole,
            // against its largest entry. 1e-7 separates a wrong entry (1e-2 and up) from that noise by four digits.
            double[] vjpActual = [vjx[0], vjx[1], .. vjp];
            double[] jacobian = [jx[0], jx[1], .. jp.AsSpan(0, M), jx[2], jx[3], .. jp.AsSpan(M)];
            Assert.True(GradientChecks.RelativeError(vjpActual, vjpExpected) < 1e-7, $"VectorJacobianProduct at ({y[0]}, {y[1]})");
            Assert.True(GradientChecks.RelativeError(jacobian, columns) < 1e-7, $"StateJacobian | ParameterJacobian at ({y[0]}, {y[1]})");
            Assert.True(GradientChecks.RelativeError(df, dfExpected) < 1e-7, $"JacobianVectorProduct at ({y[0]}, {y[1]})");

            // Dual numbers differentiate the same body exactly (Math.Tanh instead of the exp form: ~1e-16 apart).
            Dual[] dualX = [new(y[0], dx[0]), new(y[1], dx[1])];
            var dualP = new Dual[M];
            for (int k = 0; k < M; k++)
            {
                dualP[k] = new Dual(p[k], dp[k]);
            }

            var dual = new Dual[2];
            HandSpiralNet.EvaluateDual(0.0, dualX, dualP, dual);
            Assert.True(GradientChecks.RelativeError([dual[0].Derivative, dual[1].Derivative], df) < 1e-12, "EvaluateDual");
        }
    }

    [Fact]
    public void Members_WarmedUp_AllocateNothing()
    {
        double[] p = Weights(seed: 3);
        double[] y = [1.3, -0.7];
        double[] v = [0.4, -1.1];
        double[] rate = new double[2];
        double[] vjx = new double[2];
        double[] vjp = new double[M];
        double[] df = new double[2];
        HandSpiralNet.Evaluate(0.0, y, p, rate);
        HandSpiralNet.VectorJacobianProduct(0.0, y, p, v, vjx, vjp);
        HandSpiralNet.JacobianVectorProduct(0.0, y, p, y, p, df);

        long before = GC.GetAllocatedBytesForCurrentThread();
        HandSpiralNet.Evaluate(0.0, y, p, rate);
        HandSpiralNet.VectorJacobianProduct(0.0, y, p, v, vjx, vjp);
        HandSpiralNet.JacobianVectorProduct(0.0, y, p, y, p, df);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void TrajectoryMaeGradient_SpiralBatch_MatchesCentralDifferences(string method)
    {
        // Three spiral-like sequences from the spiral's radius, observed at t = 0 and two later times.
        double[] times = [0.0, 0.05, 0.1];
        double[] initialStates = [2.0, 0.0, 0.0, 1.5, -1.2, -0.4];
        double[] targets = [2.0, 0.0, 1.9, 0.6, 1.7, 1.1, 0.0, 1.5, 0.4, 1.4, 0.8, 1.2, -1.2, -0.4, -1.3, 0.1, -1.2, 0.5];
        Dataset data = Dataset.Create(2, initialStates, times, targets);
        var problem = new TrajectoryMaeProblem<HandSpiralNet>(data, OdeSolver.Rk4(20), Solvers.AllocationTests.MethodByName(method));
        double[] theta = Weights(seed: 4);

        double error = GradientChecks.RelativeError(problem.Gradient(theta).Gradient, GradientChecks.CentralDifferences(problem, theta));

        // The targets are far (≥ 0.05) from the initial-weight predictions at t > 0, so the loss is smooth at the FD
        // step 1e-6 (truncation ~1e-12, rounding ~1e-10 relative). Discrete differentiates the RK4 grid itself; the
        // continuous adjoint is off by RK4's O(h⁴) = (0.005)⁴ ≈ 6e-10 relative error. 1e-7 covers both.
        Assert.True(error < 1e-7, $"{method}: relative error {error:E3}");
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void TrajectoryMaeGradient_WarmedUpAdaptiveSolve_AllocatesNothing(string method)
    {
        double[] times = [0.0, 0.05, 0.1];
        Dataset data = Dataset.Create(2, [2.0, 0.0, 0.0, 1.5, -1.2, -0.4], times, new double[3 * times.Length * 2]);
        var problem = new TrajectoryMaeProblem<HandSpiralNet>(data, OdeSolver.Dopri5(1e-7, 1e-9), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);
        double[] theta = Weights(seed: 5);
        problem.Gradient(theta);
        problem.Gradient(theta);

        long before = GC.GetAllocatedBytesForCurrentThread();
        problem.Gradient(theta);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // Weights N(0, 0.1)-sized and nonzero biases (so every parameter block matters), deterministic.
    private static double[] Weights(int seed)
    {
        var random = new Random(seed);
        double[] p = new double[M];
        for (int k = 0; k < M; k++)
        {
            p[k] = 0.2 * (random.NextDouble() - 0.5);
        }

        return p;
    }

    // [∂f/∂y | ∂f/∂θ] by central differences of Evaluate, row-major 2 × (2 + M).
    private static double[] Columns(double[] y, double[] p)
    {
        const double step = 1e-5;
        double[] columns = new double[2 * (2 + M)];
        double[] plus = new double[2];
        double[] minus = new double[2];
        for (int q = 0; q < 2 + M; q++)
        {
            double[] yq = (double[])y.Clone();
            double[] pq = (double[])p.Clone();
            if (q < 2)
            {
                yq[q] += step;
                HandSpiralNet.Evaluate(0.0, yq, pq, plus);
                yq[q] -= 2 * step;
            }
            else
            {
                pq[q - 2] += step;
                HandSpiralNet.Evaluate(0.0, yq, pq, plus);
                pq[q - 2] -= 2 * step;
            }

            HandSpiralNet.Evaluate(0.0, yq, pq, minus);
            for (int i = 0; i < 2; i++)
            {
                columns[(i * (2 + M)) + q] = (plus[i] - minus[i]) / (2 * step);
            }
        }

        return columns;
    }
}
