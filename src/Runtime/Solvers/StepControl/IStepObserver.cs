using System;

namespace NeuralOdeGen;

/// <summary>
/// Watches a solve step by step (<see cref="OdeIntegrator{TModel}.Solve(double, double, ReadOnlySpan{double}, ReadOnlySpan{double}, SaveAt, Solution?, IStepObserver?)"/>):
/// called after every accepted step, e.g. to log progress, record step sizes, or stop early when the state leaves a
/// region (then the solution ends at that step, with <see cref="SolutionStatus.StoppedByObserver"/>).
/// </summary>
/// <remarks>
/// The state span points into the solver's workspace: read it during the call, do not keep it. Allocating in the
/// callback is up to the observer; the solver allocates nothing to call it.
/// </remarks>
public interface IStepObserver
{
    /// <summary>Called after an accepted step.</summary>
    /// <param name="t">The time the step reached.</param>
    /// <param name="h">The step size (negative when integrating backwards).</param>
    /// <param name="state">The state at <paramref name="t"/>.</param>
    /// <returns><see langword="true"/> to go on; <see langword="false"/> to end the solve at <paramref name="t"/>.</returns>
    bool AfterStep(double t, double h, ReadOnlySpan<double> state);
}
