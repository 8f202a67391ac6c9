namespace NeuralOdeGen;

/// <summary>
/// Chooses the next step size of an adaptive solver from the error estimates, as a strategy on the solver
/// (<see cref="OdeSolver.StepSizeController"/>). The error is the solver's scaled norm: a step is accepted when it
/// is at most 1. The controller is immutable settings; what it remembers between steps lives in a
/// <see cref="StepSizeMemory"/> the solver keeps per solve, so one controller serves every thread.
/// </summary>
public interface IStepSizeController
{
    /// <summary>Gets the memory at the start of a solve.</summary>
    /// <returns>The initial memory.</returns>
    StepSizeMemory Start();

    /// <summary>Proposes the next step after an accepted step and updates the memory.</summary>
    /// <param name="h">The accepted step (negative when integrating backwards).</param>
    /// <param name="error">Its scaled error norm (≤ 1).</param>
    /// <param name="errorOrder">The order of the error estimate plus one (<c>min(p, p̂) + 1</c>): the error scales as <c>h^errorOrder</c>.</param>
    /// <param name="rejectedBefore">Whether an attempt at this step was rejected before it was accepted.</param>
    /// <param name="memory">The solve's memory.</param>
    /// <returns>The proposed next step, with the sign of <paramref name="h"/>.</returns>
    double AfterAccept(double h, double error, int errorOrder, bool rejectedBefore, ref StepSizeMemory memory);

    /// <summary>Proposes a smaller step after a rejected attempt.</summary>
    /// <param name="h">The rejected step.</param>
    /// <param name="error">Its scaled error norm (&gt; 1, or not finite when the attempt overflowed).</param>
    /// <param name="errorOrder">As for <see cref="AfterAccept"/>.</param>
    /// <param name="memory">The solve's memory.</param>
    /// <returns>The step to try next, with the sign of <paramref name="h"/>.</returns>
    double AfterReject(double h, double error, int errorOrder, ref StepSizeMemory memory);
}
