using System;

namespace NeuralOdeGen;

/// <summary>
/// Adapts an <see cref="OdeProblem{TModel}"/> (dataset, loss, solver, sensitivity method) to the
/// <see cref="ITrainingObjective"/> the <see cref="Trainer"/> consumes. Sensitivities are available when the
/// problem's sensitivity method provides them (<see cref="ForwardSensitivity"/>), which
/// <see cref="GaussNewton"/> needs.
/// </summary>
/// <remarks>
/// A solver failure (<see cref="OdeSolverException"/>, e.g. a non-finite state after an overshooting step) is
/// reported as <see cref="ObjectiveEvaluation.Failure"/>, so the trainer stops with
/// <see cref="TrainingStatus.Diverged"/>, and as an infinite loss from <see cref="EvaluateLoss"/>, so a
/// Levenberg–Marquardt trial is rejected. The sensitivities are those of the terminal state; for a trajectory
/// loss <see cref="GaussNewton"/> then uses the terminal Gauss–Newton matrix as its preconditioner (its
/// step acceptance still guarantees descent).
/// </remarks>
/// <typeparam name="TModel">The model.</typeparam>
public sealed class OdeProblemObjective<TModel> : ITrainingObjective
    where TModel : struct, IOdeModel<TModel>
{
    private readonly OdeProblem<TModel> _problem;
    private readonly GradientResult _result;

    /// <summary>Wraps <paramref name="problem"/>.</summary>
    public OdeProblemObjective(OdeProblem<TModel> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        _problem = problem;
        _result = problem.CreateResult();
    }

    /// <summary>Gets the wrapped problem.</summary>
    public OdeProblem<TModel> Problem => _problem;

    /// <inheritdoc/>
    public int ParameterCount => TModel.ParameterCount;

    /// <inheritdoc/>
    public string? ModelName => TModel.Info.Name;

    /// <inheritdoc/>
    public int StateCount => TModel.StateCount;

    /// <inheritdoc/>
    public int SampleCount => _problem.Data.SampleCount;

    /// <summary>
    /// Gets the length <c>t = |horizon − t0|</c> of the solves (the horizon itself when they start at 0): the <c>t</c> of
    /// <c>S = ∂x_t/∂a = t·x_t</c> the variance-corrected rule divides by, forwards or backwards in time.
    /// </summary>
    public double Horizon => Math.Abs(_problem.Horizon - _problem.StartTime);

    /// <inheritdoc/>
    public bool CanProvideSensitivities => _problem.Sensitivity.ProvidesSensitivities;

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ParameterCount != ParameterCount || result.StateCount != StateCount || result.SampleCount != SampleCount)
        {
            throw new ArgumentException(
                $"The evaluation buffers are for m={result.ParameterCount}, n={result.StateCount}, N={result.SampleCount}; "
                + $"the problem has m={ParameterCount}, n={StateCount}, N={SampleCount}.", nameof(result));
        }

        if (result.IncludesSensitivities && !CanProvideSensitivities)
        {
            throw new ArgumentException(
                $"Sensitivities were requested but the problem's sensitivity method '{_problem.Sensitivity.Name}' does not provide them.", nameof(result));
        }

        try
        {
            _problem.Gradient(parameters, _result);
        }
        catch (OdeSolverException exception)
        {
            result.Loss = double.NaN;
            result.Failure = exception.Message;
            return;
        }

        result.Loss = _result.Loss;
        _result.Gradient.CopyTo(result.Gradient);
        _result.TerminalStates.CopyTo(result.TerminalStates);
        if (result.IncludesSensitivities)
        {
            _result.Sensitivities.CopyTo(result.Sensitivities);
        }
    }

    /// <inheritdoc/>
    public double EvaluateLoss(ReadOnlySpan<double> parameters)
    {
        try
        {
            return _problem.EvaluateLoss(parameters);
        }
        catch (OdeSolverException)
        {
            return double.PositiveInfinity;
        }
    }
}
