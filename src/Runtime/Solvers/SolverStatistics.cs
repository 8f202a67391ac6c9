namespace NeuralOdeGen;

/// <summary>Counts of the work an ODE solve did.</summary>
/// <param name="Steps">Accepted steps.</param>
/// <param name="RejectedSteps">Steps rejected by the error controller (always 0 for fixed-step methods).</param>
/// <param name="FunctionEvaluations">Right-hand side evaluations of the integrated system (augmented systems count once per evaluation).</param>
public readonly record struct SolverStatistics(long Steps, long RejectedSteps, long FunctionEvaluations)
{
    /// <summary>Adds two sets of counts.</summary>
    /// <param name="left">The first counts.</param>
    /// <param name="right">The second counts.</param>
    /// <returns>The element-wise sum.</returns>
    public static SolverStatistics operator +(SolverStatistics left, SolverStatistics right) =>
        new(left.Steps + right.Steps, left.RejectedSteps + right.RejectedSteps, left.FunctionEvaluations + right.FunctionEvaluations);

    /// <summary>Adds two sets of counts.</summary>
    /// <param name="left">The first counts.</param>
    /// <param name="right">The second counts.</param>
    /// <returns>The element-wise sum.</returns>
    public static SolverStatistics Add(SolverStatistics left, SolverStatistics right) => left + right;
}
