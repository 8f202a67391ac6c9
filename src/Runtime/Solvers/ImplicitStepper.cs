using System;

namespace NeuralOdeGen;

/// <summary>
/// What the implicit steppers share: the workspace (state, Jacobian, LU), fixed and adaptive stepping with an
/// error-per-step controller, step reduction after a failed Newton iteration, and statistics. A subclass attempts one
/// step of a given size (<see cref="Attempt"/>) and interpolates over the last accepted one. Allocates only on construction.
/// An augmented system (forward sensitivities, adjoint; see <see cref="ImplicitLayout"/>) shares the one LU of its stiff
/// block: <see cref="SolveBlocks"/> applies the block lower-triangular iteration matrix with it.
/// </summary>
internal abstract class ImplicitStepper
{
    // Step-size controller (Hairer & Wanner II, IV.8, as in their rodas.f): safety 0.9, factor in [0.2, 6].
    private const double Safety = 0.9;
    private const double MinFactor = 0.2;
    private const double MaxFactor = 6.0;
    private const double NewtonFailureFactor = 0.25;

    private readonly OdeSolver _solver;
    private readonly double _errorExponent;
    private readonly bool _usesTimeDerivative;
    private readonly double[] _coupling;
    private double[] _state;
    private double[] _previousState;
    private double[] _candidate;
    private double[] _previousDerivative;
    private bool _derivativeValid;
    private bool _linearizationValid;
    private double _proposedStep;
    private long _attempts;
    private long _steps;
    private long _rejectedSteps;

    protected ImplicitStepper(OdeSolver solver, ImplicitLayout layout, int errorOrder, bool usesTimeDerivative)
    {
        _solver = solver;
        _usesTimeDerivative = usesTimeDerivative;
        Layout = layout;
        int dimension = layout.Dimension;
        int stiff = layout.StiffDimension;
        Dimension = dimension;
        _errorExponent = 1.0 / (errorOrder + 1.0);
        _state = new double[dimension];
        _previousState = new double[dimension];
        _candidate = new double[dimension];
        _previousDerivative = new double[dimension];
        Derivative = new double[dimension];
        EndDerivative = new double[dimension];
        ErrorEstimate = new double[dimension];
        Jacobian = new double[stiff * stiff];
        TimeDerivative = new double[dimension];
        Scratch = new double[dimension];
        Lu = new DenseLu(stiff);
        _coupling = new double[dimension - stiff];
    }

    public int Dimension { get; }

    /// <summary>Gets how the state splits around the shared LU.</summary>
    public ImplicitLayout Layout { get; }

    public double Time { get; private set; }

    public double PreviousTime { get; private set; }

    public double LastStep { get; private set; }

    public ReadOnlySpan<double> State => _state;

    /// <summary>Gets the current state for a change between steps (adjoint jumps); call <see cref="InvalidateState"/> after it.</summary>
    public Span<double> MutableState => _state;

    public SolverStatistics Statistics => new(_steps, _rejectedSteps, Evaluations, JacobianEvaluations, Factorizations, NewtonIterations);

    protected OdeSolver Solver => _solver;

    /// <summary>Gets the state at the start of the step being attempted (or of the last accepted step, after it).</summary>
    protected ReadOnlySpan<double> StepStart => _state;

    protected ReadOnlySpan<double> PreviousState => _previousState;

    /// <summary>Gets the buffer the subclass writes the attempted step's result into.</summary>
    protected Span<double> Candidate => _candidate;

    /// <summary>Gets <c>F</c> at the start of the last accepted step.</summary>
    protected ReadOnlySpan<double> PreviousDerivative => _previousDerivative;

    /// <summary>Gets <c>F(Time, State)</c> (valid inside <see cref="Attempt"/>).</summary>
    protected double[] Derivative { get; private set; }

    /// <summary>Gets <c>F(t + h, candidate)</c> when the subclass sets <see cref="EndDerivativeKnown"/> (first same as last).</summary>
    protected double[] EndDerivative { get; private set; }

    protected bool EndDerivativeKnown { get; set; }

    /// <summary>Gets the embedded error estimate of the attempted step (written by the subclass).</summary>
    protected double[] ErrorEstimate { get; }

    /// <summary>Gets <c>∂F/∂y</c> of the stiff block at (Time, State), row-major.</summary>
    protected double[] Jacobian { get; }

    /// <summary>
    /// Gets <c>∂F/∂t</c> at (Time, State) when <see cref="HasTimeDerivative"/>: a central difference (the generator does not
    /// emit it yet); not computed for autonomous systems (it is zero) or methods that do not use it.
    /// </summary>
    protected double[] TimeDerivative { get; }

