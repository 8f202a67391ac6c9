namespace NeuralOdeGen;

/// <summary>How the solve that filled a <see cref="Solution"/> ended.</summary>
public enum SolutionStatus
{
    /// <summary>The solve has not finished: it threw an <see cref="OdeSolverException"/>, or nothing was solved yet.</summary>
    Incomplete,

    /// <summary>The solve reached the end of its span.</summary>
    Completed,

    /// <summary>An <see cref="IStepObserver"/> ended the solve early; <see cref="Solution.FinalTime"/> is where.</summary>
    StoppedByObserver,

    /// <summary>A terminal event ended the solve at its root; <see cref="Solution.FinalTime"/> is the event time (see <see cref="EventSolution"/>).</summary>
    TerminatedByEvent,
}
