using System;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace NeuralOdeGen;

/// <summary>
/// Initial states <c>x0⁽ⁱ⁾</c> at the start time <c>t0</c> (<see cref="StartTime"/>, 0 unless given) and targets
/// <c>y_ik</c> at shared observation times <c>τ_1 &lt; … &lt; τ_K</c> (the last is the horizon), or
/// <c>τ_1 &gt; … &gt; τ_K</c> for data observed before <c>t0</c> (a solve backwards in time). A terminal dataset has
/// one observation time; an unlabelled one (<see cref="Unlabelled"/>) has no targets, for a loss that needs none.
/// Immutable; all values are validated finite.
/// </summary>
public sealed class Dataset
{
    private readonly double[] _initialStates;
    private readonly double[] _observationTimes;
    private readonly double[] _targets;

    private Dataset(int stateCount, double[] initialStates, double[] observationTimes, double[] targets, double startTime = 0.0)
    {
        StateCount = stateCount;
        StartTime = startTime;
        _initialStates = initialStates;
        _observationTimes = observationTimes;
        _targets = targets;
    }

    /// <summary>
    /// Gets the start time <c>t0</c> at which the initial states hold (0 unless the dataset was created with another). The
    /// observation times run monotonically away from it: increasing when after it, decreasing (a backward solve) when before.
    /// </summary>
    public double StartTime { get; }

    /// <summary>Gets the number of samples <c>N</c>.</summary>
    public int SampleCount => _initialStates.Length / StateCount;

    /// <summary>Gets the number of states <c>n</c>.</summary>
    public int StateCount { get; }

    /// <summary>Gets the number of observation times <c>K</c>.</summary>
    public int ObservationCount => _observationTimes.Length;

    /// <summary>Gets the last observation time.</summary>
    public double Horizon => _observationTimes[^1];

    /// <summary>Gets the observation times.</summary>
    public ReadOnlySpan<double> ObservationTimes => _observationTimes;

    /// <summary>Gets all initial states, row-major <c>N×n</c>.</summary>
    public ReadOnlySpan<double> InitialStates => _initialStates;

    /// <summary>Gets all targets, row-major <c>N×K×n</c> (empty when the dataset is unlabelled).</summary>
    public ReadOnlySpan<double> Targets => _targets;

    /// <summary>Gets a value indicating whether the dataset holds targets (false for <see cref="Unlabelled"/> data).</summary>
    public bool HasTargets => _targets.Length > 0;

    /// <summary>Gets the initial state of a sample.</summary>
    /// <param name="sample">The sample index.</param>
    /// <returns>The state (length <c>n</c>).</returns>
    public ReadOnlySpan<double> InitialState(int sample) => _initialStates.AsSpan(sample * StateCount, StateCount);

    /// <summary>Gets the target of a sample at an observation.</summary>
    /// <param name="sample">The sample index.</param>
    /// <param name="observation">The observation index.</param>
    /// <returns>The target state (length <c>n</c>).</returns>
    /// <exception cref="InvalidOperationException">The dataset is unlabelled.</exception>
    public ReadOnlySpan<double> Target(int sample, int observation)
    {
        if (!HasTargets)
        {
            throw new InvalidOperationException("This dataset is unlabelled (created by Dataset.Unlabelled): it has initial states and observation times but no targets.");
        }

        return _targets.AsSpan(((sample * ObservationCount) + observation) * StateCount, StateCount);
    }

    /// <summary>Creates a dataset from arrays (copied).</summary>
    /// <param name="stateCount">The number of states <c>n</c> (≥ 1).</param>
    /// <param name="initialStates">Row-major <c>N×n</c>, <c>N ≥ 1</c>.</param>
    /// <param name="observationTimes">Strictly monotonic away from <paramref name="startTime"/> (the first may equal it, the last may not).</param>
    /// <param name="targets">Row-major <c>N×K×n</c>.</param>
    /// <param name="startTime">The time <c>t0</c> of the initial states (default 0).</param>
    /// <returns>The dataset.</returns>
    public static Dataset Create(int stateCount, ReadOnlySpan<double> initialStates, ReadOnlySpan<double> observationTimes, ReadOnlySpan<double> targets, double startTime = 0.0)
    {
        int sampleCount = ValidateInitialStates(stateCount, initialStates);
        ValidateObservationTimes(observationTimes, startTime);
        long expected = (long)sampleCount * observationTimes.Length * stateCount;
        if (targets.Length != expected)
        {
            throw new ArgumentException(
                $"targets has length {targets.Length}; {sampleCount} samples × {observationTimes.Length} observation times × {stateCount} states need {expected}.",
                nameof(targets));
        }

        RequireFinite(targets, nameof(targets));
        return new Dataset(stateCount, initialStates.ToArray(), observationTimes.ToArray(), targets.ToArray(), startTime);
    }

