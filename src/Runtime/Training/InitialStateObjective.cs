using System;

namespace NeuralOdeGen;

/// <summary>
/// Trains the initial states alongside θ: an <see cref="ITrainingObjective"/> over the parameter vector
/// <c>[θ, x0]</c> (<see cref="InitialStateSharing.Shared"/>: one <c>x0</c> of n entries for all samples) or
/// <c>[θ, x0⁽¹⁾, …, x0⁽ᴺ⁾]</c> (<see cref="InitialStateSharing.PerSample"/>), so every optimizer and the
/// <see cref="Trainer"/> see one vector. The dataset's own initial states are only the problem's shape; each evaluation
/// solves from the states in the vector, and <c>∂L/∂x0</c> comes from the problem's sensitivity method
/// (<see cref="GradientResult.InitialStateGradients"/>).
/// </summary>
/// <remarks>
/// The problem must be created with <c>new GradientOptions { InitialStateGradients = true }</c>. Sensitivities for
/// <see cref="GaussNewton"/> are not provided (they would need <c>∂x_t/∂x0</c> per sample); use a first-order optimizer.
/// A solver failure is reported as divergence, as by <see cref="OdeProblemObjective{TModel}"/>.
/// </remarks>
/// <typeparam name="TModel">The model.</typeparam>
/// <example>
/// <code>
/// var problem = new TrajectoryProblem&lt;Decay&gt;(data, options: new GradientOptions { InitialStateGradients = true });
/// var objective = new InitialStateObjective&lt;Decay&gt;(problem, InitialStateSharing.Shared);
/// TrainingResult fit = new Trainer(objective, new Adam(0.01)).Run(objective.Concatenate([-0.3], [1.0]));
/// </code>
/// </example>
public sealed class InitialStateObjective<TModel> : ITrainingObjective
    where TModel : struct, IOdeModel<TModel>
{
    private readonly OdeProblem<TModel> _problem;
    private readonly GradientResult _result;
    private readonly double[] _initialStates;

    /// <summary>Wraps <paramref name="problem"/>, whose initial states become trainable.</summary>
    /// <param name="problem">A problem created with <see cref="GradientOptions.InitialStateGradients"/> on.</param>
    /// <param name="sharing">One initial state for all samples, or one per sample.</param>
    public InitialStateObjective(OdeProblem<TModel> problem, InitialStateSharing sharing)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!problem.Options.InitialStateGradients)
        {
            throw new ArgumentException(
                $"Training initial states needs ∂L/∂x0; the problem's options are {problem.Options}. Create it with new GradientOptions {{ InitialStateGradients = true }}.",
                nameof(problem));
        }

        if (sharing is not (InitialStateSharing.Shared or InitialStateSharing.PerSample))
        {
            throw new ArgumentOutOfRangeException(nameof(sharing), sharing, $"Unknown sharing {sharing}; use Shared or PerSample.");
        }

        _problem = problem;
        Sharing = sharing;
        _result = problem.CreateResult();
        _initialStates = new double[problem.Data.InitialStates.Length];
        InitialStateCount = sharing == InitialStateSharing.Shared ? TModel.StateCount : _initialStates.Length;
    }

    /// <summary>Gets the wrapped problem.</summary>
    public OdeProblem<TModel> Problem => _problem;

    /// <summary>Gets how the initial states are shared.</summary>
    public InitialStateSharing Sharing { get; }

    /// <summary>Gets the number of trainable initial-state entries: n when shared, N×n per sample.</summary>
    public int InitialStateCount { get; }

    /// <summary>Gets the number of trainable parameters: the model's m plus <see cref="InitialStateCount"/>.</summary>
    public int ParameterCount => TModel.ParameterCount + InitialStateCount;

    /// <inheritdoc/>
    public string? ModelName => TModel.Info.Name;

    /// <inheritdoc/>
    public int StateCount => TModel.StateCount;

    /// <inheritdoc/>
    public int SampleCount => _problem.Data.SampleCount;

    /// <summary>Gets the length <c>t = |horizon − t0|</c> of the solves, as <see cref="OdeProblemObjective{TModel}.Horizon"/>.</summary>
    public double Horizon => Math.Abs(_problem.Horizon - _problem.StartTime);

    /// <inheritdoc/>
    public bool CanProvideSensitivities => false;

    /// <summary>Builds the vector <c>[θ, x0…]</c> the optimizers see.</summary>
    /// <param name="parameters">θ (length m).</param>
    /// <param name="initialStates">The initial state(s): length <see cref="InitialStateCount"/>.</param>
    /// <returns>A new vector of length <see cref="ParameterCount"/>.</returns>
    public double[] Concatenate(ReadOnlySpan<double> parameters, ReadOnlySpan<double> initialStates)
    {
        if (parameters.Length != TModel.ParameterCount)
        {
            throw new ArgumentException($"parameters has length {parameters.Length} but {TModel.Info.Name} has {TModel.ParameterCount} parameters.", nameof(parameters));
        }

        if (initialStates.Length != InitialStateCount)
        {
            throw new ArgumentException($"initialStates has length {initialStates.Length}; {Sharing} initial states need {InitialStateCount}.", nameof(initialStates));
        }

        double[] vector = new double[ParameterCount];
        parameters.CopyTo(vector);
        initialStates.CopyTo(vector.AsSpan(TModel.ParameterCount));
        return vector;
    }

    /// <summary>Gets θ, the first m entries of a vector of length <see cref="ParameterCount"/>.</summary>
    /// <param name="vector">A vector <c>[θ, x0…]</c>.</param>
    /// <returns>θ.</returns>
    public ReadOnlySpan<double> ParametersOf(ReadOnlySpan<double> vector) => RequireLength(vector, nameof(vector))[..TModel.ParameterCount];

    /// <summary>Gets the initial-state entries of a vector of length <see cref="ParameterCount"/>.</summary>
    /// <param name="vector">A vector <c>[θ, x0…]</c>.</param>
    /// <returns>x0 (n entries) or x0⁽¹⁾ … x0⁽ᴺ⁾ (N×n).</returns>
    public ReadOnlySpan<double> InitialStatesOf(ReadOnlySpan<double> vector) => RequireLength(vector, nameof(vector))[TModel.ParameterCount..];

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ParameterCount != ParameterCount || result.StateCount != StateCount || result.SampleCount != SampleCount)
        {
            throw new ArgumentException(
                $"The evaluation buffers are for m={result.ParameterCount}, n={result.StateCount}, N={result.SampleCount}; "
                + $"the objective has m={ParameterCount}, n={StateCount}, N={SampleCount}.", nameof(result));
        }

        if (result.IncludesSensitivities)
        {
            throw new ArgumentException("Sensitivities were requested but an objective with trainable initial states does not provide them.", nameof(result));
        }

        ExpandInitialStates(RequireLength(parameters, nameof(parameters)));
        try
        {
            _problem.Gradient(parameters[..TModel.ParameterCount], _initialStates, _result);
        }
        catch (OdeSolverException exception)
        {
            result.Loss = double.NaN;
            result.Failure = exception.Message;
            return;
        }

        int m = TModel.ParameterCount;
        int n = TModel.StateCount;
        result.Loss = _result.Loss;
        _result.Gradient.CopyTo(result.Gradient);
        Span<double> stateGradient = result.Gradient.AsSpan(m);
        ReadOnlySpan<double> sampleGradients = _result.InitialStateGradients;
        if (Sharing == InitialStateSharing.PerSample)
        {
            sampleGradients.CopyTo(stateGradient);
        }
        else
        {
            // The shared x0 feeds every sample: its gradient is the sum, in sample order.
            stateGradient.Clear();
            for (int i = 0; i < SampleCount; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    stateGradient[j] += sampleGradients[(i * n) + j];
                }
            }
        }

        _result.TerminalStates.CopyTo(result.TerminalStates);
    }

    /// <inheritdoc/>
    public double EvaluateLoss(ReadOnlySpan<double> parameters)
    {
        ExpandInitialStates(RequireLength(parameters, nameof(parameters)));
        try
        {
            return _problem.EvaluateLoss(parameters[..TModel.ParameterCount], _initialStates);
        }
        catch (OdeSolverException)
        {
            return double.PositiveInfinity;
        }
    }

    // The problem's N×n initial states from the vector's x0 entries (the shared one repeated for every sample).
    private void ExpandInitialStates(ReadOnlySpan<double> parameters)
    {
        ReadOnlySpan<double> states = parameters[TModel.ParameterCount..];
        if (Sharing == InitialStateSharing.PerSample)
        {
            states.CopyTo(_initialStates);
            return;
        }

        for (int offset = 0; offset < _initialStates.Length; offset += states.Length)
        {
            states.CopyTo(_initialStates.AsSpan(offset, states.Length));
        }
    }

    private ReadOnlySpan<double> RequireLength(ReadOnlySpan<double> vector, string name)
    {
        if (vector.Length != ParameterCount)
        {
            throw new ArgumentException(
                $"{name} has length {vector.Length}; [θ, x0…] has {TModel.ParameterCount} parameters + {InitialStateCount} initial-state entries = {ParameterCount}.",
                name);
        }

        return vector;
    }
}
