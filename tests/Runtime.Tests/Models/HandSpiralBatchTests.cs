using System;
using NeuralOdeGen.Benchmarks.HandDerived;
using NeuralOdeGen.Runtime.Tests.Sensitivity;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// The 20 spiral sequences stacked into one 40-dimensional system (linked from the benchmarks project): its products
/// against its own full Jacobians and central differences, and its symbolic forms renamed per sequence.
/// </summary>
public sealed class HandSpiralBatchTests
{
    private const int N = 40;
    private const int M = 252;

    [Fact]
    public void Info_StackedSequences_RenamesStatesPerSequence()
    {
        OdeModelInfo info = HandSpiralBatch.Info;

        Assert.Equal(N, info.StateCount);
        Assert.Equal(M, info.ParameterCount);
        Assert.Equal("y39", info.StateNames[39]);
        Assert.Equal(HandSpiralNet.Info.RightHandSide[0].Replace("y0", "y2", StringComparison.Ordinal).Replace("y1", "y3", StringComparison.Ordinal), info.RightHandSide[2]);
        Assert.Equal("0", info.StateJacobian[(2 * N) + 0]);
        Assert.Equal(HandSpiralNet.Info.StateJacobian[3].Replace("y0", "y38", StringComparison.Ordinal).Replace("y1", "y39", StringComparison.Ordinal), info.StateJacobian[(39 * N) + 39]);
    }

    [Fact]
    public void Products_RandomStatesAndWeights_MatchFullJacobiansAndCentralDifferences()
    {
        var random = new Random(11);
        double[] x = Random(random, N, 2.0);
        double[] p = Random(random, M, 0.1);
        double[] v = Random(random, N, 1.0);
        double[] dx = Random(random, N, 1.0);
        double[] dp = Random(random, M, 1.0);
        double[] vjx = new double[N];
        double[] vjp = new double[M];
        double[] jx = new double[N * N];
        double[] jp = new double[N * M];
        double[] df = new double[N];
        HandSpiralBatch.VectorJacobianProduct(0.0, x, p, v, vjx, vjp);
        HandSpiralBatch.StateJacobian(0.0, x, p, jx);
        HandSpiralBatch.ParameterJacobian(0.0, x, p, jp);
        HandSpiralBatch.JacobianVectorProduct(0.0, x, p, dx, dp, df);
        double[] vjxExpected = new double[N];
        double[] vjpExpected = new double[M];
        double[] dfExpected = new double[N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                vjxExpected[j] += v[i] * jx[(i * N) + j];
                dfExpected[i] += jx[(i * N) + j] * dx[j];
            }

            for (int k = 0; k < M; k++)
            {
                vjpExpected[k] += v[i] * jp[(i * M) + k];
                dfExpected[i] += jp[(i * M) + k] * dp[k];
            }
        }

        // Same products summed in another order: rounding only (sums of ≤ 292 terms of size ≤ 10): 1e-12 relative.
        Assert.True(GradientChecks.RelativeError(vjx, vjxExpected) < 1e-12, "vjx");
        Assert.True(GradientChecks.RelativeError(vjp, vjpExpected) < 1e-12, "vjp");
        Assert.True(GradientChecks.RelativeError(df, dfExpected) < 1e-12, "JacobianVectorProduct");

        // And the Jacobians themselves against central differences of Evaluate along dx and dp (step 1e-6: truncation
        // ~1e-12, rounding ~1e-10 relative to the largest entry).
        const double step = 1e-6;
        double[] plus = new double[N];
        double[] minus = new double[N];
        HandSpiralBatch.Evaluate(0.0, Shift(x, dx, step), Shift(p, dp, step), plus);
        HandSpiralBatch.Evaluate(0.0, Shift(x, dx, -step), Shift(p, dp, -step), minus);
        double[] differences = new double[N];
        for (int i = 0; i < N; i++)
        {
            differences[i] = (plus[i] - minus[i]) / (2 * step);
        }

        Assert.True(GradientChecks.RelativeError(df, differences) < 1e-7, "finite differences");
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void TrajectoryMaeGradient_WarmedUpAdaptiveSolve_AllocatesNothing(string method)
    {
        var random = new Random(12);
        double[] times = [0.0, 0.05, 0.1];
        Dataset data = Dataset.Create(N, Random(random, N, 2.0), times, Random(random, times.Length * N, 2.0));
        var problem = new TrajectoryMaeProblem<HandSpiralBatch>(data, OdeSolver.Dopri5(1e-7, 1e-9), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);
        double[] theta = Random(random, M, 0.1);
        problem.Gradient(theta);
        problem.Gradient(theta);

        long before = GC.GetAllocatedBytesForCurrentThread();
        problem.Gradient(theta);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double[] Random(Random random, int count, double scale)
    {
        double[] values = new double[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = scale * ((2.0 * random.NextDouble()) - 1.0);
        }

        return values;
    }

    private static double[] Shift(double[] values, double[] direction, double step)
    {
        double[] shifted = (double[])values.Clone();
        for (int k = 0; k < shifted.Length; k++)
        {
            shifted[k] += step * direction[k];
        }

        return shifted;
    }
}
