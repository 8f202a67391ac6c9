using System;
using System.Collections.Generic;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Examples.Models;

namespace NeuralOdeGen.Examples.Spiral;

/// <summary>
/// The data of torchdiffeq's <c>examples/ode_demo.py</c>: the true spiral from <c>y0 = [2, 0]</c> at 1 000 points on
/// [0, 25], and batches of sequences that start at a random point <c>true_y[s]</c> and are compared with
/// <c>true_y[s … s+9]</c> at the relative times <c>t[0 … 9]</c>.
/// </summary>
internal static class SpiralData
{
    public const int PointCount = 1_000;
    public const int BatchTime = 10;
    public const double EndTime = 25.0;

    /// <summary>Gets the number of distinct start points a batch draws from (<c>np.random.choice(990, …)</c>).</summary>
    public const int StartCount = PointCount - BatchTime;

    /// <summary>Gets the initial state of the full trajectory.</summary>
    public static ReadOnlySpan<double> InitialState => [2.0, 0.0];

    /// <summary>Gets torchdiffeq's default dopri5 tolerances, with which <c>ode_demo.py</c> computes the true trajectory.</summary>
    public static OdeSolver TruthSolver { get; } = OdeSolver.Dopri5(1e-7, 1e-9);

    /// <summary>Gets <c>torch.linspace(0, 25, 1000)</c>.</summary>
    public static double[] Times()
    {
        double[] times = new double[PointCount];
        for (int k = 0; k < PointCount; k++)
        {
            times[k] = EndTime * k / (PointCount - 1);
        }

        return times;
    }

    /// <summary>Solves the true spiral from <c>[2, 0]</c>: <c>true_y</c>, row-major 1 000×2, with Gaussian noise when asked.</summary>
    public static double[] TrueTrajectory(double noise = 0.0, int noiseSeed = 0) =>
        Dataset.Generate<SpiralTruth>(InitialState, [], Times(), TruthSolver, noise, noiseSeed).Targets.ToArray();

    /// <summary>
    /// Draws a network's initial parameters as <c>ode_demo.py</c> does: weights N(0, 0.1), biases 0. A parameter is a
    /// weight when its block's name starts with <c>w</c> (as in <see cref="SpiralNet"/> and <see cref="SpiralWideNet"/>),
    /// and weights are drawn in parameter order.
    /// </summary>
    public static double[] InitialWeights<TNet>(int seed)
        where TNet : struct, IOdeModel<TNet>
    {
        var normal = new Normal(0.0, 0.1, new MersenneTwister(seed));
        double[] theta = new double[TNet.ParameterCount];
        IReadOnlyList<string> names = TNet.Info.ParameterNames;
        for (int k = 0; k < theta.Length; k++)
        {
            if (names[k].StartsWith('w'))
            {
                theta[k] = normal.Sample();
            }
        }

        return theta;
    }

    /// <summary>
    /// Draws <paramref name="batchSize"/> distinct start indices from 0 … 989 for <paramref name="iteration"/>: a
    /// partial Fisher–Yates shuffle driven by a generator seeded from (<paramref name="seed"/>, iteration) alone, so
    /// the batch of an iteration is the same in a resumed run.
    /// </summary>
    public static int[] BatchStarts(int seed, int iteration, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, StartCount);
        var random = new MersenneTwister(unchecked((seed * 1_000_003) + iteration));
        int[] pool = new int[StartCount];
        for (int k = 0; k < pool.Length; k++)
        {
            pool[k] = k;
        }

        for (int k = 0; k < batchSize; k++)
        {
            int pick = random.Next(k, pool.Length);
            (pool[k], pool[pick]) = (pool[pick], pool[k]);
        }

        return pool[..batchSize];
    }

    /// <summary>The batch: initial states <c>true_y[s]</c>, times <c>t[0 … 9]</c> (the first is 0), targets <c>true_y[s + k]</c>.</summary>
    public static Dataset Batch(ReadOnlySpan<double> trueTrajectory, ReadOnlySpan<int> starts)
    {
        double[] times = Times();
        double[] initialStates = new double[starts.Length * 2];
        double[] targets = new double[starts.Length * BatchTime * 2];
        for (int i = 0; i < starts.Length; i++)
        {
            trueTrajectory.Slice(starts[i] * 2, 2).CopyTo(initialStates.AsSpan(i * 2, 2));
            trueTrajectory.Slice(starts[i] * 2, BatchTime * 2).CopyTo(targets.AsSpan(i * BatchTime * 2, BatchTime * 2));
        }

        return Dataset.Create(2, initialStates, times.AsSpan(0, BatchTime), targets);
    }

    /// <summary>
    /// The demo's "total loss": one solve of the network from <c>[2, 0]</c> over all 1 000 points, <c>mean |pred − true_y|</c>;
    /// infinite when the solve fails.
    /// </summary>
    public static double FullTrajectoryLoss<TNet>(ReadOnlySpan<double> trueTrajectory, ReadOnlySpan<double> parameters, OdeSolver solver)
        where TNet : struct, IOdeModel<TNet>
    {
        var problem = new TrajectoryMaeProblem<TNet>(Dataset.Create(2, InitialState, Times(), trueTrajectory), solver, maxDegreeOfParallelism: 1);
        try
        {
            return problem.EvaluateLoss(parameters);
        }
        catch (OdeSolverException)
        {
            return double.PositiveInfinity;
        }
    }
}