    protected bool HasTimeDerivative { get; private set; }

    protected double[] Scratch { get; }

    protected DenseLu Lu { get; }

    protected long Evaluations { get; set; }

    protected long JacobianEvaluations { get; set; }

    protected long Factorizations { get; set; }

    protected long NewtonIterations { get; set; }

    public void ResetStatistics()
    {
        _steps = 0;
        _rejectedSteps = 0;
        Evaluations = 0;
        JacobianEvaluations = 0;
        Factorizations = 0;
        NewtonIterations = 0;
    }

    public void Reset(double t0, ReadOnlySpan<double> y0)
    {
        Time = t0;
        PreviousTime = t0;
        LastStep = 0.0;
        y0.CopyTo(_state);
        _derivativeValid = false;
        _linearizationValid = false;
        _proposedStep = 0.0;
        _attempts = 0;
        OnReset();
    }

    /// <summary>Creates the stepper of the solver's family for the given layout.</summary>
    /// <exception cref="ArgumentException"><paramref name="solver"/> is explicit.</exception>
    public static ImplicitStepper Create(OdeSolver solver, ImplicitLayout layout) => solver.Family switch
    {
        SolverFamily.Rosenbrock => new RosenbrockStepper(solver, layout),
        SolverFamily.Esdirk => new EsdirkStepper(solver, layout),
        _ => throw new ArgumentException($"The solver {solver} is not implicit ({solver.Family}).", nameof(solver)),
    };

    /// <summary>Forgets <c>F</c> and the Jacobian at the current point after <see cref="MutableState"/> was changed.</summary>
    public void InvalidateState()
    {
        _derivativeValid = false;
        _linearizationValid = false;
    }

    /// <summary>Gets <c>F(Time, State)</c>, evaluating it only if the next step would have to (so it is not evaluated twice).</summary>
    public ReadOnlySpan<double> CurrentDerivative<TSystem>(ref TSystem system)
        where TSystem : struct, IJacobianSystem
    {
        if (!_derivativeValid)
        {
            system.Evaluate(Time, _state, Derivative);
            Evaluations++;
            _derivativeValid = true;
        }

        return Derivative;
    }

    /// <summary>
    /// Integrates to exactly <paramref name="tStop"/> with the solver's fixed grid or adaptive steps, appending every
    /// accepted point and its derivative to <paramref name="record"/> when given (for cubic Hermite interpolation).
    /// </summary>
    public void AdvanceTo<TSystem>(ref TSystem system, double tStop, double horizon, TrajectoryRecord? record = null)
        where TSystem : struct, IJacobianSystem
    {
        if (tStop == Time)
        {
            return;
        }

        if (_solver.IsAdaptive)
        {
            while (Time != tStop)
            {
                if (AdaptiveStep(ref system, tStop))
                {
                    Record(ref system, record);
                }
            }

            return;
        }

        double start = Time;
        int count = _solver.StepsFor(Math.Abs(tStop - start), horizon);
        double h = (tStop - start) / count;
        for (int i = 1; i <= count; i++)
        {
            FixedStep(ref system, h, i == count ? tStop : start + (i * h));
            Record(ref system, record);
        }
    }

