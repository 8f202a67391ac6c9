using System;

namespace NeuralOdeGen;

/// <summary>
/// A solver is data: a tableau (explicit <see cref="ButcherTableau"/>, <see cref="NeuralOdeGen.RosenbrockTableau"/> or
/// ESDIRK <see cref="DiagonallyImplicitTableau"/>, see <see cref="Family"/>) plus either a fixed step count or adaptive
/// error-control settings. Immutable; create with a <c>Fixed</c> or <c>Adaptive</c> overload or a named shortcut
/// (<see cref="Rk4"/>, <see cref="Dopri5"/>, and for stiff problems <see cref="Rodas4"/>, <see cref="Rodas5P"/>, <see cref="Kvaerno5"/>).
/// </summary>
/// <remarks>
/// Fixed-step solvers use the nominal step <c>h = horizon / Steps</c>; an interval between observation times is
/// split into <c>⌈length / h⌉</c> equal steps, so observations fall on step boundaries (for a terminal loss the
/// grid is exactly <see cref="Steps"/> steps). Adaptive solvers control the error per step with Hairer's norm
/// <c>sqrt(mean((err_i / (atol + rtol·max(|y_i|, |ŷ_i|)))²)) ≤ 1</c> (or another <see cref="IErrorNorm"/>) and a PI
/// step-size controller, and stop exactly on observation times.
/// </remarks>
public sealed class OdeSolver
{
    /// <summary>
    /// The number of successive step reductions an implicit method tries after a failed Newton iteration (or a singular
    /// iteration matrix) before it stops with <see cref="OdeSolverFailure.NewtonFailure"/>; each reduction quarters the step.
    /// </summary>
    public const int MaxNewtonRetries = 10;

    private readonly ButcherTableau? _tableau;
    private readonly double[] _stopTimes;

    private OdeSolver(
        SolverFamily family, ButcherTableau? tableau, RosenbrockTableau? rosenbrock, DiagonallyImplicitTableau? esdirk, string name, int order,
        int steps, double relativeTolerance, double absoluteTolerance, double initialStep, int maxSteps, double stepSize = 0.0,
        IStepSizeController? controller = null, double maxStep = 0.0, double[]? stopTimes = null, double minStep = 0.0, IErrorNorm? errorNorm = null)
    {
        StepSizeController = controller ?? HairerPiController.Instance;
        ErrorNorm = errorNorm ?? RmsErrorNorm.Instance;
        MaxStep = maxStep;
        MinStep = minStep;
        _stopTimes = stopTimes ?? [];
        Family = family;
        _tableau = tableau;
        RosenbrockTableau = rosenbrock;
        DiagonallyImplicitTableau = esdirk;
        MethodName = name;
        Order = order;
        Steps = steps;
        StepSize = stepSize;
        RelativeTolerance = relativeTolerance;
        AbsoluteTolerance = absoluteTolerance;
        InitialStep = initialStep;
        MaxSteps = maxSteps;
    }

    /// <summary>Gets the kind of method: explicit Runge–Kutta, Rosenbrock or ESDIRK.</summary>
    public SolverFamily Family { get; }

    /// <summary>Gets a value indicating whether the method is implicit (Rosenbrock or ESDIRK), i.e. uses the model's state Jacobian.</summary>
    public bool IsImplicit => Family != SolverFamily.ExplicitRungeKutta;

    /// <summary>Gets the explicit Runge–Kutta method.</summary>
    /// <exception cref="InvalidOperationException">The solver is implicit; see <see cref="RosenbrockTableau"/> or <see cref="DiagonallyImplicitTableau"/>.</exception>
    public ButcherTableau Tableau => _tableau ?? throw new InvalidOperationException(
        $"The solver {MethodName} is a {Family} method and has no explicit Butcher tableau; see OdeSolver.RosenbrockTableau or OdeSolver.DiagonallyImplicitTableau.");

    /// <summary>Gets the Rosenbrock method, or <see langword="null"/> when <see cref="Family"/> is not <see cref="SolverFamily.Rosenbrock"/>.</summary>
    public RosenbrockTableau? RosenbrockTableau { get; }

