using System;

namespace NeuralOdeGen;

/// <summary>
/// A dataset, a loss, a solver and a sensitivity method for one model: the front door for loss and gradient
/// evaluation. Workspaces are created once; <see cref="Gradient(ReadOnlySpan{double})"/> reuses them and its
/// result object, so repeated calls allocate nothing per sample or per step. Not thread-safe (it parallelises
/// internally).
/// </summary>
/// <typeparam name="TModel">The model (a generated struct).</typeparam>
public abstract class OdeProblem<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    private readonly BatchGradientEngine<TModel> _gradientEngine;
    private readonly GradientResult _result;
    private readonly int? _maxDegreeOfParallelism;
    private BatchGradientEngine<TModel>? _lossEngine;
    private GradientResult? _lossResult;

    /// <summary>Validates the combination and allocates the per-thread workspaces.</summary>
    /// <param name="data">The dataset (its state count must match the model's).</param>
    /// <param name="loss">The loss built on <paramref name="data"/>.</param>
    /// <param name="solver">The solver (default: RK4, 100 steps).</param>
    /// <param name="sensitivity">The sensitivity method (default: <see cref="DiscreteAdjoint"/>).</param>
    /// <param name="maxDegreeOfParallelism">The number of threads (≥ 1), or <see langword="null"/> for one per core. The result does not depend on it.</param>
    /// <param name="options">What to compute besides <c>∂L/∂θ</c> (default: nothing).</param>
    private protected OdeProblem(Dataset data, ILoss loss, OdeSolver? solver, ISensitivityMethod? sensitivity, int? maxDegreeOfParallelism, GradientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.StateCount != TModel.StateCount)
        {
            throw new ArgumentException($"The dataset has {data.StateCount} states per sample but {TModel.Info.Name} has {TModel.StateCount}.", nameof(data));
        }

        if (maxDegreeOfParallelism is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, $"The degree of parallelism must be at least 1 (or null for one thread per core); got {maxDegreeOfParallelism}.");
        }

        ValidateLoss(data, loss);
        Data = data;
        Loss = loss;
        Solver = solver ?? OdeSolver.Rk4();
        Sensitivity = sensitivity ?? new DiscreteAdjoint();
        Options = options ?? GradientOptions.None;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
        _gradientEngine = new BatchGradientEngine<TModel>(data, loss, Solver, Sensitivity, maxDegreeOfParallelism ?? 0, Options);
        _result = CreateResult();
    }

    /// <summary>Gets the dataset.</summary>
    public Dataset Data { get; }

    /// <summary>Gets the loss.</summary>
    public ILoss Loss { get; }

    /// <summary>Gets the solver.</summary>
    public OdeSolver Solver { get; }

    /// <summary>Gets the sensitivity method.</summary>
    public ISensitivityMethod Sensitivity { get; }

    /// <summary>Gets the horizon <c>t</c> (the last observation time).</summary>
    public double Horizon => Data.Horizon;

    /// <summary>Gets the start time <c>t0</c> of every solve (the dataset's).</summary>
    public double StartTime => Data.StartTime;

    /// <summary>Gets what a gradient computes besides <c>∂L/∂θ</c>.</summary>
    public GradientOptions Options { get; }

    /// <summary>Gets the number of worker threads used.</summary>
    public int DegreeOfParallelism => _gradientEngine.DegreeOfParallelism;

    /// <summary>Creates a result object of the right shape for <see cref="Gradient(ReadOnlySpan{double}, GradientResult)"/>.</summary>
    /// <returns>A new result.</returns>
    public GradientResult CreateResult() =>
        new(Data.SampleCount, TModel.StateCount, TModel.ParameterCount, Sensitivity.ProvidesSensitivities, Loss.ObservationTimes.Length, Options);

    /// <summary>Computes loss, gradient, terminal states (and sensitivities when provided) into the problem's own result, which the next call overwrites.</summary>
    /// <param name="parameters">θ (length <c>m</c>, finite).</param>
    /// <returns>The problem's reusable result.</returns>
    /// <exception cref="OdeSolverException">A solve failed.</exception>
    public GradientResult Gradient(ReadOnlySpan<double> parameters)
    {
        Gradient(parameters, _result);
        return _result;
    }

    /// <summary>Computes loss, gradient, terminal states (and sensitivities when provided) into <paramref name="result"/>.</summary>
    /// <param name="parameters">θ (length <c>m</c>, finite).</param>
    /// <param name="result">A result from <see cref="CreateResult"/>.</param>
    /// <exception cref="OdeSolverException">A solve failed.</exception>
    public void Gradient(ReadOnlySpan<double> parameters, GradientResult result) => Gradient(parameters, [], result);

    /// <summary>
    /// Computes loss, gradients and terminal states into <paramref name="result"/> from the given initial states instead of
    /// the dataset's (same targets, times, solver and method): what training the initial states needs
    /// (<see cref="InitialStateObjective{TModel}"/>).
    /// </summary>
    /// <param name="parameters">θ (length <c>m</c>, finite).</param>
    /// <param name="initialStates">Row-major <c>N×n</c>, finite; empty for the dataset's own.</param>
    /// <param name="result">A result from <see cref="CreateResult"/>.</param>
    /// <exception cref="OdeSolverException">A solve failed.</exception>
    public void Gradient(ReadOnlySpan<double> parameters, ReadOnlySpan<double> initialStates, GradientResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ValidateParameters(parameters);
        ValidateInitialStates(initialStates);
        if (result.SampleCount != Data.SampleCount || result.StateCount != TModel.StateCount || result.ParameterCount != TModel.ParameterCount
            || result.ObservationCount != Loss.ObservationTimes.Length || (Sensitivity.ProvidesSensitivities && !result.HasSensitivities)
            || (Options.InitialStateGradients && !result.HasInitialStateGradients) || (Options.TimeGradients && !result.HasTimeGradients))
        {
            throw new ArgumentException("The result's shape does not match this problem; create it with CreateResult().", nameof(result));
        }

        _gradientEngine.Compute(parameters, initialStates, result);
    }

    /// <summary>Computes the loss only (forward solves with the same solver and grid as the gradient).</summary>
    /// <param name="parameters">θ (length <c>m</c>, finite).</param>
    /// <returns>The loss.</returns>
    /// <exception cref="OdeSolverException">A solve failed.</exception>
    public double EvaluateLoss(ReadOnlySpan<double> parameters) => EvaluateLoss(parameters, []);

    /// <summary>Computes the loss only, from the given initial states instead of the dataset's.</summary>
    /// <param name="parameters">θ (length <c>m</c>, finite).</param>
    /// <param name="initialStates">Row-major <c>N×n</c>, finite; empty for the dataset's own.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="OdeSolverException">A solve failed.</exception>
    public double EvaluateLoss(ReadOnlySpan<double> parameters, ReadOnlySpan<double> initialStates)
    {
        ValidateParameters(parameters);
        ValidateInitialStates(initialStates);
        _lossEngine ??= new BatchGradientEngine<TModel>(Data, Loss, Solver, new ForwardOnly(), _maxDegreeOfParallelism ?? 0);
        _lossResult ??= new GradientResult(Data.SampleCount, TModel.StateCount, TModel.ParameterCount, hasSensitivities: false, Loss.ObservationTimes.Length);
        _lossEngine.Compute(parameters, initialStates, _lossResult);
        return _lossResult.Loss;
    }

    // The dataset supplies the initial states, the loss the observation times; they must describe the same samples
    // and times (the horizon the variance-corrected rule reads is the dataset's).
    private static void ValidateLoss(Dataset data, ILoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.SampleCount != data.SampleCount)
        {
            throw new ArgumentException($"The loss has {loss.SampleCount} samples but the dataset has {data.SampleCount}.", nameof(loss));
        }

        if (!loss.StartTime.Equals(data.StartTime))
        {
            throw new ArgumentException($"The loss's start time is {loss.StartTime} but the dataset's is {data.StartTime}; they must be the same time.", nameof(loss));
        }

        // The state count is checked where every method builds its workspace (SensitivityWorkspace).
        ReadOnlySpan<double> times = loss.ObservationTimes;
        ReadOnlySpan<double> dataTimes = data.ObservationTimes;
        if (times.Length != dataTimes.Length)
        {
            throw new ArgumentException($"The loss has {times.Length} observation times but the dataset has {dataTimes.Length}; they must be the same times.", nameof(loss));
        }

        for (int k = 0; k < times.Length; k++)
        {
            if (!times[k].Equals(dataTimes[k]))
            {
                throw new ArgumentException($"The loss's observation time {k} is {times[k]} but the dataset's is {dataTimes[k]}; they must be the same times.", nameof(loss));
            }
        }
    }

    private void ValidateInitialStates(ReadOnlySpan<double> initialStates)
    {
        if (initialStates.IsEmpty)
        {
            return;
        }

        if (initialStates.Length != Data.InitialStates.Length)
        {
            throw new ArgumentException(
                $"initialStates has length {initialStates.Length} but the problem's {Data.SampleCount} samples × {TModel.StateCount} states need {Data.InitialStates.Length}.",
                nameof(initialStates));
        }

        for (int i = 0; i < initialStates.Length; i++)
        {
            if (!double.IsFinite(initialStates[i]))
            {
                throw new ArgumentException($"initialStates[{i}] = {initialStates[i]} is not finite.", nameof(initialStates));
            }
        }
    }

    private static void ValidateParameters(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != TModel.ParameterCount)
        {
            throw new ArgumentException($"parameters has length {parameters.Length} but {TModel.Info.Name} has {TModel.ParameterCount} parameters.", nameof(parameters));
        }

        for (int k = 0; k < parameters.Length; k++)
        {
            if (!double.IsFinite(parameters[k]))
            {
                throw new ArgumentException($"parameters[{k}] = {parameters[k]} is not finite.", nameof(parameters));
            }
        }
    }
}
