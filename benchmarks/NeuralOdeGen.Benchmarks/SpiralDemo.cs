using System;
using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Benchmarks.HandDerived;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// The workload of torchdiffeq's <c>examples/ode_demo.py</c> (see <c>shared/anchors/torchdiffeq.md</c>): the true
/// spiral <c>dy/dt = (y³) A</c> from <c>y0 = [2, 0]</c> at 1 000 points on [0, 25] (dopri5, rtol 1e-7, atol 1e-9);
/// batches of 20 sequences that start at <c>true_y[s]</c> and are compared with <c>true_y[s..s+9]</c> at the
/// relative times <c>t[0..9]</c>; loss <c>mean |pred − true|</c>; the 2-50-2 tanh network with N(0, 0.1) weights
/// and zero biases; RMSprop with lr 1e-3; training solves with dopri5 at torchdiffeq's defaults.
/// </summary>
public static class SpiralDemo
{
    public const int DataSize = 1_000;
    public const int BatchTime = 10;
    public const int BatchSize = 20;
    public const double EndTime = 25.0;
    public const double LearningRate = 1e-3;
    public const double InitialWeightStandardDeviation = 0.1;

    /// <summary>The seed of the initial weights used by the benchmarks and the training run.</summary>
    public const int WeightSeed = 2026;

    /// <summary>The seed of the fixed benchmark batch (the training run draws a fresh batch per iteration from it).</summary>
    public const int BatchSeed = 7;

    /// <summary>torchdiffeq's default tolerances, used for the training solves and the true trajectory.</summary>
    public static OdeSolver Solver { get; } = OdeSolver.Dopri5(1e-7, 1e-9);

    /// <summary>Gets <c>torch.linspace(0, 25, 1000)</c>.</summary>
    public static double[] Times()
    {
        double[] times = new double[DataSize];
        for (int k = 0; k < DataSize; k++)
        {
            times[k] = EndTime * k / (DataSize - 1);
        }

        return times;
    }

    /// <summary>Solves the true spiral from <c>[2, 0]</c> and returns <c>true_y</c>, row-major 1 000×2.</summary>
    public static double[] TrueTrajectory() =>
        Dataset.Generate<SpiralTruth>([2.0, 0.0], [], Times(), Solver).Targets.ToArray();

    /// <summary>Draws the network's initial parameters: weights N(0, 0.1), biases 0 (as <c>ode_demo.py</c>).</summary>
    public static double[] InitialWeights(int seed)
    {
        var normal = new Normal(0.0, InitialWeightStandardDeviation, new MersenneTwister(seed));
        double[] theta = new double[HandSpiralNet.ParameterCount];
        for (int k = 0; k < 2 * HandSpiralNet.Hidden; k++)
        {
            theta[HandSpiralNet.W1Offset + k] = normal.Sample();
        }

        for (int k = 0; k < 2 * HandSpiralNet.Hidden; k++)
        {
            theta[HandSpiralNet.W2Offset + k] = normal.Sample();
        }

        return theta;
    }

    /// <summary>Draws 20 distinct start indices from 0…989 (<c>np.random.choice(990, 20, replace=False)</c>).</summary>
    public static int[] BatchStarts(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int[] pool = new int[DataSize - BatchTime];
        for (int k = 0; k < pool.Length; k++)
        {
            pool[k] = k;
        }

        // Partial Fisher–Yates: the first BatchSize entries become a uniform sample without replacement.
        for (int k = 0; k < BatchSize; k++)
        {
            int pick = random.Next(k, pool.Length);
            (pool[k], pool[pick]) = (pool[pick], pool[k]);
        }

        return pool[..BatchSize];
    }

    /// <summary>The batch dataset: initial states <c>true_y[s]</c>, times <c>t[0..9]</c> (the first is 0), targets <c>true_y[s + k]</c>.</summary>
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
    /// The same batch as one sample of the 40-dimensional <see cref="HandSpiralBatch"/> (torchdiffeq's layout): the
    /// mean absolute error over 1 × 10 × 40 entries is the per-sequence loss's mean over 20 × 10 × 2.
    /// </summary>
    public static Dataset AsOneSystem(Dataset batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int width = 2 * batch.SampleCount;
        double[] targets = new double[batch.ObservationCount * width];
        for (int s = 0; s < batch.SampleCount; s++)
        {
            for (int k = 0; k < batch.ObservationCount; k++)
            {
                batch.Target(s, k).CopyTo(targets.AsSpan((k * width) + (2 * s), 2));
            }
        }

        return Dataset.Create(width, batch.InitialStates, batch.ObservationTimes, targets);
    }

    /// <summary>The demo's "total loss": one solve from <c>[2, 0]</c> over all 1 000 points, <c>mean |pred − true_y|</c>.</summary>
    public static TrajectoryMaeProblem<HandSpiralNet> FullTrajectoryProblem(ReadOnlySpan<double> trueTrajectory) =>
        new(Dataset.Create(2, [2.0, 0.0], Times(), trueTrajectory), Solver, new DiscreteAdjoint(), maxDegreeOfParallelism: 1);

