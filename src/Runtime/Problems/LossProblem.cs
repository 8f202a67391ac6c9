using System;

namespace NeuralOdeGen;

/// <summary>
/// A problem with a loss of the user's own: any <see cref="ILoss"/> (a weighted sum of terms at the observation
/// times, each with its gradient with respect to the predicted state), with every solver and sensitivity method.
/// The states the loss saw are in <see cref="GradientResult.ObservedStates"/>.
/// </summary>
/// <typeparam name="TModel">The model (a generated struct).</typeparam>
/// <example>
/// A linear functional <c>L = Σ_i Σ_k g_k·x⁽ⁱ⁾(τ_k)</c>, as in torchdiffeq's and Diffrax's gradient tests, needs no
/// targets: <c>new LossProblem&lt;TModel&gt;(initialStates, new MyFunctional(times, g, sampleCount))</c>.
/// </example>
public sealed class LossProblem<TModel> : OdeProblem<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    /// <summary>Creates the problem on a dataset whose observation times are the loss's.</summary>
    /// <param name="data">Initial states (and targets, if the loss reads them) at the loss's observation times.</param>
    /// <param name="loss">The loss: same samples, states and observation times as <paramref name="data"/>.</param>
    /// <param name="solver">The solver (default: RK4, 100 steps over the horizon).</param>
    /// <param name="sensitivity">The sensitivity method (default: <see cref="DiscreteAdjoint"/>).</param>
    /// <param name="maxDegreeOfParallelism">The number of threads (≥ 1), or <see langword="null"/> for one per core. The result does not depend on it.</param>
    /// <param name="options">What to compute besides <c>∂L/∂θ</c>: initial-state and time gradients (default: nothing).</param>
    public LossProblem(Dataset data, ILoss loss, OdeSolver? solver = null, ISensitivityMethod? sensitivity = null, int? maxDegreeOfParallelism = null, GradientOptions? options = null)
        : base(data, loss, solver, sensitivity, maxDegreeOfParallelism, options)
    {
    }

    /// <summary>Creates the problem from initial states alone: the observation times are the loss's.</summary>
    /// <param name="initialStates">Row-major <c>N×n</c> initial states, <c>N</c> = the loss's sample count.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="solver">The solver (default: RK4, 100 steps over the horizon).</param>
    /// <param name="sensitivity">The sensitivity method (default: <see cref="DiscreteAdjoint"/>).</param>
    /// <param name="maxDegreeOfParallelism">The number of threads (≥ 1), or <see langword="null"/> for one per core. The result does not depend on it.</param>
    /// <param name="options">What to compute besides <c>∂L/∂θ</c>: initial-state and time gradients (default: nothing).</param>
    public LossProblem(ReadOnlySpan<double> initialStates, ILoss loss, OdeSolver? solver = null, ISensitivityMethod? sensitivity = null, int? maxDegreeOfParallelism = null, GradientOptions? options = null)
        : base(UnlabelledData(initialStates, loss), loss, solver, sensitivity, maxDegreeOfParallelism, options)
    {
    }

    private static Dataset UnlabelledData(ReadOnlySpan<double> initialStates, ILoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return Dataset.Unlabelled(TModel.StateCount, initialStates, loss.ObservationTimes, loss.StartTime);
    }
}
