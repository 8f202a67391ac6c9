using System;

namespace NeuralOdeGen;

/// <summary>
/// How the gradient of a loss through an ODE solve is computed: a strategy with one implementation per file
/// (<see cref="DiscreteAdjoint"/>, <see cref="ContinuousAdjoint"/>, <see cref="CheckpointedAdjoint"/>,
/// <see cref="ForwardSensitivity"/>). The method itself is stateless configuration; the per-thread memory lives
/// in the <see cref="SensitivityWorkspace{TModel}"/> it creates.
/// </summary>
public interface ISensitivityMethod
{
    /// <summary>Gets a short display name.</summary>
    string Name { get; }

    /// <summary>Gets a value indicating whether the method yields the per-sample sensitivities <c>∂x_t/∂θ</c>.</summary>
    bool ProvidesSensitivities { get; }

    /// <summary>
    /// Creates the reusable memory for one thread. Its solves start at <see cref="ILoss.StartTime"/> and run through the
    /// observation times in their order (backwards in time when they decrease).
    /// </summary>
    /// <typeparam name="TModel">The model.</typeparam>
    /// <param name="solver">The forward solver (the backward pass of adjoint methods uses the same settings).</param>
    /// <param name="loss">The loss, which fixes the start time, the observation times and the number of states.</param>
    /// <returns>The workspace.</returns>
    SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel>;

    /// <summary>
    /// Creates the reusable memory for one thread, computing what <paramref name="options"/> asks for besides <c>∂L/∂θ</c>.
    /// Every built-in method supports every option; a method that does not implement this overload supports none.
    /// </summary>
    /// <typeparam name="TModel">The model.</typeparam>
    /// <param name="solver">The forward solver.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="options">The extra outputs: initial-state and time gradients.</param>
    /// <returns>The workspace.</returns>
    /// <exception cref="NotSupportedException">The method does not compute an output <paramref name="options"/> asks for.</exception>
    SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss, GradientOptions options)
        where TModel : struct, IOdeModel<TModel>
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options != GradientOptions.None)
        {
            throw new NotSupportedException($"{Name} computes ∂L/∂θ only; it does not support {options}.");
        }

        return CreateWorkspace<TModel>(solver, loss);
    }
}