    /// <summary>
    /// Creates a dataset without targets: initial states and the observation times of a loss that compares the
    /// predicted states with something else (a functional <c>Σ_k g_k·x(τ_k)</c>, a physics residual, …). Use it with
    /// <see cref="LossProblem{TModel}"/>; the built-in losses need targets.
    /// </summary>
    /// <param name="stateCount">The number of states <c>n</c> (≥ 1).</param>
    /// <param name="initialStates">Row-major <c>N×n</c>, <c>N ≥ 1</c>.</param>
    /// <param name="observationTimes">Strictly monotonic away from <paramref name="startTime"/> (the first may equal it, the last may not).</param>
    /// <param name="startTime">The time <c>t0</c> of the initial states (default 0).</param>
    /// <returns>The dataset.</returns>
    public static Dataset Unlabelled(int stateCount, ReadOnlySpan<double> initialStates, ReadOnlySpan<double> observationTimes, double startTime = 0.0)
    {
        ValidateInitialStates(stateCount, initialStates);
        ValidateObservationTimes(observationTimes, startTime);
        return new Dataset(stateCount, initialStates.ToArray(), observationTimes.ToArray(), [], startTime);
    }

    /// <summary>Creates a terminal dataset: one target per sample at <paramref name="horizon"/>.</summary>
    /// <param name="stateCount">The number of states <c>n</c>.</param>
    /// <param name="initialStates">Row-major <c>N×n</c>.</param>
    /// <param name="terminalTargets">Row-major <c>N×n</c>.</param>
    /// <param name="horizon">The time of the targets (&gt; 0).</param>
    /// <returns>The dataset.</returns>
    public static Dataset Terminal(int stateCount, ReadOnlySpan<double> initialStates, ReadOnlySpan<double> terminalTargets, double horizon)
    {
        ValidateHorizon(horizon);
        return Create(stateCount, initialStates, [horizon], terminalTargets);
    }

    /// <summary>Draws <c>N×n</c> initial-state entries, sample by sample, from a distribution (which carries its own seeded random source).</summary>
    /// <param name="sampleCount">The number of samples <c>N</c> (≥ 1).</param>
    /// <param name="stateCount">The number of states <c>n</c> (≥ 1).</param>
    /// <param name="distribution">The distribution of each entry, e.g. <c>new Normal(0, 1, new MersenneTwister(42))</c>.</param>
    /// <returns>Row-major <c>N×n</c> initial states.</returns>
    public static double[] SampleInitialStates(int sampleCount, int stateCount, IContinuousDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        RequirePositive(sampleCount, nameof(sampleCount));
        RequirePositive(stateCount, nameof(stateCount));
        RequireFits(sampleCount, stateCount, 0, nameof(sampleCount));
        double[] states = new double[sampleCount * stateCount];
        for (int i = 0; i < states.Length; i++)
        {
            states[i] = distribution.Sample();
        }

        return states;
    }

    /// <summary>
    /// Samples a terminal dataset: <c>x0</c> entries i.i.d. standard normal from a Mersenne Twister seeded with
    /// <paramref name="seed"/>; targets from solving the model with the true parameters, plus optional noise.
    /// </summary>
    /// <typeparam name="TModel">The model.</typeparam>
    /// <param name="sampleCount">The number of samples (≥ 1).</param>
    /// <param name="seed">The seed for the initial states.</param>
    /// <param name="trueParameters">The parameters that generate the targets.</param>
    /// <param name="horizon">The time of the targets (&gt; 0).</param>
    /// <param name="solver">The solver for the targets (default: Dormand–Prince, rtol 1e-10, atol 1e-12).</param>
    /// <param name="noiseStandardDeviation">The standard deviation of Gaussian noise added to each target entry (≥ 0).</param>
    /// <param name="noiseSeed">The seed for the noise.</param>
    /// <returns>The dataset.</returns>
    public static Dataset SampleTerminal<TModel>(
        int sampleCount, int seed, ReadOnlySpan<double> trueParameters, double horizon, OdeSolver? solver = null, double noiseStandardDeviation = 0.0, int noiseSeed = 0)
        where TModel : struct, IOdeModel<TModel> =>
        SampleTerminal<TModel>(sampleCount, new Normal(0.0, 1.0, new MersenneTwister(seed)), trueParameters, horizon, solver, noiseStandardDeviation, noiseSeed);

