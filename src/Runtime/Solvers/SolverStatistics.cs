namespace NeuralOdeGen;

/// <summary>Counts of the work an ODE solve did.</summary>
/// <param name="Steps">Accepted steps.</param>
/// <param name="RejectedSteps">Steps rejected by the error controller or, for an implicit method, by a failed Newton iteration or a singular iteration matrix (always 0 for fixed-step methods).</param>
/// <param name="FunctionEvaluations">Right-hand side evaluations of the integrated system (augmented systems count once per evaluation).</param>
/// <param name="JacobianEvaluations">State Jacobian evaluations (implicit methods only; 0 for explicit ones).</param>
/// <param name="Factorizations">LU factorisations of the iteration matrix (implicit methods only).</param>
/// <param name="NewtonIterations">Simplified Newton iterations, one linear solve each (ESDIRK methods only).</param>
public readonly record struct SolverStatistics(
    long Steps, long RejectedSteps, long FunctionEvaluations, long JacobianEvaluations = 0, long Factorizations = 0, long NewtonIterations = 0)
{
    /// <summary>Adds two sets of counts.</summary>
    /// <param name="left">The first counts.</param>
    /// <param name="right">The second counts.</param>
    /// <returns>The element-wise sum.</returns>
    public static SolverStatistics operator +(SolverStatistics left, SolverStatistics right) =>
        new(
            left.Steps + right.Steps,
            left.RejectedSteps + right.RejectedSteps,
            left.FunctionEvaluations + right.FunctionEvaluations,
            left.JacobianEvaluations + right.JacobianEvaluations,
            left.Factorizations + right.Factorizations,
            left.NewtonIterations + right.NewtonIterations);

    /// <summary>Adds two sets of counts.</summary>
    /// <param name="left">The first counts.</param>
    /// <param name="right">The second counts.</param>
    /// <returns>The element-wise sum.</returns>
    public static SolverStatistics Add(SolverStatistics left, SolverStatistics right) => left + right;
}