    /// <summary>Gets the ESDIRK method, or <see langword="null"/> when <see cref="Family"/> is not <see cref="SolverFamily.Esdirk"/>.</summary>
    public DiagonallyImplicitTableau? DiagonallyImplicitTableau { get; }

    /// <summary>Gets the method's name (its tableau's).</summary>
    public string MethodName { get; }

    /// <summary>Gets the order of the method's solution.</summary>
    public int Order { get; }

    /// <summary>Gets a value indicating whether the step size is controlled by the embedded error estimate.</summary>
    public bool IsAdaptive => Steps == 0 && StepSize == 0.0;

    /// <summary>Gets the number of steps over the horizon for a fixed-step solver given a step count (0 otherwise).</summary>
    public int Steps { get; }

    /// <summary>
    /// Gets the largest step of a fixed-step solver given a step size (0 otherwise): each interval between output times
    /// is split into <c>⌈length / StepSize⌉</c> equal steps.
    /// </summary>
    public double StepSize { get; }

    /// <summary>Gets the relative tolerance (adaptive solvers, and the Newton iteration of a fixed-step ESDIRK).</summary>
    public double RelativeTolerance { get; }

    /// <summary>Gets the absolute tolerance (adaptive solvers, and the Newton iteration of a fixed-step ESDIRK).</summary>
    public double AbsoluteTolerance { get; }

    /// <summary>Gets the first step size, or 0 to choose it with Hairer's heuristic (adaptive only).</summary>
    public double InitialStep { get; }

    /// <summary>
    /// Gets the strategy that chooses an explicit adaptive solver's next step from its error estimates (default: DOPRI5's
    /// PI controller, <see cref="HairerPiController"/>; or a <see cref="PidController"/>). The implicit solvers keep their own.
    /// </summary>
    public IStepSizeController StepSizeController { get; }

    /// <summary>Gets the largest step an explicit adaptive solver takes (0: no limit), e.g. to resolve a forcing it would step over.</summary>
    public double MaxStep { get; }

    /// <summary>
    /// Gets the smallest step an explicit adaptive solver takes (0: no limit other than floating-point resolution): a
    /// proposed step below it is raised to it, and when a step of this size is rejected the solve stops with
    /// <see cref="OdeSolverFailure.StepSizeBelowMinimum"/> instead of creeping on. The last step onto the end of the span
    /// or a stop time may be shorter.
    /// </summary>
    public double MinStep { get; }

    /// <summary>
    /// Gets how an adaptive solver measures a step's error estimate against rtol and atol (default: Hairer's RMS norm,
    /// <see cref="RmsErrorNorm"/>; <see cref="LeadingComponentsErrorNorm"/> measures the first components only).
    /// </summary>
    public IErrorNorm ErrorNorm { get; }

    /// <summary>
    /// Gets the times an explicit adaptive solver lands on exactly and restarts from (discontinuities of the right-hand
    /// side, e.g. a forcing that switches: torchdiffeq's <c>jump_t</c>, Diffrax's <c>jump_ts</c>), increasing; empty by default.
    /// Stepping across a discontinuity makes the error estimate reject step after step until the step is tiny.
    /// A stop time outside a solve's span is ignored (one solver serves many spans: the intervals between observations,
    /// backward solves), as is one equal to the span's start or end.
    /// </summary>
    public ReadOnlySpan<double> StopTimes => _stopTimes;

    /// <summary>Gets the maximum number of attempted steps per integration (adaptive only).</summary>
    public int MaxSteps { get; }

    /// <summary>Creates a fixed-step solver.</summary>
    /// <param name="tableau">Any explicit tableau.</param>
    /// <param name="steps">The number of equal steps over the horizon (≥ 1).</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Fixed(ButcherTableau tableau, int steps)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        RequireSteps(steps);

