using System;

namespace NeuralOdeGen;

/// <summary>
/// Explicit Runge–Kutta integration of an <see cref="IOdeSystem"/> of a fixed dimension with one workspace
/// allocated up front: fixed steps, adaptive steps (error control, PI controller, Hairer's initial step), and
/// dense output over the last step. Integrates forwards or backwards in time (negative steps).
/// </summary>
internal sealed class RungeKuttaStepper
{
    private readonly OdeSolver _solver;
    private readonly int _stageCount;
    private readonly RungeKuttaCoefficients _method;
    private readonly double[] _errorWeights;
    private readonly int _errorOrder;
    private readonly IStepSizeController _controller;
    private readonly IErrorNorm _errorNorm;
    private readonly bool _fsal;
    private readonly ContinuousExtension? _extension;
    private readonly double[] _stages;
    private readonly double[] _stageStates;
    private readonly double[] _derivative;
    private readonly double[] _errorEstimate;
    private double[] _state;
    private double[] _previousState;
    private double[] _candidate;
    private bool _derivativeValid;
    private double _proposedStep;
    private double _lastAttemptedStep;
    private StepSizeMemory _controllerMemory;
    private long _attempts;
    private long _steps;
    private long _rejectedSteps;
    private long _evaluations;

    /// <param name="solver">The explicit method and its step control.</param>
    /// <param name="dimension">The number of doubles in the integrated state.</param>
    /// <param name="laneLayout">
    /// Whether the state is a group of samples in vector lanes (kilobytes per buffer): then each work buffer starts at
    /// its own offset within a 4 KiB page (<see cref="PageOffsetArray"/>, <see cref="LanePageOffsets"/>). With the
    /// allocator's placement, a loop's stores and later loads could meet at one page offset (4 KiB aliasing) and the same
    /// shared-step gradient ran at 0.146–0.178 ms depending on the instance; placed, 0.127–0.134 ms. One sample's few
    /// doubles stay where the allocator puts them.
    /// </param>
    public RungeKuttaStepper(OdeSolver solver, int dimension, bool laneLayout = false)
    {
        _solver = solver;
        _controller = solver.StepSizeController;
        _errorNorm = solver.ErrorNorm;
        ButcherTableau tableau = solver.Tableau;
        Dimension = dimension;
        _stageCount = tableau.StageCount;
        _method = new RungeKuttaCoefficients(tableau);
        _fsal = tableau.IsFirstSameAsLast;
        _extension = tableau.ContinuousExtension;
        _errorWeights = new double[_stageCount];
        if (tableau.HasEmbedded)
        {
            for (int i = 0; i < _stageCount; i++)
            {
                _errorWeights[i] = tableau.B[i] - tableau.EmbeddedB[i];
            }

            _errorOrder = Math.Min(tableau.Order, tableau.EmbeddedOrder) + 1;
        }

        _stages = Buffer(laneLayout, _stageCount * dimension, LanePageOffsets.Stages);
        _stageStates = Buffer(laneLayout, _stageCount * dimension, LanePageOffsets.StageStates);
        _derivative = Buffer(laneLayout, dimension, LanePageOffsets.Derivative);
        _errorEstimate = Buffer(laneLayout, dimension, LanePageOffsets.ErrorEstimate);
        _state = Buffer(laneLayout, dimension, LanePageOffsets.State);
        _previousState = Buffer(laneLayout, dimension, LanePageOffsets.PreviousState);
        _candidate = Buffer(laneLayout, dimension, LanePageOffsets.Candidate);
    }

    public int Dimension { get; }

    /// <summary>Gets the current time.</summary>
    public double Time { get; private set; }

    /// <summary>Gets the time at the start of the last accepted step.</summary>
    public double PreviousTime { get; private set; }

    /// <summary>Gets the last accepted step size.</summary>
    public double LastStep { get; private set; }

    /// <summary>Gets the current state; callers may modify it (e.g. adjoint jumps) and then call <see cref="InvalidateDerivative"/>.</summary>
    public Span<double> State => _state;

    /// <summary>Gets the state at the start of the last accepted step.</summary>
    public ReadOnlySpan<double> PreviousState => _previousState;