    /// <summary>Takes one step of size <paramref name="h"/> ending at <paramref name="tEnd"/>; a failed Newton iteration throws.</summary>
    public void FixedStep<TSystem>(ref TSystem system, double h, double tEnd)
        where TSystem : struct, IJacobianSystem
    {
        Prepare(ref system);
        if (!Attempt(ref system, h))
        {
            throw new OdeSolverException(OdeSolverFailure.NewtonFailure, Time, h, _state);
        }

        if (!IsFinite(_candidate))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, Time, h, _state);
        }

        Accept(h, tEnd);
    }

    /// <summary>
    /// Takes one accepted adaptive step towards <paramref name="tStop"/>, landing on it exactly when within reach.
    /// Returns <see langword="false"/> without stepping when the stop is already closer than time can resolve.
    /// </summary>
    public bool AdaptiveStep<TSystem>(ref TSystem system, double tStop)
        where TSystem : struct, IJacobianSystem
    {
        double direction = tStop > Time ? 1.0 : -1.0;
        double remaining = tStop - Time;
        if (Math.Abs(remaining) <= MinimumStep(tStop))
        {
            Time = tStop;
            return false;
        }

        Prepare(ref system);
        if (_proposedStep == 0.0)
        {
            _proposedStep = direction * (_solver.InitialStep > 0.0 ? _solver.InitialStep : InitialStep(ref system, remaining));
        }

        bool rejectedBefore = false;
        int newtonFailures = 0;
        OdeSolverFailure lastFailure = OdeSolverFailure.StepSizeUnderflow;
        while (true)
        {
            if (_attempts >= _solver.MaxSteps)
            {
                throw new OdeSolverException(OdeSolverFailure.MaxStepsExceeded, Time, _proposedStep, _state);
            }

            // Stretch a step that would leave an unresolvable sliver before the stop; a step is too small when t + h
            // cannot be told from t (relative to the current time, not the far stop: Robertson runs from 0 to 1e11).
            double h = _proposedStep;
            bool hitsStop = Math.Abs(h) >= Math.Abs(remaining) - MinimumStep(tStop);
            if (hitsStop)
            {
                h = remaining;
            }

            if (Math.Abs(h) <= MinimumStep(Time))
            {
                throw new OdeSolverException(lastFailure, Time, h, _state);
            }

            _attempts++;
            if (!Attempt(ref system, h))
            {
                _rejectedSteps++;
                rejectedBefore = true;
                newtonFailures++;
                lastFailure = OdeSolverFailure.NewtonFailure;
                if (newtonFailures > OdeSolver.MaxNewtonRetries)
                {
                    throw new OdeSolverException(OdeSolverFailure.NewtonFailure, Time, h, _state);
                }

                _proposedStep = h * NewtonFailureFactor;
                continue;
            }

            double error = ErrorNorm();
            if (error <= 1.0)
            {
                double factor = Math.Clamp(Safety * Math.Pow(Math.Max(error, 1e-10), -_errorExponent), MinFactor, MaxFactor);
                double next = h * (rejectedBefore ? Math.Min(factor, 1.0) : factor);
                _proposedStep = hitsStop && Math.Abs(_proposedStep) > Math.Abs(next) ? _proposedStep : next;
                Accept(h, hitsStop ? tStop : Time + h);
                return true;
            }

            _rejectedSteps++;
            rejectedBefore = true;
            lastFailure = IsFinite(_candidate) ? OdeSolverFailure.StepSizeUnderflow : OdeSolverFailure.NonFiniteState;
            double shrink = double.IsFinite(error) ? Math.Max(MinFactor, Safety * Math.Pow(error, -_errorExponent)) : 0.1;
            _proposedStep = h * shrink;
        }
    }

    /// <summary>Clears what a subclass carries from step to step, so every solve from the same start is identical.</summary>
    protected virtual void OnReset()
    {
    }

    /// <summary>Dense output at <paramref name="t"/> within the last accepted step.</summary>
    public abstract void Interpolate(double t, Span<double> y);

    /// <summary>
    /// Gets the number of rows of <c>n</c> values besides the two end states that the method's own dense output keeps per
    /// step (<see cref="WriteDenseRows"/>), or 0 when it interpolates by cubic Hermite from the end derivatives.
    /// </summary>
    public virtual int DenseRowCount => 0;

    /// <summary>Gets <c>F</c> at the start and at the end of the last accepted step (cubic Hermite dense output).</summary>
    public ReadOnlySpan<double> StepStartDerivative => _previousDerivative;

    /// <summary>Writes the last accepted step's dense rows (see <see cref="DenseRowCount"/>).</summary>
    public virtual void WriteDenseRows(Span<double> rows) =>
        throw new InvalidOperationException($"{GetType().Name} interpolates by cubic Hermite and keeps no dense rows.");

    /// <summary>
    /// Attempts one step of size <paramref name="h"/> from (Time, State): writes <see cref="Candidate"/> and
    /// <see cref="ErrorEstimate"/>. Returns <see langword="false"/> when the iteration matrix is singular or the Newton
    /// iteration fails, so the caller retries with a smaller step.
    /// </summary>
    protected abstract bool Attempt<TSystem>(ref TSystem system, double h)
        where TSystem : struct, IJacobianSystem;

    /// <summary>
    /// Overwrites <paramref name="rhs"/> with the solution of <c>c (I − hγ J_aug) x = rhs</c>, where <c>J_aug</c> is the augmented
    /// system's Jacobian at the step's start: block lower triangular (<see cref="ImplicitLayout"/>), so the stiff block is
    /// solved with the shared LU of <c>c (I − hγ J)</c> first, then each replica with the same LU and the quadratures by a
    /// division, their right-hand sides corrected by the coupling to the stiff block's solution (one coupling product).
    /// </summary>
    /// <param name="system">The system (for the coupling product).</param>
    /// <param name="rhs">The right-hand side, all <see cref="Dimension"/> components.</param>
    /// <param name="scale">The factor <c>c</c> the factorised matrix carries (1/(hγ) for a Rosenbrock method's <c>I/(hγ) − J</c>, 1 for <c>I − hγJ</c>).</param>
    /// <param name="hGamma">The product <c>hγ</c>.</param>
    protected void SolveBlocks<TSystem>(ref TSystem system, Span<double> rhs, double scale, double hGamma)
        where TSystem : struct, IJacobianSystem
    {
        int n = Layout.StiffDimension;
        Span<double> stiff = rhs[..n];
        Lu.Solve(stiff);
        if (!Layout.IsAugmented)
        {
            return;
        }

        // Row b of c(I − hγ J_aug): −c hγ L_b x_stiff + c(I − hγ J) x_b = rhs_b, so x_b solves the shared matrix with rhs_b + c hγ L_b x_stiff.
        double weight = scale * hGamma;
        system.CouplingProduct(Time, _state, stiff, _coupling);
        for (int b = 0; b < Layout.Replicas; b++)
        {
            Span<double> block = rhs.Slice(n * (b + 1), n);
            ReadOnlySpan<double> coupling = _coupling.AsSpan(n * b, n);
            for (int i = 0; i < n; i++)
            {
                block[i] += weight * coupling[i];
            }

            Lu.Solve(block);
        }

        // Quadrature rows: −c hγ L_q x_stiff + c x_q = rhs_q.
        int offset = n * (Layout.Replicas + 1);
        for (int i = 0; i < Layout.Quadratures; i++)
        {
            rhs[offset + i] = (rhs[offset + i] / scale) + (hGamma * _coupling[(n * Layout.Replicas) + i]);
        }
    }

    /// <summary>Cubic Hermite interpolation over the last accepted step from the states and derivatives at both ends.</summary>
    protected void InterpolateHermite(double t, ReadOnlySpan<double> startDerivative, ReadOnlySpan<double> endDerivative, Span<double> y) =>
        CubicHermite.Interpolate((t - PreviousTime) / LastStep, LastStep, _previousState, startDerivative, _state, endDerivative, y[..Dimension]);

    private void Record<TSystem>(ref TSystem system, TrajectoryRecord? record)
        where TSystem : struct, IJacobianSystem
    {
        if (record is null)
        {
            return;
        }

        record.Add(Time, LastStep, _state);
        CurrentDerivative(ref system).CopyTo(record.Derivative(record.Count - 1));
    }

    private static bool IsFinite(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static double MinimumStep(double t) => 4.0 * double.Epsilon + (8.0 * 2.220446049250313e-16 * Math.Abs(t));

    // F(t, y), ∂F/∂y and ∂F/∂t at the step's start; kept across rejected attempts, which start from the same point.
    private void Prepare<TSystem>(ref TSystem system)
        where TSystem : struct, IJacobianSystem
    {
        CurrentDerivative(ref system);
        if (_linearizationValid)
        {
            return;
        }

        system.Jacobian(Time, _state, Jacobian);
        JacobianEvaluations++;
        HasTimeDerivative = _usesTimeDerivative && system.IsTimeDependent;
        if (HasTimeDerivative)
        {
            // Central difference: the generator does not emit ∂f/∂t yet. δ ≈ ε^(1/3)·max(1, |t|) balances truncation and rounding.
            double delta = 6.055454452393343e-06 * Math.Max(1.0, Math.Abs(Time));
            system.Evaluate(Time + delta, _state, TimeDerivative);
            system.Evaluate(Time - delta, _state, Scratch);
            Evaluations += 2;
            for (int i = 0; i < Dimension; i++)
            {
                TimeDerivative[i] = (TimeDerivative[i] - Scratch[i]) / (2.0 * delta);
            }
        }

        _linearizationValid = true;
    }

    // The solver's error norm (Hairer's RMS by default) of the error estimate.
    private double ErrorNorm() =>
        _solver.ErrorNorm.Measure(ErrorEstimate, _state, _candidate, _solver.RelativeTolerance, _solver.AbsoluteTolerance);

    private void Accept(double h, double tEnd)
    {
        (_previousState, _state, _candidate) = (_state, _candidate, _previousState);
        (_previousDerivative, Derivative) = (Derivative, _previousDerivative);
        if (EndDerivativeKnown)
        {
            (Derivative, EndDerivative) = (EndDerivative, Derivative);
            _derivativeValid = true;
        }
        else
        {
            _derivativeValid = false;
        }

        _linearizationValid = false;
        PreviousTime = Time;
        Time = tEnd;
        LastStep = h;
        _steps++;
    }

    private double InitialStep<TSystem>(ref TSystem system, double span)
        where TSystem : struct, IJacobianSystem
    {
        Evaluations++;
        return StartingStep.Estimate(
            ref system, Time, _state, Derivative, _candidate, Scratch, span, _solver.RelativeTolerance, _solver.AbsoluteTolerance, _solver.Order);
    }
}