    /// <summary>Samples a terminal dataset with initial-state entries from <paramref name="initialStateDistribution"/>.</summary>
    /// <typeparam name="TModel">The model.</typeparam>
    /// <param name="sampleCount">The number of samples (≥ 1).</param>
    /// <param name="initialStateDistribution">The distribution of each initial-state entry, seeded by its random source.</param>
    /// <param name="trueParameters">The parameters that generate the targets.</param>
    /// <param name="horizon">The time of the targets (&gt; 0).</param>
    /// <param name="solver">The solver for the targets (default: Dormand–Prince, rtol 1e-10, atol 1e-12).</param>
    /// <param name="noiseStandardDeviation">The standard deviation of Gaussian noise added to each target entry (≥ 0).</param>
    /// <param name="noiseSeed">The seed for the noise.</param>
    /// <returns>The dataset.</returns>
    public static Dataset SampleTerminal<TModel>(
        int sampleCount, IContinuousDistribution initialStateDistribution, ReadOnlySpan<double> trueParameters, double horizon, OdeSolver? solver = null, double noiseStandardDeviation = 0.0, int noiseSeed = 0)
        where TModel : struct, IOdeModel<TModel>
    {
        ValidateHorizon(horizon);
        RequirePositive(sampleCount, nameof(sampleCount));
        RequireFits(sampleCount, TModel.StateCount, 1, nameof(sampleCount));
        double[] initialStates = SampleInitialStates(sampleCount, TModel.StateCount, initialStateDistribution);
        return Generate<TModel>(initialStates, trueParameters, [horizon], solver, noiseStandardDeviation, noiseSeed);
    }

    /// <summary>Samples a dataset observed at several times, with initial-state entries from <paramref name="initialStateDistribution"/>.</summary>
    /// <typeparam name="TModel">The model.</typeparam>
    /// <param name="sampleCount">The number of samples (≥ 1).</param>
    /// <param name="initialStateDistribution">The distribution of each initial-state entry, seeded by its random source.</param>
    /// <param name="trueParameters">The parameters that generate the targets.</param>
    /// <param name="observationTimes">Strictly monotonic away from <paramref name="startTime"/> (the first may equal it, the last may not).</param>
    /// <param name="solver">The solver for the targets (default: Dormand–Prince, rtol 1e-10, atol 1e-12).</param>
    /// <param name="noiseStandardDeviation">The standard deviation of Gaussian noise added to each target entry (≥ 0).</param>
    /// <param name="noiseSeed">The seed for the noise.</param>
    /// <param name="startTime">The time <c>t0</c> of the initial states (default 0); the targets are solved from it.</param>
    /// <returns>The dataset.</returns>
    public static Dataset SampleTrajectory<TModel>(
        int sampleCount,
        IContinuousDistribution initialStateDistribution,
        ReadOnlySpan<double> trueParameters,
        ReadOnlySpan<double> observationTimes,
        OdeSolver? solver = null,
        double noiseStandardDeviation = 0.0,
        int noiseSeed = 0,
        double startTime = 0.0)
        where TModel : struct, IOdeModel<TModel>
    {
        ValidateObservationTimes(observationTimes, startTime);
        RequirePositive(sampleCount, nameof(sampleCount));
        RequireFits(sampleCount, TModel.StateCount, observationTimes.Length, nameof(sampleCount));
        double[] initialStates = SampleInitialStates(sampleCount, TModel.StateCount, initialStateDistribution);
        return Generate<TModel>(initialStates, trueParameters, observationTimes, solver, noiseStandardDeviation, noiseSeed, startTime);
    }

