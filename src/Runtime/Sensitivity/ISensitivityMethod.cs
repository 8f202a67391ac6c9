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

    /// <summary>Creates the reusable memory for one thread.</summary>
    /// <typeparam name="TModel">The model.</typeparam>
    /// <param name="solver">The forward solver (the backward pass of adjoint methods uses the same settings).</param>
    /// <param name="loss">The loss, which fixes the observation times and the number of states.</param>
    /// <returns>The workspace.</returns>
    SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel>;
}