    /// <summary>
    /// Trains like <c>ode_demo.py</c> (a fresh random batch per iteration, one RMSprop step each) and prints the batch
    /// and full-trajectory losses and the solver work: <c>-- --spiral [iterations] [Discrete|Continuous] [PerSample|OneSystem]</c>.
    /// </summary>
    public static int Train(int iterations, string method, string layout) => layout switch
    {
        "PerSample" => Train<HandSpiralNet>(iterations, method, static batch => batch),
        "OneSystem" => Train<HandSpiralBatch>(iterations, method, AsOneSystem),
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "Expected PerSample or OneSystem."),
    };

    private static int Train<TModel>(int iterations, string method, Func<Dataset, Dataset> layout)
        where TModel : struct, IOdeModel<TModel>
    {
        double[] trueY = TrueTrajectory();
        double[] theta = InitialWeights(WeightSeed);
        var random = new MersenneTwister(BatchSeed);
        var optimizer = new RmsProp(LearningRate);
        TrajectoryMaeProblem<HandSpiralNet> full = FullTrajectoryProblem(trueY);
        Console.WriteLine(Invariant($"iteration 0: full-trajectory loss {full.EvaluateLoss(theta):F6}"));
        double batchLossSum = 0.0;
        SolverStatistics work = default;
        int solves = 0;
        long start = Stopwatch.GetTimestamp();
        for (int iteration = 1; iteration <= iterations; iteration++)
        {
            var problem = new TrajectoryMaeProblem<TModel>(
                layout(Batch(trueY, BatchStarts(random))), Solver, SpiralDemoBenchmarks.MethodByName(method), maxDegreeOfParallelism: 1);
            GradientResult result = problem.Gradient(theta);
            optimizer.Step(theta, result.Gradient, new OptimizerContext(result.Loss, result.Horizon, TModel.StateCount, result.TerminalStates, [], null));
            solves = problem.Data.SampleCount;
            batchLossSum += result.Loss;
            work += result.Statistics;
            if (iteration % 200 == 0 || iteration == iterations)
            {
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                Console.WriteLine(Invariant(
                    $"iteration {iteration}: batch loss {result.Loss:F6} (mean over the last block {batchLossSum / (iteration % 200 == 0 ? 200 : iteration % 200):F6}), full-trajectory loss {full.EvaluateLoss(theta):F6}, {1e3 * seconds / iteration:F3} ms per iteration"));
                batchLossSum = 0.0;
            }
        }

        double samples = (double)iterations * solves;
        Console.WriteLine(Invariant(
            $"{method}, {TModel.Info.Name}: per {TModel.StateCount}-state solve and iteration {work.Steps / samples:F2} accepted steps, {work.RejectedSteps / samples:F2} rejected, {work.FunctionEvaluations / samples:F2} evaluations (forward + backward solves as counted by the method)"));
        return 0;
    }

    /// <summary>
    /// The solver work of one iteration per sample: the forward solve (the discrete adjoint counts only it; its
    /// backward pass is one VJP per used stage of every accepted step), the continuous adjoint's backward solve of the
    /// augmented system, and, for comparison, the forward solve with dense output instead of stopping on every
    /// observation time (as torchdiffeq's solvers do).
    /// </summary>
    public static string DescribeWork(Dataset batch, ReadOnlySpan<double> theta, OdeProblem<HandSpiralNet> discrete, OdeProblem<HandSpiralNet> continuous) =>
        DescribeWork<HandSpiralNet>("per sample", batch, theta, discrete, continuous);

    /// <summary>As <see cref="DescribeWork(Dataset, ReadOnlySpan{double}, OdeProblem{HandSpiralNet}, OdeProblem{HandSpiralNet})"/>, for any model.</summary>
    public static string DescribeWork<TModel>(string label, Dataset batch, ReadOnlySpan<double> theta, OdeProblem<TModel> discrete, OdeProblem<TModel> continuous)
        where TModel : struct, IOdeModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(discrete);
        ArgumentNullException.ThrowIfNull(continuous);
        double samples = batch.SampleCount;
        SolverStatistics forward = discrete.Gradient(theta).Statistics;
        SolverStatistics both = continuous.Gradient(theta).Statistics;
        var integrator = new OdeIntegrator<TModel>(Solver);
        double[] outputs = new double[batch.ObservationCount * TModel.StateCount];
        SolverStatistics dense = default;
        for (int i = 0; i < batch.SampleCount; i++)
        {
            dense += integrator.Solve(0.0, batch.ObservationTimes, batch.InitialState(i), theta, outputs);
        }

        return Invariant(
            $"// Spiral work {label} and iteration: forward {forward.Steps / samples:F2} steps ({forward.RejectedSteps / samples:F2} rejected), {forward.FunctionEvaluations / samples:F2} evaluations; discrete backward {6 * forward.Steps / samples:F2} VJPs (6 per accepted step); continuous backward {(both.Steps - forward.Steps) / samples:F2} steps ({(both.RejectedSteps - forward.RejectedSteps) / samples:F2} rejected), {(both.FunctionEvaluations - forward.FunctionEvaluations) / samples:F2} evaluations of the {(2 * TModel.StateCount) + TModel.ParameterCount}-dimensional augmented system; forward with dense output instead of stops: {dense.Steps / samples:F2} steps, {dense.FunctionEvaluations / samples:F2} evaluations");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