    /// <summary>
    /// Builds a dataset whose targets are the model's solution from the given initial states with the true
    /// parameters at the observation times, plus optional Gaussian noise (seeded).
    /// </summary>
    /// <typeparam name="TModel">The model.</typeparam>
    /// <param name="initialStates">Row-major <c>N×n</c>.</param>
    /// <param name="trueParameters">The parameters that generate the targets (length <c>m</c>).</param>
    /// <param name="observationTimes">Strictly monotonic away from <paramref name="startTime"/> (the first may equal it, the last may not).</param>
    /// <param name="solver">The solver for the targets (default: Dormand–Prince, rtol 1e-10, atol 1e-12).</param>
    /// <param name="noiseStandardDeviation">The standard deviation of Gaussian noise added to each target entry (≥ 0).</param>
    /// <param name="noiseSeed">The seed for the noise.</param>
    /// <param name="startTime">The time <c>t0</c> of the initial states (default 0); the targets are solved from it.</param>
    /// <returns>The dataset.</returns>
    public static Dataset Generate<TModel>(
        ReadOnlySpan<double> initialStates, ReadOnlySpan<double> trueParameters, ReadOnlySpan<double> observationTimes, OdeSolver? solver = null, double noiseStandardDeviation = 0.0, int noiseSeed = 0, double startTime = 0.0)
        where TModel : struct, IOdeModel<TModel>
    {
        int n = TModel.StateCount;
        int sampleCount = ValidateInitialStates(n, initialStates);
        ValidateObservationTimes(observationTimes, startTime);
        if (trueParameters.Length != TModel.ParameterCount)
        {
            throw new ArgumentException($"trueParameters has length {trueParameters.Length} but {TModel.Info.Name} has {TModel.ParameterCount} parameters.", nameof(trueParameters));
        }

        RequireFinite(trueParameters, nameof(trueParameters));
        RequireFits(sampleCount, n, observationTimes.Length, nameof(initialStates));
        if (!(noiseStandardDeviation >= 0.0) || !double.IsFinite(noiseStandardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseStandardDeviation), noiseStandardDeviation, $"The noise standard deviation must be finite and ≥ 0; got {noiseStandardDeviation}.");
        }

        solver ??= OdeSolver.Dopri5(1e-10, 1e-12);
        int observationCount = observationTimes.Length;
        double horizon = observationTimes[^1];

        // The fixed-step grid is spread over the span from t0 (for t0 = 0 that is the horizon, as before).
        double span = Math.Abs(horizon - startTime);
        double[] targets = new double[sampleCount * observationCount * n];
        double[] parameters = trueParameters.ToArray();
        if (solver.IsImplicit)
        {
            // Implicit methods run through the integrator, which writes the observations by its dense output.
            var integrator = new OdeIntegrator<TModel>(solver);
            for (int i = 0; i < sampleCount; i++)
            {
                integrator.Solve(startTime, observationTimes, initialStates.Slice(i * n, n), parameters, targets.AsSpan(i * observationCount * n, observationCount * n));
            }
        }
        else
        {
            var system = new ModelSystem<TModel>(parameters);
            var stepper = new RungeKuttaStepper(solver, n);
            for (int i = 0; i < sampleCount; i++)
            {
                stepper.Reset(startTime, initialStates.Slice(i * n, n));
                for (int k = 0; k < observationCount; k++)
                {
                    stepper.AdvanceTo(ref system, observationTimes[k], span, record: null);
                    stepper.State.CopyTo(targets.AsSpan(((i * observationCount) + k) * n, n));
                }
            }
        }

