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
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly double[] _errorWeights;
    private readonly int _errorOrder;
    private readonly IStepSizeController _controller;
    private readonly bool _fsal;
    private readonly bool _dormandPrinceDense;
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

    public RungeKuttaStepper(OdeSolver solver, int dimension)
    {
        _solver = solver;
        _controller = solver.StepSizeController;
        ButcherTableau tableau = solver.Tableau;
        Dimension = dimension;
        _stageCount = tableau.StageCount;
        _a = tableau.A.ToArray();
        _b = tableau.B.ToArray();
        _c = tableau.C.ToArray();
        _fsal = tableau.IsFirstSameAsLast;
        _dormandPrinceDense = ReferenceEquals(tableau, Tableaus.DormandPrince54);
        _errorWeights = new double[_stageCount];
        if (tableau.HasEmbedded)
        {
            for (int i = 0; i < _stageCount; i++)
            {
                _errorWeights[i] = tableau.B[i] - tableau.EmbeddedB[i];
            }

            _errorOrder = Math.Min(tableau.Order, tableau.EmbeddedOrder) + 1;
        }

        _stages = new double[_stageCount * dimension];
        _stageStates = new double[_stageCount * dimension];
        _derivative = new double[dimension];
        _errorEstimate = new double[dimension];
        _state = new double[dimension];
        _previousState = new double[dimension];
        _candidate = new double[dimension];
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
        if (_stageCount == 4 && !_fsal)
        {
            FixedStepsFourStage(ref system, start, tStop, count, h, record);
            return;
        }

        for (int i = 1; i <= count; i++)
        {
            FixedStep(ref system, h, i == count ? tStop : start + (i * h));
            Record(ref system, record);
        }
    }

    // The fixed-step loop of a four-stage explicit method (RK4, the 3/8 rule) with the tableau held in locals: the
    // same operations in the same order as FixedStep, so the same bits, without the per-stage loops over weights.
    private void FixedStepsFourStage<TSystem>(ref TSystem system, double start, double tStop, int count, double h, TrajectoryRecord? record)
        where TSystem : struct, IOdeSystem
    {
        int n = Dimension;
        double a10 = _a[4];
        double a20 = _a[8];
        double a21 = _a[9];
        double a30 = _a[12];
        double a31 = _a[13];
        double a32 = _a[14];
        double b0 = _b[0];
        double b1 = _b[1];
        double b2 = _b[2];
        double b3 = _b[3];
        double c1 = _c[1];
        double c2 = _c[2];
        double c3 = _c[3];
        Span<double> k1 = _stages.AsSpan(0, n);
        Span<double> k2 = _stages.AsSpan(n, n);
        Span<double> k3 = _stages.AsSpan(2 * n, n);
        Span<double> k4 = _stages.AsSpan(3 * n, n);
        // Each stage state Y_i stays in its own row, where Record copies it from for the discrete adjoint.
        Span<double> y1 = _stageStates.AsSpan(n, n);
        Span<double> y2 = _stageStates.AsSpan(2 * n, n);
        Span<double> y3 = _stageStates.AsSpan(3 * n, n);
        for (int step = 1; step <= count; step++)
        {
            ReadOnlySpan<double> x = _state.AsSpan(0, n);
            Span<double> next = _candidate.AsSpan(0, n);
            double t = Time;
            if (_derivativeValid)
            {
                _derivative.AsSpan(0, n).CopyTo(k1);
            }
            else
            {
                system.Evaluate(t, x, k1);
                _evaluations++;
            }

            for (int i = 0; i < n; i++)
            {
                y1[i] = x[i] + (h * a10 * k1[i]);
            }

            system.Evaluate(t + (c1 * h), y1, k2);
            for (int i = 0; i < n; i++)
            {
                y2[i] = x[i] + (h * a20 * k1[i]) + (h * a21 * k2[i]);
            }

            system.Evaluate(t + (c2 * h), y2, k3);
            for (int i = 0; i < n; i++)
            {
                y3[i] = x[i] + (h * a30 * k1[i]) + (h * a31 * k2[i]) + (h * a32 * k3[i]);
            }

            system.Evaluate(t + (c3 * h), y3, k4);
            _evaluations += 3;
            bool finite = true;
            for (int i = 0; i < n; i++)
            {
                double value = x[i] + (h * b0 * k1[i]) + (h * b1 * k2[i]) + (h * b2 * k3[i]) + (h * b3 * k4[i]);
                next[i] = value;
                finite &= double.IsFinite(value);
            }

            _lastAttemptedStep = h;
            if (!finite)
            {
                throw new OdeSolverException(OdeSolverFailure.NonFiniteState, t, h, _state);
            }

            Accept(h, step == count ? tStop : start + (step * h));
            Record(ref system, record);
        }
    }

    /// <summary>Takes one step of size <paramref name="h"/> ending at time <paramref name="tEnd"/>.</summary>
    public void FixedStep<TSystem>(ref TSystem system, double h, double tEnd)
        where TSystem : struct, IOdeSystem
    {
        EnsureDerivative(ref system);
        ComputeStep(ref system, h);
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
        where TSystem : struct, IOdeSystem
    {
        EnsureDerivative(ref system);
        double direction = tStop > Time ? 1.0 : -1.0;
        double remaining = tStop - Time;
        if (Math.Abs(remaining) <= MinimumStep(tStop))
        {
            // Closer than floating point resolves: the stop is reached.
            Time = tStop;
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

            // Cap the step at the user's maximum; stretch a step that would leave an unresolvable sliver before the stop.
            double h = _solver.MaxStep > 0.0 && Math.Abs(_proposedStep) > _solver.MaxStep ? Math.CopySign(_solver.MaxStep, _proposedStep) : _proposedStep;
            double resolution = MinimumStep(Math.Max(Math.Abs(Time), Math.Abs(tStop)));
            bool hitsStop = Math.Abs(h) >= Math.Abs(remaining) - resolution;
            if (hitsStop)
            {
                h = remaining;
            }

            if (Math.Abs(h) <= resolution)
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
                Accept(h, hitsStop ? tStop : Time + h);
                return true;
            }

            _rejectedSteps++;
            rejectedBefore = true;
            lastWasNonFinite = !IsFinite(_candidate);
            _proposedStep = _controller.AfterReject(h, error, _errorOrder, ref _controllerMemory);
        }
    }

    /// <summary>
    /// Dense output over the last accepted step: Dormand–Prince's own fourth-order interpolant for that pair,
    /// cubic Hermite (needs <c>F</c> at both ends) for every other method.
    /// </summary>
    public void Interpolate<TSystem>(ref TSystem system, double t, Span<double> y)
        where TSystem : struct, IOdeSystem
    {
        if (_dormandPrinceDense)
        {
            DormandPrinceDenseOutput.Interpolate((t - PreviousTime) / LastStep, LastStep, _previousState, _state, _stages, y);
            return;
        }

        EnsureDerivative(ref system);
        int n = Dimension;
        double h = LastStep;
        double theta = (t - PreviousTime) / h;
        double theta2 = theta * theta;
        double theta3 = theta2 * theta;
        double h00 = (2.0 * theta3) - (3.0 * theta2) + 1.0;
        double h10 = (theta3 - (2.0 * theta2) + theta) * h;
        double h01 = (3.0 * theta2) - (2.0 * theta3);
        double h11 = (theta3 - theta2) * h;
        ReadOnlySpan<double> f0 = _stages.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            y[i] = (h00 * _previousState[i]) + (h10 * f0[i]) + (h01 * _state[i]) + (h11 * _derivative[i]);
        }
    }

    private void Record<TSystem>(ref TSystem system, TrajectoryRecord? record)
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

            if (record.StoresDormandPrinceStages)
            {
                _stages.CopyTo(record.DormandPrinceStages(record.Count - 2));
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
        int n = Dimension;
        int s = _stageCount;
        double[] stages = _stages;
        double[] state = _state;
        Array.Copy(_derivative, stages, n);
        for (int i = 1; i < s; i++)
        {
            Span<double> stageState = _stageStates.AsSpan(i * n, n);
            RungeKuttaKernels.Combine(state, stages, _a.AsSpan(i * s, i), h, stageState);
            system.Evaluate(Time + (_c[i] * h), stageState, stages.AsSpan(i * n, n));
        }

        _evaluations += s - 1;
        RungeKuttaKernels.Combine(state, stages, _b, h, _candidate);
        _lastAttemptedStep = h;
    }

    // Hairer's norm of the embedded error estimate h Σ (b_i − b̂_i) k_i.
    private double ErrorNorm()
    {
        int n = Dimension;
        int s = _stageCount;
        double h = _lastAttemptedStep;
        double rtol = _solver.RelativeTolerance;
        double atol = _solver.AbsoluteTolerance;

        // Σ_i (b_i − b̂_i) k_i accumulated stage by stage over contiguous rows, per component in stage order.
        Span<double> errors = _errorEstimate;
        errors.Clear();
        for (int i = 0; i < s; i++)
        {
            double weight = _errorWeights[i];
            ReadOnlySpan<double> stage = _stages.AsSpan(i * n, n);
            for (int component = 0; component < n; component++)
            {
                errors[component] += weight * stage[component];
            }
        }

        double sum = 0.0;
        for (int component = 0; component < n; component++)
        {
            double scale = atol + (rtol * Math.Max(Math.Abs(_state[component]), Math.Abs(_candidate[component])));
            double ratio = h * errors[component] / scale;
            sum += ratio * ratio;
        }

        return Math.Sqrt(sum / n);
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

    private double InitialStep<TSystem>(ref TSystem system, double span)
        where TSystem : struct, IOdeSystem
    {
        _evaluations++;
        return StartingStep.Estimate(
            ref system, Time, _state, _derivative, _stageStates.AsSpan(0, Dimension), _candidate, span,
            _solver.RelativeTolerance, _solver.AbsoluteTolerance, _solver.Tableau.Order);
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
}
