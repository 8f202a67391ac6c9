using System;

namespace NeuralOdeGen;

/// <summary>
/// What the <see cref="Trainer"/> minimises: a loss over N samples with its gradient, the model's terminal
/// states and, on request, the per-sample sensitivities. Keeps the trainer independent of solvers and
/// sensitivity methods.
/// </summary>
/// <remarks>
/// <see cref="ILossEvaluator.EvaluateLoss"/> must not write into an <see cref="ObjectiveEvaluation"/> the caller
/// holds: optimizers call it between <see cref="Evaluate"/> and the end of their step.
/// </remarks>
public interface ITrainingObjective : ILossEvaluator
{
    /// <summary>Gets the number of trainable parameters <c>m</c>.</summary>
    int ParameterCount { get; }

    /// <summary>Gets the number of states per sample <c>n</c>.</summary>
    int StateCount { get; }

    /// <summary>Gets the number of samples <c>N</c>.</summary>
    int SampleCount { get; }

    /// <summary>Gets the horizon <c>t</c> of the terminal loss.</summary>
    double Horizon { get; }

    /// <summary>Gets whether <see cref="Evaluate"/> can fill <see cref="ObjectiveEvaluation.Sensitivities"/>.</summary>
    bool CanProvideSensitivities { get; }

    /// <summary>
    /// Gets the name of the model being fitted, stored in checkpoints so that a run is never resumed against another
    /// model with the same parameter count; <see langword="null"/> when the objective has no model identity.
    /// </summary>
    string? ModelName => null;

    /// <summary>
    /// Evaluates the loss, gradient and terminal states at <paramref name="parameters"/> into
    /// <paramref name="result"/>, plus the sensitivities when <see cref="ObjectiveEvaluation.IncludesSensitivities"/>.
    /// A failure that means divergence (e.g. the solver met a non-finite state) is reported through
    /// <see cref="ObjectiveEvaluation.Failure"/> rather than thrown.
    /// </summary>
    void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result);
}
