using System;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace NeuralOdeGen;

/// <summary>
/// Loss and gradient through solves with events: initial states, an <see cref="IEventLoss"/> (terms on event times and on
/// states at observation times), an explicit solver and <see cref="ForwardSensitivity"/> or <see cref="DiscreteAdjoint"/>.
/// Event times are differentiated by the implicit-function rule and jumps carry the sensitivities across (see
/// <c>docs/guide.md</c>, "Events"). Samples run in parallel with a fixed reduction order: the result does not depend on
/// the thread count, to the bit. A warmed gradient on one thread allocates nothing. Also an
/// <see cref="ITrainingObjective"/> for the <see cref="Trainer"/>. Not thread-safe (it parallelises internally).
/// </summary>
/// <typeparam name="TModel">The model with events.</typeparam>
public sealed class EventProblem<TModel> : ITrainingObjective
    where TModel : struct, IOdeModel<TModel>, IOdeEvents<TModel>
{
    private readonly double[] _initialStates;
    private readonly EventGradientWorkspace<TModel>[] _workspaces;
    private readonly EventGradientWorkspace<TModel>[] _lossWorkspaces;
    private readonly double[] _sampleLosses;
    private readonly double[] _sampleGradients;
    private readonly ExceptionDispatchInfo?[] _failures;
    private readonly int _degree;

    /// <summary>Validates the combination and allocates the per-thread workspaces.</summary>
    /// <param name="initialStates">The initial states, row-major <c>N × n</c> (<c>N</c> = the loss's sample count), at the loss's start time.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="solver">An explicit Runge–Kutta solver (default: Dormand–Prince, rtol = atol = 1e-8).</param>
    /// <param name="sensitivity"><see cref="DiscreteAdjoint"/> (the default) or <see cref="ForwardSensitivity"/>.</param>
    /// <param name="options">Event location and limits (default <see cref="EventOptions.Default"/>).</param>
    /// <param name="maxDegreeOfParallelism">The number of threads (≥ 1), or <see langword="null"/> for one per core. The result does not depend on it.</param>
    /// <exception cref="ArgumentException">A shape, time or value is out of range; the message names the argument and value.</exception>
    /// <exception cref="NotSupportedException">The sensitivity method or the solver cannot differentiate through events.</exception>
    public EventProblem(
        double[] initialStates, IEventLoss loss, OdeSolver? solver = null, ISensitivityMethod? sensitivity = null, EventOptions? options = null, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(initialStates);
        ArgumentNullException.ThrowIfNull(loss);
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        if (loss.StateCount != n)
        {
            throw new ArgumentException($"The loss has {loss.StateCount} states per sample but {TModel.Info.Name} has {n}.", nameof(loss));
        }

        if (loss.SampleCount <= 0 || initialStates.Length != loss.SampleCount * n)
        {
            throw new ArgumentException(
                $"initialStates has length {initialStates.Length}; expected the loss's {loss.SampleCount} samples × {n} states.", nameof(initialStates));
        }

        for (int j = 0; j < initialStates.Length; j++)
        {
            if (!double.IsFinite(initialStates[j]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"initialStates[{j}] = {initialStates[j]:R} is not finite."), nameof(initialStates));
            }
        }

        EventValidation.RequireFinite(loss.StartTime, "loss.StartTime");
        EventValidation.RequireFinite(loss.FinalTime, "loss.FinalTime");
        if (loss.FinalTime == loss.StartTime)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The loss's final time {loss.FinalTime:R} equals its start time."), nameof(loss));
        }

        EventValidation.RequireInSpan(loss.ObservationTimes, loss.StartTime, loss.FinalTime, nameof(loss));
        if (maxDegreeOfParallelism is <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, $"The degree of parallelism must be at least 1 (or null for one thread per core); got {maxDegreeOfParallelism}.");
        }

        Solver = solver ?? OdeSolver.Dopri5();
        Sensitivity = sensitivity ?? new DiscreteAdjoint();
        Options = options ?? EventOptions.Default;
        Loss = loss;
        bool forward = Sensitivity switch
        {
            ForwardSensitivity => true,
            DiscreteAdjoint { StepSharing: StepSharing.PerSample } => false,
            DiscreteAdjoint => throw new NotSupportedException(
                "Gradients through events are computed sample by sample; DiscreteAdjoint with StepSharing.PerGroup (vector lanes) is not supported. Use new DiscreteAdjoint()."),
            _ => throw new NotSupportedException(
                $"Gradients through events are computed by ForwardSensitivity and DiscreteAdjoint; {Sensitivity.Name} ({Sensitivity.GetType().Name}) is not supported."),
        };
        if (Solver.IsImplicit)
        {
            throw new NotSupportedException(
                $"Events are located on explicit Runge–Kutta solves; {Solver.MethodName} is implicit. Use Tsit5, Dopri5, BS3 or a fixed-step tableau.");
        }

        _initialStates = (double[])initialStates.Clone();
        _degree = Math.Min(maxDegreeOfParallelism ?? Environment.ProcessorCount, loss.SampleCount);
        _workspaces = new EventGradientWorkspace<TModel>[_degree];
        _lossWorkspaces = new EventGradientWorkspace<TModel>[_degree];
        for (int w = 0; w < _degree; w++)
        {
            _workspaces[w] = forward ? new ForwardEventWorkspace<TModel>(Solver, loss, Options) : new AdjointEventWorkspace<TModel>(Solver, loss, Options);
        }

        _sampleLosses = new double[loss.SampleCount];
        _sampleGradients = new double[loss.SampleCount * m];
        _failures = new ExceptionDispatchInfo?[_degree];
        Gradient = new double[m];
    }

    /// <summary>Gets the loss.</summary>
    public IEventLoss Loss { get; }

    /// <summary>Gets the solver.</summary>
    public OdeSolver Solver { get; }

    /// <summary>Gets the sensitivity method.</summary>
    public ISensitivityMethod Sensitivity { get; }

    /// <summary>Gets the event options.</summary>
    public EventOptions Options { get; }

    /// <summary>Gets the number of worker threads used.</summary>
    public int DegreeOfParallelism => _degree;

    /// <summary>Gets the gradient of the last <see cref="ComputeGradient"/> (length <c>m</c>).</summary>
    public double[] Gradient { get; }

    /// <summary>Gets the work of the last gradient or loss evaluation, summed over the samples.</summary>
    public SolverStatistics Statistics { get; private set; }

    /// <inheritdoc/>
    public int ParameterCount => TModel.ParameterCount;

    /// <inheritdoc/>
    public int StateCount => TModel.StateCount;

    /// <inheritdoc/>
    public int SampleCount => Loss.SampleCount;

    /// <summary>Gets the length of the solves, <c>|FinalTime − StartTime|</c>.</summary>
    public double Horizon => Math.Abs(Loss.FinalTime - Loss.StartTime);

    /// <inheritdoc/>
    public bool CanProvideSensitivities => false;

    /// <inheritdoc/>
    public string? ModelName => TModel.Info.Name;

    /// <summary>Computes the loss and writes <c>∂L/∂θ</c> into <see cref="Gradient"/>.</summary>
    /// <param name="parameters">θ (length <c>m</c>, finite).</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length or a non-finite value.</exception>
    /// <exception cref="OdeSolverException">A solve failed.</exception>
    /// <exception cref="OdeEventException">An event chattered, crossed tangentially, or happened fewer times than the loss reads.</exception>
    public double ComputeGradient(ReadOnlySpan<double> parameters)
    {
        RequireParameters(parameters);
        double loss = Run(_workspaces, parameters);
        Gradient.AsSpan().Clear();
        int m = TModel.ParameterCount;
        for (int i = 0; i < SampleCount; i++)
        {
            for (int q = 0; q < m; q++)
            {
                Gradient[q] += _sampleGradients[(i * m) + q];
            }
        }

        return loss;
    }

    /// <inheritdoc/>
    /// <remarks>Runs the same solves as <see cref="ComputeGradient"/> (the gradient is cheap beside them) in separate workspaces, leaving <see cref="Gradient"/> alone; a failed solve gives +∞.</remarks>
    public double EvaluateLoss(ReadOnlySpan<double> parameters)
    {
        RequireParameters(parameters);
        for (int w = 0; w < _degree; w++)
        {
            _lossWorkspaces[w] ??= _workspaces[w] is ForwardEventWorkspace<TModel>
                ? new ForwardEventWorkspace<TModel>(Solver, Loss, Options)
                : new AdjointEventWorkspace<TModel>(Solver, Loss, Options);
        }

        try
        {
            return Run(_lossWorkspaces, parameters);
        }
        catch (Exception exception) when (exception is OdeSolverException or OdeEventException or InvalidOperationException)
        {
            return double.PositiveInfinity;
        }
    }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ParameterCount != ParameterCount || result.StateCount != StateCount || result.SampleCount != SampleCount)
        {
            throw new ArgumentException(
                $"The evaluation buffers are for m={result.ParameterCount}, n={result.StateCount}, N={result.SampleCount}; the problem has m={ParameterCount}, n={StateCount}, N={SampleCount}.",
                nameof(result));
        }

        try
        {
            result.Loss = ComputeGradient(parameters);
            result.Failure = null;
            Gradient.CopyTo(result.Gradient, 0);
        }
        catch (Exception exception) when (exception is OdeSolverException or OdeEventException or InvalidOperationException)
        {
            result.Loss = double.NaN;
            result.Failure = exception.Message;
        }
    }

    private double Run(EventGradientWorkspace<TModel>[] workspaces, ReadOnlySpan<double> parameters)
    {
        if (_degree == 1)
        {
            RunChunk(workspaces[0], 0, 1, parameters);
        }
        else
        {
            RunParallel(workspaces, parameters.ToArray());
        }

        SolverStatistics statistics = default;
        for (int w = 0; w < _degree; w++)
        {
            statistics += workspaces[w].ChunkStatistics;
        }

        Statistics = statistics;
        double loss = 0.0;
        for (int i = 0; i < SampleCount; i++)
        {
            loss += _sampleLosses[i];
        }

        return loss;
    }

    // In its own method: the lambda's closure is then allocated only on the parallel path.
    private void RunParallel(EventGradientWorkspace<TModel>[] workspaces, double[] theta)
    {
        Array.Clear(_failures);
        Parallel.For(0, _degree, new ParallelOptions { MaxDegreeOfParallelism = _degree }, w =>
        {
            try
            {
                RunChunk(workspaces[w], w, _degree, theta);
            }
            catch (Exception exception)
            {
                _failures[w] = ExceptionDispatchInfo.Capture(exception);
            }
        });

        // The first failing chunk's exception (its samples come first).
        foreach (ExceptionDispatchInfo? failure in _failures)
        {
            failure?.Throw();
        }
    }

    // Samples [w·N/W, (w+1)·N/W), each into its own row: the reduction order is the samples', whatever W is.
    private void RunChunk(EventGradientWorkspace<TModel> workspace, int w, int workers, ReadOnlySpan<double> parameters)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int first = (int)((long)w * SampleCount / workers);
        int end = (int)((long)(w + 1) * SampleCount / workers);
        SolverStatistics statistics = default;
        for (int i = first; i < end; i++)
        {
            _sampleLosses[i] = workspace.ComputeSample(i, _initialStates.AsSpan(i * n, n), parameters, _sampleGradients.AsSpan(i * m, m));
            statistics += workspace.Statistics;
        }

        workspace.ChunkStatistics = statistics;
    }

    private static void RequireParameters(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != TModel.ParameterCount)
        {
            throw new ArgumentException($"parameters has length {parameters.Length} but {TModel.Info.Name} has {TModel.ParameterCount} parameters.", nameof(parameters));
        }

        for (int k = 0; k < parameters.Length; k++)
        {
            if (!double.IsFinite(parameters[k]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"parameters[{k}] = {parameters[k]:R} is not finite."), nameof(parameters));
            }
        }
    }
}