        if (noiseStandardDeviation > 0.0)
        {
            var noise = new Normal(0.0, noiseStandardDeviation, new MersenneTwister(noiseSeed));
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] += noise.Sample();
            }
        }

        return new Dataset(n, initialStates.ToArray(), observationTimes.ToArray(), targets, startTime);
    }

    /// <summary>
    /// Gets the largest number of samples <c>N</c> whose initial states (<c>N×n</c>) and targets (<c>N×K×n</c>) fit:
    /// each in one array (at most <see cref="Array.MaxLength"/> doubles) and together in the memory available to the
    /// process (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>). The sampling and generating methods refuse
    /// larger counts up front with an <see cref="ArgumentOutOfRangeException"/> that says so.
    /// </summary>
    /// <param name="stateCount">The number of states <c>n</c> (≥ 1).</param>
    /// <param name="observationCount">The number of observation times <c>K</c> (≥ 0; 0 for initial states alone).</param>
    /// <returns>The largest sample count that fits, at least 0.</returns>
    public static int MaxSampleCount(int stateCount, int observationCount)
    {
        RequirePositive(stateCount, nameof(stateCount));
        ArgumentOutOfRangeException.ThrowIfNegative(observationCount);
        return (int)Math.Min(Limits(stateCount, observationCount).Samples, int.MaxValue);
    }

    // The array limit (largest array: N×max(K,1)×n entries) and the memory limit (N×(K+1)×n doubles in all).
    private static (long Samples, long AvailableBytes) Limits(int stateCount, int observationCount)
    {
        long entriesPerSample = checked((long)stateCount * Math.Max(observationCount, 1));
        long bytesPerSample = checked(sizeof(double) * (long)stateCount * (observationCount + 1L));
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long byArray = Array.MaxLength / entriesPerSample;
        long byMemory = available > 0 ? available / bytesPerSample : long.MaxValue;
        return (Math.Min(byArray, byMemory), available);
    }

    private static void RequireFits(int sampleCount, int stateCount, int observationCount, string name)
    {
        (long fits, long available) = Limits(stateCount, observationCount);
        if (sampleCount <= fits)
        {
            return;
        }

        // In doubles: the products can exceed even 64-bit integers (N, n and K are each up to 2³¹).
        double entries = (double)sampleCount * stateCount * Math.Max(observationCount, 1);
        double gigabytes = sizeof(double) * (double)sampleCount * stateCount * (observationCount + 1.0) / 1e9;
        string shape = observationCount == 0
            ? $"{sampleCount} samples × {stateCount} states"
            : $"{sampleCount} samples × {observationCount} observation times × {stateCount} states";
        throw new ArgumentOutOfRangeException(name, sampleCount, string.Create(CultureInfo.InvariantCulture,
            $"{name} = {sampleCount} is too large: {shape} need an array of {entries:0} doubles ({gigabytes:0.#} GB of data in all); "
            + $"at most {Math.Min(fits, int.MaxValue)} samples fit (one array holds at most {Array.MaxLength} doubles; {available / 1e9:0.#} GB of memory is available)."));
    }

    private static int ValidateInitialStates(int stateCount, ReadOnlySpan<double> initialStates)
    {
        RequirePositive(stateCount, nameof(stateCount));
        if (initialStates.IsEmpty)
        {
            throw new ArgumentException("The dataset is empty: initialStates has no samples.", nameof(initialStates));
        }

        if (initialStates.Length % stateCount != 0)
        {
            throw new ArgumentException($"initialStates has length {initialStates.Length}, which is not a multiple of the {stateCount} states.", nameof(initialStates));
        }

        RequireFinite(initialStates, nameof(initialStates));
        return initialStates.Length / stateCount;
    }

    private static void ValidateObservationTimes(ReadOnlySpan<double> observationTimes, double startTime)
    {
        if (observationTimes.IsEmpty)
        {
            throw new ArgumentException("At least one observation time is needed; observationTimes is empty.", nameof(observationTimes));
        }

        if (!double.IsFinite(startTime))
        {
            throw new ArgumentOutOfRangeException(nameof(startTime), startTime, $"The start time must be finite; got {startTime}.");
        }

        // The messages for t0 = 0 forwards stay those of the datasets before start times existed.
        bool backwards = observationTimes[^1] < startTime;
        for (int k = 0; k < observationTimes.Length; k++)
        {
            double time = observationTimes[k];
            double previous = k == 0 ? startTime : observationTimes[k - 1];
            double advance = backwards ? previous - time : time - previous;
            if (!double.IsFinite(time) || advance < 0.0 || (k > 0 && advance == 0.0))
            {
                throw new ArgumentException(
                    startTime == 0.0 && !backwards
                        ? $"observationTimes[{k}] = {time}: observation times must be finite, ≥ 0 and strictly increasing."
                        : $"observationTimes[{k}] = {time}: observation times must be finite, {(backwards ? "≤" : "≥")} the start time {startTime} and strictly {(backwards ? "decreasing" : "increasing")} (the last one sets the direction).",
                    nameof(observationTimes));
            }
        }

        if (observationTimes[^1] == startTime)
        {
            throw new ArgumentException(
                startTime == 0.0
                    ? $"The last observation time (the horizon) must be > 0; got {observationTimes[^1]}."
                    : $"The last observation time (the horizon) must differ from the start time {startTime}; got {observationTimes[^1]}.",
                nameof(observationTimes));
        }
    }

    private static void ValidateHorizon(double horizon)
    {
        if (!(horizon > 0.0) || !double.IsFinite(horizon))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"The horizon must be positive and finite; got {horizon}.");
        }
    }

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1; got {value}.");
        }
    }

    private static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] = {values[i]} is not finite.", name);
            }
        }
    }
}