    /// <summary>Gets the method's own dense output, or <see langword="null"/> when it interpolates by cubic Hermite.</summary>
    public ContinuousExtension? Extension => _extension;

    /// <summary>Gets the stage derivatives <c>k_i</c> of the last accepted step (row-major <c>s × n</c>; row 0 is <c>F</c> at its start).</summary>
    public ReadOnlySpan<double> Stages => _stages;

    /// <summary>Gets the counts since the last <see cref="ResetStatistics"/>.</summary>
    public SolverStatistics Statistics => new(_steps, _rejectedSteps, _evaluations);

    public void ResetStatistics()
    {
        _steps = 0;
        _rejectedSteps = 0;
        _evaluations = 0;
    }

    /// <summary>Starts an integration at (<paramref name="t0"/>, <paramref name="y0"/>).</summary>
    public void Reset(double t0, ReadOnlySpan<double> y0)
    {
        Time = t0;
        PreviousTime = t0;
        LastStep = 0.0;
        y0.CopyTo(_state);
        _derivativeValid = false;
        _proposedStep = 0.0;
        _controllerMemory = _controller.Start();
        _attempts = 0;
    }

    /// <summary>Marks the cached <c>F(t, y)</c> stale after the caller changed <see cref="State"/>.</summary>
    public void InvalidateDerivative()
    {
        _derivativeValid = false;
        _proposedStep = 0.0;
    }

    /// <summary>Gets <c>F(Time, State)</c>, evaluating it if needed.</summary>
    public ReadOnlySpan<double> CurrentDerivative<TSystem>(ref TSystem system)
        where TSystem : struct, IOdeSystem
    {
        EnsureDerivative(ref system);
        return _derivative;
    }

    /// <summary>Integrates to exactly <paramref name="tStop"/>, with the solver's fixed grid or adaptive steps, recording accepted points if asked.</summary>
    public void AdvanceTo<TSystem>(ref TSystem system, double tStop, double horizon, TrajectoryRecord? record)
        where TSystem : struct, IOdeSystem
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

