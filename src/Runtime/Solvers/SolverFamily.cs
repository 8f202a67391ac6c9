namespace NeuralOdeGen;

/// <summary>The kind of method an <see cref="OdeSolver"/> runs, which decides what it needs from the model.</summary>
public enum SolverFamily
{
    /// <summary>An explicit Runge–Kutta method (<see cref="ButcherTableau"/>): right-hand side evaluations only.</summary>
    ExplicitRungeKutta,

    /// <summary>
    /// A linearly implicit Rosenbrock method (<see cref="RosenbrockTableau"/>): one state Jacobian and one LU
    /// factorisation per step, no Newton iteration. For stiff problems.
    /// </summary>
    Rosenbrock,

    /// <summary>
    /// A singly diagonally implicit Runge–Kutta method with an explicit first stage (<see cref="DiagonallyImplicitTableau"/>):
    /// a simplified Newton iteration per stage on one LU factorisation of <c>I − hγJ</c>. For stiff problems.
    /// </summary>
    Esdirk,
}