        return new OdeSolver(SolverFamily.ExplicitRungeKutta, tableau, null, null, tableau.Name, tableau.Order, steps, 0.0, 0.0, 0.0, 0);
    }

    /// <summary>
    /// Creates a fixed-step solver from a step size rather than a count (torchdiffeq's <c>step_size</c>): every interval
    /// between output times is split into <c>⌈length / stepSize⌉</c> equal steps, so the solver lands exactly on each
    /// output time and no step is longer than <paramref name="stepSize"/> (torchdiffeq instead takes steps of exactly
    /// <c>step_size</c> and interpolates at the output times).
    /// </summary>
    /// <param name="tableau">Any explicit tableau.</param>
    /// <param name="stepSize">The largest step (&gt; 0, finite).</param>
    /// <returns>The solver.</returns>
    public static OdeSolver FixedStepSize(ButcherTableau tableau, double stepSize)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        if (!(stepSize > 0.0) || !double.IsFinite(stepSize))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, $"The step size must be positive and finite; got {stepSize}.");
        }

        return new OdeSolver(SolverFamily.ExplicitRungeKutta, tableau, null, null, tableau.Name, tableau.Order, 0, 0.0, 0.0, 0.0, 0, stepSize);
    }

    /// <summary>Creates a fixed-step Rosenbrock solver (no error control; one Jacobian and one LU per step).</summary>
    /// <param name="tableau">The method, e.g. <see cref="ImplicitTableaus.Rodas4"/>.</param>
    /// <param name="steps">The number of equal steps over the horizon (≥ 1).</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Fixed(RosenbrockTableau tableau, int steps)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        RequireSteps(steps);
        return new OdeSolver(SolverFamily.Rosenbrock, null, tableau, null, tableau.Name, tableau.Order, steps, 0.0, 0.0, 0.0, 0);
    }

    /// <summary>
    /// Creates a fixed-step ESDIRK solver (no error control). Its Newton iterations stop at the tolerances
    /// <paramref name="relativeTolerance"/> and <paramref name="absoluteTolerance"/>; a failed iteration throws.
    /// </summary>
    /// <param name="tableau">The method, e.g. <see cref="ImplicitTableaus.Kvaerno5"/>.</param>
    /// <param name="steps">The number of equal steps over the horizon (≥ 1).</param>
    /// <param name="relativeTolerance">The Newton iteration's rtol &gt; 0.</param>
    /// <param name="absoluteTolerance">The Newton iteration's atol &gt; 0.</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Fixed(DiagonallyImplicitTableau tableau, int steps, double relativeTolerance = 1e-10, double absoluteTolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        RequireSteps(steps);
        RequireTolerances(relativeTolerance, absoluteTolerance);
        return new OdeSolver(SolverFamily.Esdirk, null, null, tableau, tableau.Name, tableau.Order, steps, relativeTolerance, absoluteTolerance, 0.0, 0);
    }

    /// <summary>Creates an adaptive solver.</summary>
    /// <param name="tableau">A tableau with embedded weights (<see cref="ButcherTableau.HasEmbedded"/>).</param>
    /// <param name="relativeTolerance">rtol &gt; 0.</param>
    /// <param name="absoluteTolerance">atol &gt; 0.</param>
    /// <param name="initialStep">The first step size, or 0 for Hairer's heuristic.</param>
    /// <param name="maxSteps">The maximum number of attempted steps per integration (≥ 1).</param>
    /// <param name="controller">The step-size controller, or <see langword="null"/> for DOPRI5's PI controller (<see cref="HairerPiController"/>).</param>
    /// <param name="maxStep">The largest step (&gt; 0), or 0 for no limit.</param>
    /// <param name="stopTimes">Times to land on exactly and restart from (discontinuities), strictly increasing and finite; see <see cref="StopTimes"/>.</param>
    /// <param name="minStep">The smallest step (≥ 0, at most <paramref name="maxStep"/> when that is set), or 0 for no limit; see <see cref="MinStep"/>.</param>
    /// <param name="errorNorm">The error norm, or <see langword="null"/> for Hairer's RMS norm (<see cref="RmsErrorNorm"/>).</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Adaptive(
        ButcherTableau tableau, double relativeTolerance = 1e-6, double absoluteTolerance = 1e-9, double initialStep = 0.0, int maxSteps = 100_000,
        IStepSizeController? controller = null, double maxStep = 0.0, ReadOnlySpan<double> stopTimes = default, double minStep = 0.0, IErrorNorm? errorNorm = null)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        if (!tableau.HasEmbedded)
        {
            throw new ArgumentException($"The tableau '{tableau.Name}' has no embedded error estimate; use OdeSolver.Fixed or a pair such as Tableaus.DormandPrince54.", nameof(tableau));
        }

        RequireAdaptive(relativeTolerance, absoluteTolerance, initialStep, maxSteps);
        if (!(maxStep >= 0.0) || !double.IsFinite(maxStep))
        {
            throw new ArgumentOutOfRangeException(nameof(maxStep), maxStep, $"The maximum step must be positive and finite, or 0 for no limit; got {maxStep}.");
        }

        if (!(minStep >= 0.0) || !double.IsFinite(minStep))
        {
            throw new ArgumentOutOfRangeException(nameof(minStep), minStep, $"The minimum step must be positive and finite, or 0 for no limit; got {minStep}.");
        }

        if (maxStep > 0.0 && minStep > maxStep)
        {
            throw new ArgumentException($"The minimum step minStep = {minStep} is larger than the maximum step maxStep = {maxStep}.", nameof(minStep));
        }

        for (int k = 0; k < stopTimes.Length; k++)
        {
            if (!double.IsFinite(stopTimes[k]) || (k > 0 && !(stopTimes[k] > stopTimes[k - 1])))
            {
                throw new ArgumentException($"stopTimes[{k}] = {stopTimes[k]}: stop times must be finite and strictly increasing.", nameof(stopTimes));
            }
        }

        return new OdeSolver(
            SolverFamily.ExplicitRungeKutta, tableau, null, null, tableau.Name, tableau.Order, 0, relativeTolerance, absoluteTolerance, initialStep, maxSteps,
            controller: controller, maxStep: maxStep, stopTimes: stopTimes.ToArray(), minStep: minStep, errorNorm: errorNorm);
    }

    /// <summary>Creates an adaptive Rosenbrock solver for stiff problems.</summary>
    /// <param name="tableau">The method, e.g. <see cref="ImplicitTableaus.Rodas4"/>.</param>
    /// <param name="relativeTolerance">rtol &gt; 0.</param>
    /// <param name="absoluteTolerance">atol &gt; 0.</param>
    /// <param name="initialStep">The first step size, or 0 for Hairer's heuristic.</param>
    /// <param name="maxSteps">The maximum number of attempted steps per integration (≥ 1).</param>
    /// <param name="errorNorm">The error norm, or <see langword="null"/> for Hairer's RMS norm (<see cref="RmsErrorNorm"/>).</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Adaptive(
        RosenbrockTableau tableau, double relativeTolerance = 1e-6, double absoluteTolerance = 1e-9, double initialStep = 0.0, int maxSteps = 100_000, IErrorNorm? errorNorm = null)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        RequireAdaptive(relativeTolerance, absoluteTolerance, initialStep, maxSteps);
        return new OdeSolver(SolverFamily.Rosenbrock, null, tableau, null, tableau.Name, tableau.Order, 0, relativeTolerance, absoluteTolerance, initialStep, maxSteps, errorNorm: errorNorm);
    }

    /// <summary>Creates an adaptive ESDIRK solver for stiff problems.</summary>
    /// <param name="tableau">The method, e.g. <see cref="ImplicitTableaus.Kvaerno5"/>.</param>
    /// <param name="relativeTolerance">rtol &gt; 0 (also scales the Newton iteration's stopping test).</param>
    /// <param name="absoluteTolerance">atol &gt; 0.</param>
    /// <param name="initialStep">The first step size, or 0 for Hairer's heuristic.</param>
    /// <param name="maxSteps">The maximum number of attempted steps per integration (≥ 1).</param>
    /// <param name="errorNorm">The error norm, or <see langword="null"/> for Hairer's RMS norm (<see cref="RmsErrorNorm"/>).</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Adaptive(
        DiagonallyImplicitTableau tableau, double relativeTolerance = 1e-6, double absoluteTolerance = 1e-9, double initialStep = 0.0, int maxSteps = 100_000, IErrorNorm? errorNorm = null)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        RequireAdaptive(relativeTolerance, absoluteTolerance, initialStep, maxSteps);
        return new OdeSolver(SolverFamily.Esdirk, null, null, tableau, tableau.Name, tableau.Order, 0, relativeTolerance, absoluteTolerance, initialStep, maxSteps, errorNorm: errorNorm);
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

    /// <summary>Creates adaptive Rodas4 (Rosenbrock, order 4, L-stable): cheaper steps than Rodas5P, for loose tolerances.</summary>
    /// <param name="relativeTolerance">rtol &gt; 0.</param>
    /// <param name="absoluteTolerance">atol &gt; 0.</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Rodas4(double relativeTolerance = 1e-6, double absoluteTolerance = 1e-9) =>
        Adaptive(ImplicitTableaus.Rodas4, relativeTolerance, absoluteTolerance);

    /// <summary>Creates adaptive Rodas5P (Rosenbrock, order 5, L-stable): the default choice for stiff problems of small dimension.</summary>
    /// <param name="relativeTolerance">rtol &gt; 0.</param>
    /// <param name="absoluteTolerance">atol &gt; 0.</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Rodas5P(double relativeTolerance = 1e-6, double absoluteTolerance = 1e-9) =>
        Adaptive(ImplicitTableaus.Rodas5P, relativeTolerance, absoluteTolerance);

    /// <summary>Creates adaptive Kvaerno5 (ESDIRK, order 5, L-stable): for stiff problems at tight tolerances.</summary>
    /// <param name="relativeTolerance">rtol &gt; 0.</param>
    /// <param name="absoluteTolerance">atol &gt; 0.</param>
    /// <returns>The solver.</returns>
    public static OdeSolver Kvaerno5(double relativeTolerance = 1e-6, double absoluteTolerance = 1e-9) =>
        Adaptive(ImplicitTableaus.Kvaerno5, relativeTolerance, absoluteTolerance);

    /// <summary>
    /// Returns this solver with another error norm and every other setting kept, e.g. the adjoint seminorm
    /// (<see cref="LeadingComponentsErrorNorm"/>) for the backward solve of a gradient.
    /// </summary>
    /// <param name="errorNorm">The error norm.</param>
    /// <returns>The solver.</returns>
    public OdeSolver WithErrorNorm(IErrorNorm errorNorm)
    {
        ArgumentNullException.ThrowIfNull(errorNorm);
        return new OdeSolver(
            Family, _tableau, RosenbrockTableau, DiagonallyImplicitTableau, MethodName, Order, Steps, RelativeTolerance, AbsoluteTolerance, InitialStep, MaxSteps,
            StepSize, StepSizeController, MaxStep, _stopTimes, MinStep, errorNorm);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        IsAdaptive ? $"{MethodName} (rtol {RelativeTolerance}, atol {AbsoluteTolerance})"
        : StepSize > 0.0 ? $"{MethodName} (step {StepSize})"
        : $"{MethodName} ({Steps} steps)";

    private static void RequireSteps(int steps)
    {
        if (steps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"The number of steps must be at least 1; got {steps}.");
        }
    }

    private static void RequireTolerances(double relativeTolerance, double absoluteTolerance)
    {
        if (!(relativeTolerance > 0.0) || !double.IsFinite(relativeTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, $"The relative tolerance must be positive and finite; got {relativeTolerance}.");
        }

        if (!(absoluteTolerance > 0.0) || !double.IsFinite(absoluteTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(absoluteTolerance), absoluteTolerance, $"The absolute tolerance must be positive and finite; got {absoluteTolerance}.");
        }
    }

    private static void RequireAdaptive(double relativeTolerance, double absoluteTolerance, double initialStep, int maxSteps)
    {
        RequireTolerances(relativeTolerance, absoluteTolerance);
        if (!(initialStep >= 0.0) || !double.IsFinite(initialStep))
        {
            throw new ArgumentOutOfRangeException(nameof(initialStep), initialStep, $"The initial step must be positive, or 0 to choose it automatically; got {initialStep}.");
        }

        if (maxSteps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, $"The maximum number of steps must be at least 1; got {maxSteps}.");
        }
    }

    // Number of equal fixed steps for an interval of the given length, with the nominal step horizon / Steps or the
    // given step size. The 1e-9 absorbs the rounding of a length that is a whole number of nominal steps.
    internal int StepsFor(double length, double horizon)
    {
        double count = StepSize > 0.0
            ? Math.Ceiling((length / StepSize) - 1e-9)
            : Math.Ceiling((length / horizon * Steps) - 1e-9);
        if (count > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"An interval of length {length} needs {count:0} steps of {this}, more than a solve can take ({int.MaxValue}).");
        }

        return Math.Max(1, (int)count);
    }
}
