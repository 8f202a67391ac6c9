using System;

namespace NeuralOdeGen;

/// <summary>
/// A solver is data: a <see cref="ButcherTableau"/> plus either a fixed step count or adaptive error-control
/// settings. Immutable; create with <see cref="Fixed"/>, <see cref="Adaptive"/> or a named shortcut.
/// </summary>
/// <remarks>
/// Fixed-step solvers use the nominal step <c>h = horizon / Steps</c>; an interval between observation times is
/// split into <c>⌈length / h⌉</c> equal steps, so observations fall on step boundaries (for a terminal loss the
/// grid is exactly <see cref="Steps"/> steps). Adaptive solvers control the error per step with Hairer's norm
/// <c>sqrt(mean((err_i / (atol + rtol·max(|y_i|, |ŷ_i|)))²)) ≤ 1</c> and a PI step-size controller, and stop
/// exactly on observation times.
/// </remarks>
public sealed class OdeSolver
{
    private OdeSolver(ButcherTableau tableau, int steps, double relativeTolerance, double absoluteTolerance, double initialStep, int maxSteps)
    {
        Tableau = tableau;
        Steps = steps;
        RelativeTolerance = relativeTolerance;
        AbsoluteTolerance = absoluteTolerance;
        InitialStep = initialStep;
        MaxSteps = maxSteps;
    }

    /// <summary>Gets the Runge–Kutta method.</summary>
    public ButcherTableau Tableau { get; }

    /// <summary>Gets a value indicating whether the step size is controlled by the embedded error estimate.</summary>
    public bool IsAdaptive => Steps == 0;

    /// <summary>Gets the number of steps over the horizon for a fixed-step solver (0 for an adaptive one).</summary>
    public int Steps { get; }

    /// <summary>Gets the relative tolerance (adaptive only).</summary>
    public double RelativeTolerance { get; }

    /// <summary>Gets the absolute tolerance (adaptive only).</summary>
    public double AbsoluteTolerance { get; }

    /// <summary>Gets the first step size, or 0 to choose it with Hairer's heuristic (adaptive only).</summary>
    public double InitialStep { get; }

    /// <summary>Gets the maximum number of attempted steps per integration (adaptive only).</summary>
    public int MaxSteps { get; }

    /// <summary>Creates a fixed-step solver.</summary>
    /// <param name="tableau">Any explicit tableau.</param>
    /// <param name="steps">The number of equal steps over the horizon (≥ 1).</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Fixed(ButcherTableau tableau, int steps)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        if (steps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"The number of steps must be at least 1; got {steps}.");
        }

        return new OdeSolver(tableau, steps, 0.0, 0.0, 0.0, 0);
    }

    /// <summary>Creates an adaptive solver.</summary>
    /// <param name="tableau">A tableau with embedded weights (<see cref="ButcherTableau.HasEmbedded"/>).</param>
    /// <param name="relativeTolerance">rtol &gt; 0.</param>
    /// <param name="absoluteTolerance">atol &gt; 0.</param>
    /// <param name="initialStep">The first step size, or 0 for Hairer's heuristic.</param>
    /// <param name="maxSteps">The maximum number of attempted steps per integration (≥ 1).</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Adaptive(ButcherTableau tableau, double relativeTolerance = 1e-6, double absoluteTolerance = 1e-9, double initialStep = 0.0, int maxSteps = 100_000)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        if (!tableau.HasEmbedded)
        {
            throw new ArgumentException($"The tableau '{tableau.Name}' has no embedded error estimate; use OdeSolver.Fixed or a pair such as Tableaus.DormandPrince54.", nameof(tableau));
        }

        if (!(relativeTolerance > 0.0) || !double.IsFinite(relativeTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, $"The relative tolerance must be positive and finite; got {relativeTolerance}.");
        }

        if (!(absoluteTolerance > 0.0) || !double.IsFinite(absoluteTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(absoluteTolerance), absoluteTolerance, $"The absolute tolerance must be positive and finite; got {absoluteTolerance}.");
        }

        if (!(initialStep >= 0.0) || !double.IsFinite(initialStep))
        {
            throw new ArgumentOutOfRangeException(nameof(initialStep), initialStep, $"The initial step must be positive, or 0 to choose it automatically; got {initialStep}.");
        }

        if (maxSteps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, $"The maximum number of steps must be at least 1; got {maxSteps}.");
        }

        return new OdeSolver(tableau, 0, relativeTolerance, absoluteTolerance, initialStep, maxSteps);
    }

    /// <summary>Creates the classic RK4 with a fixed number of steps (the default: 100).</summary>
    /// <param name="steps">The number of steps over the horizon.</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Rk4(int steps = 100) => Fixed(Tableaus.Rk4, steps);

    /// <summary>Creates adaptive Dormand–Prince 5(4).</summary>
    /// <param name="relativeTolerance">rtol &gt; 0.</param>
    /// <param name="absoluteTolerance">atol &gt; 0.</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Dopri5(double relativeTolerance = 1e-8, double absoluteTolerance = 1e-8) =>
        Adaptive(Tableaus.DormandPrince54, relativeTolerance, absoluteTolerance);

    /// <inheritdoc/>
    public override string ToString() =>
        IsAdaptive ? $"{Tableau.Name} (rtol {RelativeTolerance}, atol {AbsoluteTolerance})" : $"{Tableau.Name} ({Steps} steps)";

    // Number of equal fixed steps for an interval of the given length, with the nominal step horizon / Steps.
    internal int StepsFor(double length, double horizon)
    {
        double count = Math.Ceiling((length / horizon * Steps) - 1e-9);
        return Math.Max(1, (int)count);
    }
}
