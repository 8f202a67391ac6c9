using System;

namespace NeuralOdeGen;

/// <summary>
/// A stateful first- or second-order update rule <c>θ ← θ − step(∇Loss, context)</c>. Implement this interface
/// to add an optimizer; the <see cref="Trainer"/> needs nothing else.
/// </summary>
/// <remarks>
/// Implementations must leave <c>parameters</c> untouched when they throw, and must make
/// <see cref="GetState"/>/<see cref="SetState"/> capture everything that influences later steps, so that a
/// resumed run is bit-for-bit the run that was never interrupted.
/// </remarks>
public interface IOptimizer
{
    /// <summary>Gets the optimizer's name, stored in its state and in checkpoints.</summary>
    string Name { get; }

    /// <summary>Gets whether <see cref="Step"/> needs <see cref="OptimizerContext.Sensitivities"/>.</summary>
    bool RequiresSensitivities => false;

    /// <summary>Updates <paramref name="parameters"/> in place.</summary>
    /// <param name="parameters">The parameters θ, overwritten with the new ones.</param>
    /// <param name="gradient">The gradient ∇Loss(θ) (same length as <paramref name="parameters"/>).</param>
    /// <param name="context">The loss, horizon, terminal states and optional sensitivities at θ.</param>
    /// <exception cref="OptimizerException">The step cannot be computed in finite arithmetic (the run diverged).</exception>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradient, in OptimizerContext context);

    /// <summary>Returns a copy of everything that influences future steps.</summary>
    OptimizerState GetState();

    /// <summary>Restores a state returned by <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">The state belongs to another optimizer or has the wrong shape.</exception>
    void SetState(OptimizerState state);
}