    /// <summary>Takes one step of size <paramref name="h"/> ending at time <paramref name="tEnd"/>.</summary>
    public void FixedStep<TSystem>(ref TSystem system, double h, double tEnd)
        where TSystem : struct, IOdeSystem
    {
        EnsureDerivative(ref system);
        ComputeStep(ref system, h);
        if (!StageCombinations.AllFinite(_candidate))
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
        where TSystem : struct, IOdeSystem
    {
        // A stop time of the solver (a discontinuity of the right-hand side) before the caller's stop is landed on
        // first, and the step after it starts with a fresh F (no first-same-as-last reuse from the other side).
        double callerStop = tStop;
        tStop = NextStopTime(tStop);
        EnsureDerivative(ref system);
        double direction = tStop > Time ? 1.0 : -1.0;
        double remaining = tStop - Time;
        if (Math.Abs(remaining) <= MinimumStep(tStop))
        {
            // Closer than floating point resolves: the stop is reached.
            if (tStop != callerStop)
            {
                Time = PastStopTime(tStop, direction);
                _derivativeValid = false;
            }
            else
            {
                Time = tStop;
            }

            return false;
        }

        if (_proposedStep == 0.0)
        {
            _proposedStep = direction * (_solver.InitialStep > 0.0 ? _solver.InitialStep : InitialStep(ref system, remaining));
        }

        bool rejectedBefore = false;
        bool lastWasNonFinite = false;
        while (true)
        {
            if (_attempts >= _solver.MaxSteps)
            {
                throw new OdeSolverException(OdeSolverFailure.MaxStepsExceeded, Time, _proposedStep, _state);
            }

            // Cap the step at the user's maximum and raise it to the minimum; stretch a step that would leave an
            // unresolvable sliver before the stop.
            double h = _solver.MaxStep > 0.0 && Math.Abs(_proposedStep) > _solver.MaxStep ? Math.CopySign(_solver.MaxStep, _proposedStep) : _proposedStep;
            if (Math.Abs(h) < _solver.MinStep)
            {
                h = Math.CopySign(_solver.MinStep, h);
            }

            double resolution = MinimumStep(Math.Max(Math.Abs(Time), Math.Abs(tStop)));
            bool hitsStop = Math.Abs(h) >= Math.Abs(remaining) - resolution;
            if (hitsStop)
            {
                // A step onto one of the solver's stop times ends a floating-point number short of it, so that no stage
                // (at t + c_i·h ≤ t + h) samples the right-hand side on the far side of the discontinuity; the step is
                // then accepted at the stop time itself (Diffrax's prevbefore).
                h = tStop == callerStop ? remaining
                    : (direction > 0.0 ? Math.BitDecrement(tStop) : Math.BitIncrement(tStop)) - Time;
            }

            // A step is too small when t + h cannot be told from t: relative to the current time, not the far stop (from
            // t = 0 towards 1e12 a step of 1e-6 is fine). A step onto the stop is resolvable (the check above).
            if (h == 0.0 || (!hitsStop && Math.Abs(h) <= MinimumStep(Time)))
            {
                throw new OdeSolverException(
                    lastWasNonFinite ? OdeSolverFailure.NonFiniteState : OdeSolverFailure.StepSizeUnderflow, Time, h, _state);
            }

            _attempts++;
            ComputeStep(ref system, h);
            double error = ErrorNorm();
            if (error <= 1.0)
            {
                double next = _controller.AfterAccept(h, error, _errorOrder, rejectedBefore, ref _controllerMemory);
                _proposedStep = hitsStop && Math.Abs(_proposedStep) > Math.Abs(next) ? _proposedStep : next;
                if (hitsStop && tStop != callerStop)
                {
                    // Past a stop time the solve resumes one floating-point number beyond it, with a fresh F: the next
                    // step's first stage samples the new side of the discontinuity whichever side t = stop belongs to.
                    Accept(h, PastStopTime(tStop, direction));
                    _derivativeValid = false;
                }
                else
                {
                    Accept(h, hitsStop ? tStop : Time + h);
                }

                return true;
            }

            _rejectedSteps++;
            if (Math.Abs(h) <= _solver.MinStep)
            {
                throw new OdeSolverException(OdeSolverFailure.StepSizeBelowMinimum, Time, h, _state);
            }

            rejectedBefore = true;
            lastWasNonFinite = !StageCombinations.AllFinite(_candidate);
            _proposedStep = _controller.AfterReject(h, error, _errorOrder, ref _controllerMemory);
        }
    }

    /// <summary>
    /// Dense output over the last accepted step: the method's own interpolant when its tableau carries one
    /// (<see cref="ButcherTableau.ContinuousExtension"/>: Dormand–Prince, Tsitouras, Bogacki–Shampine), cubic Hermite
    /// (needs <c>F</c> at both ends) for every other method.
    /// </summary>
    public void Interpolate<TSystem>(ref TSystem system, double t, Span<double> y)
        where TSystem : struct, IOdeSystem
    {
        if (_extension is not null)
        {
            _extension.Interpolate((t - PreviousTime) / LastStep, LastStep, _previousState, _stages, y);
            return;
        }

        EnsureDerivative(ref system);
        CubicHermite.Interpolate((t - PreviousTime) / LastStep, LastStep, _previousState, _stages.AsSpan(0, Dimension), _state, _derivative, y[..Dimension]);
    }

    /// <summary>
    /// Undoes the last accepted step (an event solve then retakes it onto the event time): back to its start time and state,
    /// with <c>F</c> there (the step's first stage). The step counters keep the undone step.
    /// </summary>
    public void RewindLastStep()
    {
        _previousState.CopyTo(_state);
        Time = PreviousTime;
        Array.Copy(_stages, _derivative, Dimension);
        _derivativeValid = true;
        LastStep = 0.0;
    }

    /// <summary>Appends the last accepted step to <paramref name="record"/> (as <see cref="AdvanceTo"/> does).</summary>
    public void Record<TSystem>(ref TSystem system, TrajectoryRecord? record)
        where TSystem : struct, IOdeSystem
    {
        if (record is not null)
        {
            record.Add(Time, LastStep, _state);
            if (record.StoresDerivatives)
            {
                CurrentDerivative(ref system).CopyTo(record.Derivative(record.Count - 1));
            }

            if (record.StoresStageStates)
            {
                // Y_0 is the step's start state; Y_i for i ≥ 1 are still in the workspace.
                Span<double> stageStates = record.StageStates(record.Count - 2);
                _previousState.CopyTo(stageStates);
                _stageStates.AsSpan(Dimension).CopyTo(stageStates[Dimension..]);
            }

            if (record.StoresStages)
            {
                _stages.CopyTo(record.Stages(record.Count - 2));
            }
        }
    }

    private void EnsureDerivative<TSystem>(ref TSystem system)
        where TSystem : struct, IOdeSystem
    {
        if (!_derivativeValid)
        {
            system.Evaluate(Time, _state, _derivative);
            _evaluations++;
            _derivativeValid = true;
        }
    }

    // Stages k_i = F(t + c_i h, Y_i), Y_i = y + h Σ_j a_ij k_j (kept for recording); candidate = y + h Σ b_i k_i.
    // Needs _derivative = F(t, y).
    // The candidate uses the same summation as a stage, so an FSAL last stage is evaluated at exactly the candidate.
    private void ComputeStep<TSystem>(ref TSystem system, double h)
        where TSystem : struct, IOdeSystem
    {
        Array.Copy(_derivative, _stages, Dimension);
        RungeKuttaStep.Take(ref system, _method, Time, h, _state, _stages, _stageStates, _candidate);
        _evaluations += _stageCount - 1;
        _lastAttemptedStep = h;
    }

    // The error norm (Hairer's by default) of the embedded error estimate h Σ (b_i − b̂_i) k_i.
    private double ErrorNorm()
    {
        int n = Dimension;
        double h = _lastAttemptedStep;

        // Σ_i (b_i − b̂_i) k_i from 0, per component in stage order (1.0 · weight is the weight exactly), then times h: the
        // combination kernels keep that order per double at every lane width, so vectors change no bit.
        Span<double> errors = _errorEstimate;
        errors.Clear();
        StageCombinations.Combine(errors, _errorWeights, 1.0, _stages, n, errors);
        StageCombinations.Scale(errors, h);

        return _errorNorm.Measure(errors, _state, _candidate, _solver.RelativeTolerance, _solver.AbsoluteTolerance);
    }

    private void Accept(double h, double tEnd)
    {
        (_previousState, _state, _candidate) = (_state, _candidate, _previousState);
        PreviousTime = Time;
        Time = tEnd;
        LastStep = h;
        if (_fsal)
        {
            _stages.AsSpan((_stageCount - 1) * Dimension, Dimension).CopyTo(_derivative);
            _derivativeValid = true;
        }
        else
        {
            _derivativeValid = false;
        }

        _steps++;
    }

    private static double PastStopTime(double stop, double direction) =>
        direction > 0.0 ? Math.BitIncrement(stop) : Math.BitDecrement(stop);

    // The first of the solver's stop times strictly between now and the caller's stop (in the direction of
    // integration), or the caller's stop.
    private double NextStopTime(double tStop)
    {
        ReadOnlySpan<double> stops = _solver.StopTimes;
        if (tStop > Time)
        {
            foreach (double stop in stops)
            {
                if (stop > Time)
                {
                    return stop < tStop ? stop : tStop;
                }
            }
        }
        else
        {
            for (int i = stops.Length - 1; i >= 0; i--)
            {
                if (stops[i] < Time)
                {
                    return stops[i] > tStop ? stops[i] : tStop;
                }
            }
        }

        return tStop;
    }

    private double InitialStep<TSystem>(ref TSystem system, double span)
        where TSystem : struct, IOdeSystem
    {
        _evaluations++;
        return StartingStep.Estimate(
            ref system, Time, _state, _derivative, _stageStates.AsSpan(0, Dimension), _candidate, span,
            _solver.RelativeTolerance, _solver.AbsoluteTolerance, _solver.Tableau.Order);
    }

    private static double MinimumStep(double t) => 4.0 * double.Epsilon + (8.0 * 2.220446049250313e-16 * Math.Abs(t));

    private static double[] Buffer(bool laneLayout, int length, int pageOffset) =>
        laneLayout ? PageOffsetArray.Allocate(length, pageOffset) : new double[length];
}
