namespace NeuralOdeGen;

/// <summary>The paper's problem: terminal MSE (eq. 2) at the dataset's horizon.</summary>
/// <typeparam name="TModel">The model (a generated struct).</typeparam>
public sealed class TerminalProblem<TModel> : OdeProblem<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    /// <summary>Creates the problem.</summary>
    /// <param name="data">A terminal dataset (one observation time, the horizon), e.g. from <see cref="Dataset.SampleTerminal{TModel}(int, int, System.ReadOnlySpan{double}, double, OdeSolver?, double, int)"/>.</param>
    /// <param name="solver">The solver (default: RK4, 100 steps).</param>
    /// <param name="sensitivity">The sensitivity method (default: <see cref="DiscreteAdjoint"/>).</param>
    /// <param name="maxDegreeOfParallelism">The number of threads (≥ 1), or <see langword="null"/> for one per core. The result does not depend on it.</param>
    /// <param name="options">What to compute besides <c>∂L/∂θ</c>: initial-state and time gradients (default: nothing).</param>
    public TerminalProblem(Dataset data, OdeSolver? solver = null, ISensitivityMethod? sensitivity = null, int? maxDegreeOfParallelism = null, GradientOptions? options = null)
        : base(data, CreateLoss(data), solver, sensitivity, maxDegreeOfParallelism, options)
    {
    }

    private static TerminalMse CreateLoss(Dataset data)
    {
        System.ArgumentNullException.ThrowIfNull(data);
        if (data.ObservationCount != 1)
        {
            throw new System.ArgumentException(
                $"A terminal problem needs one observation time per sample (the horizon); the dataset has {data.ObservationCount} observation times. "
                + "Use TrajectoryProblem<TModel> for data observed at several times.",
                nameof(data));
        }

        return new TerminalMse(data);
    }
}
