namespace NeuralOdeGen;

/// <summary>Why an ODE solve stopped before reaching its end time.</summary>
public enum OdeSolverFailure
{
    /// <summary>The state became NaN or infinite.</summary>
    NonFiniteState,

    /// <summary>The adaptive step size fell below what floating point can resolve at the current time.</summary>
    StepSizeUnderflow,

    /// <summary>The solver attempted more steps than its <see cref="OdeSolver.MaxSteps"/> allows.</summary>
    MaxStepsExceeded,

    /// <summary>
    /// An implicit method's Newton iteration (or the factorisation of its iteration matrix) failed at
    /// <see cref="OdeSolver.MaxNewtonRetries"/> + 1 successively smaller steps, or on a fixed step.
    /// </summary>
    NewtonFailure,

    /// <summary>A step of the solver's <see cref="OdeSolver.MinStep"/> was rejected: the tolerances need smaller steps than allowed.</summary>
    StepSizeBelowMinimum,
}
