using System;

namespace NeuralOdeGen;

/// <summary>
/// How an adaptive solver measures a step's local error estimate against the tolerances: a step is accepted when the
/// norm is at most 1, and the step-size controller sees the norm. The default is Hairer's RMS norm
/// (<see cref="RmsErrorNorm"/>); <see cref="LeadingComponentsErrorNorm"/> controls the error of the first components only
/// (the adjoint seminorm: error control on the state, not the adjoint or parameter quadratures, during a backward solve).
/// </summary>
/// <remarks>
/// Called once per attempted step with spans into the solver's workspace; an implementation must not keep them or
/// allocate. Implementations should be stateless, so one instance serves every thread.
/// </remarks>
public interface IErrorNorm
{
    /// <summary>Measures a step's error estimate.</summary>
    /// <param name="error">The local error estimate per component (already multiplied by the step size).</param>
    /// <param name="start">The state at the start of the step.</param>
    /// <param name="candidate">The step's proposed end state.</param>
    /// <param name="relativeTolerance">The solver's rtol.</param>
    /// <param name="absoluteTolerance">The solver's atol.</param>
    /// <returns>The scaled norm: ≤ 1 accepts the step. NaN or ∞ (from a non-finite estimate) rejects it.</returns>
    double Measure(ReadOnlySpan<double> error, ReadOnlySpan<double> start, ReadOnlySpan<double> candidate, double relativeTolerance, double absoluteTolerance);
}
