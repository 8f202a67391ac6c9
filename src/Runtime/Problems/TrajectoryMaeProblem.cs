namespace NeuralOdeGen;

/// <summary>
/// Trajectory mean absolute error (<see cref="TrajectoryMae"/>) over all of the dataset's observation times: the
/// objective of torchdiffeq's spiral demo.
/// </summary>
/// <typeparam name="TModel">The model (a generated struct).</typeparam>
public sealed class TrajectoryMaeProblem<TModel> : OdeProblem<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    /// <summary>Creates the problem.</summary>
    /// <param name="data">A dataset with targets at one or more observation times (the first may be 0).</param>
    /// <param name="solver">The solver (default: RK4, 100 steps over the horizon).</param>
    /// <param name="sensitivity">The sensitivity method (default: <see cref="DiscreteAdjoint"/>).</param>
    /// <param name="maxDegreeOfParallelism">The number of threads (≥ 1), or <see langword="null"/> for one per core. The result does not depend on it.</param>
    /// <param name="options">What to compute besides <c>∂L/∂θ</c>: initial-state and time gradients (default: nothing).</param>
    public TrajectoryMaeProblem(Dataset data, OdeSolver? solver = null, ISensitivityMethod? sensitivity = null, int? maxDegreeOfParallelism = null, GradientOptions? options = null)
        : base(data, new TrajectoryMae(data), solver, sensitivity, maxDegreeOfParallelism, options)
    {
    }
}
