namespace NeuralOdeGen;

/// <summary>Trajectory MSE over all of the dataset's observation times.</summary>
/// <typeparam name="TModel">The model (a generated struct).</typeparam>
public sealed class TrajectoryProblem<TModel> : OdeProblem<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    /// <summary>Creates the problem.</summary>
    /// <param name="data">A dataset with targets at one or more observation times.</param>
    /// <param name="solver">The solver (default: RK4, 100 steps over the horizon).</param>
    /// <param name="sensitivity">The sensitivity method (default: <see cref="DiscreteAdjoint"/>).</param>
    /// <param name="maxDegreeOfParallelism">The number of threads (≥ 1), or <see langword="null"/> for one per core. The result does not depend on it.</param>
    /// <param name="options">What to compute besides <c>∂L/∂θ</c>: initial-state and time gradients (default: nothing).</param>
    public TrajectoryProblem(Dataset data, OdeSolver? solver = null, ISensitivityMethod? sensitivity = null, int? maxDegreeOfParallelism = null, GradientOptions? options = null)
        : base(data, new TrajectoryMse(data), solver, sensitivity, maxDegreeOfParallelism, options)
    {
    }
}
