using System;

namespace NeuralOdeGen;

/// <summary>
/// Solves <c>dx/dt = f(t, x; θ)</c> with the model's events (<see cref="IOdeEvents{TSelf}"/>, written as
/// <see cref="EventAttribute"/> methods): after every accepted step each event function's sign change in its
/// <see cref="EventDirection"/> is checked, the root located on the step's own dense output
/// (<see cref="EventOptions.TimeTolerance"/>), and the earliest event in the step handled — the step is retaken to end
/// at the event time, a jump <c>x⁺ = J(t*, x⁻; θ)</c> is applied and the solver restarts there (fresh <c>F</c>, fresh
/// initial step), a terminal event ends the solve. Explicit Runge–Kutta solvers, fixed-step and adaptive, forwards or
/// backwards in time. After the first solve into a reused <see cref="EventSolution"/> a solve allocates nothing.
/// Not thread-safe; use one integrator per thread.
/// </summary>
/// <typeparam name="TModel">The model (a generated struct with <see cref="EventAttribute"/> methods).</typeparam>
public sealed class EventIntegrator<TModel>
    where TModel : struct, IOdeModel<TModel>, IOdeEvents<TModel>
{
    private readonly EventDriver<TModel> _driver;
    private readonly double[] _parameters;
    private readonly double[] _jumped;

    /// <summary>Creates an integrator and its workspace.</summary>
    /// <param name="solver">An explicit Runge–Kutta solver (fixed-step or adaptive).</param>
    /// <param name="options">Event location and limits; <see cref="EventOptions.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="solver"/> is null.</exception>
    /// <exception cref="NotSupportedException"><paramref name="solver"/> is implicit (Rosenbrock, ESDIRK).</exception>
    public EventIntegrator(OdeSolver solver, EventOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(solver);
        Solver = solver;
        Options = options ?? EventOptions.Default;
        _driver = new EventDriver<TModel>(solver, TModel.StateCount, Options);
        _parameters = new double[TModel.ParameterCount];
        _jumped = new double[TModel.StateCount];
    }

    /// <summary>Gets the solver settings.</summary>
    public OdeSolver Solver { get; }

    /// <summary>Gets the event options.</summary>
    public EventOptions Options { get; }

    /// <summary>
    /// Solves from <paramref name="t0"/> to <paramref name="t1"/> (either direction), or to a terminal event, and saves
    /// the trajectory as <paramref name="saveAt"/> asks plus every event into <paramref name="solution"/>.
    /// </summary>
    /// <param name="t0">The initial time. An event function that is zero at <paramref name="t0"/> does not fire there.</param>
    /// <param name="t1">The final time.</param>
    /// <param name="initialState">The state at <paramref name="t0"/> (length <c>n</c>).</param>
    /// <param name="parameters">The parameters (length <c>m</c>).</param>
    /// <param name="saveAt">What to save; its times must lie in the span and run in the solve's direction (a terminal event leaves the later ones unsaved).</param>
    /// <param name="solution">The solution to fill (reused), or <see langword="null"/> for a new one.</param>
    /// <returns>The filled solution: <see cref="EventSolution.Trajectory"/> ends with <see cref="SolutionStatus.Completed"/> or <see cref="SolutionStatus.TerminatedByEvent"/>.</returns>
    /// <exception cref="OdeSolverException">The solve failed (the trajectory keeps what was saved, <see cref="SolutionStatus.Incomplete"/>).</exception>
    /// <exception cref="OdeEventException">More than <see cref="EventOptions.MaxEventCount"/> events: an event chatters.</exception>
    public EventSolution Solve(
        double t0, double t1, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, SaveAt saveAt, EventSolution? solution = null)
    {
        EventValidation.RequireFinite(t0, nameof(t0));
        EventValidation.RequireFinite(t1, nameof(t1));
        ArgumentNullException.ThrowIfNull(saveAt);
        EventValidation.RequireShapes<TModel>(initialState, parameters);
        int n = TModel.StateCount;
        ReadOnlySpan<double> times = saveAt.OutputTimes;
        EventValidation.RequireInSpan(times, t0, t1, nameof(saveAt));
        parameters.CopyTo(_parameters);
        solution ??= new EventSolution();
        solution.Begin(n);
        Solution trajectory = solution.Trajectory;
        trajectory.Begin(n, t0, t1, saveAt.IsDense);
        bool savesSteps = saveAt.SavesSteps;
        if (savesSteps)
        {
            trajectory.Add(t0, initialState);
        }

        int next = 0;
        while (next < times.Length && times[next] == t0)
        {
            trajectory.Add(t0, initialState);
            next++;
        }

        RungeKuttaStepper stepper = _driver.Stepper;
        ContinuousExtension? extension = stepper.Extension;
        DenseTrajectory? dense = trajectory.Dense;
        dense?.Begin(n, extension is null ? DenseForm.CubicHermite : DenseForm.ContinuousExtension, extension, extension?.StageCount ?? 2, initialState);
        var system = new ModelSystem<TModel>(_parameters);
        stepper.ResetStatistics();
        _driver.Start(t0, t1, initialState, _parameters);
        double direction = t1 < t0 ? -1.0 : 1.0;
        double horizon = Math.Abs(t1 - t0);
        SolutionStatus status = SolutionStatus.Completed;
        while (stepper.Time != t1)
        {
            int fired = _driver.Step(ref system, t1, horizon, _parameters);
            if (fired != EventDriver<TModel>.NotStepped)
            {
                if (dense is not null)
                {
                    Span<double> rows = dense.AddStep(stepper.PreviousTime, stepper.LastStep, stepper.Time, stepper.State);
                    if (extension is not null)
                    {
                        stepper.Stages.CopyTo(rows);
                    }
                    else
                    {
                        stepper.Stages[..n].CopyTo(rows);
                        stepper.CurrentDerivative(ref system).CopyTo(rows[n..]);
                    }
                }

                if (savesSteps)
                {
                    trajectory.Add(stepper.Time, stepper.State);
                }
            }
            else if (stepper.LastStep != 0.0)
            {
                dense?.MoveLastEnd(stepper.Time);
                if (savesSteps)
                {
                    trajectory.MoveLastTime(stepper.Time);
                }
            }

            // Output times up to here (up to the event time after an event: the state before its jump).
            while (next < times.Length && direction * (times[next] - stepper.Time) <= 0.0)
            {
                Span<double> destination = trajectory.AddSlot(times[next]);
                if (times[next] == stepper.Time || stepper.LastStep == 0.0)
                {
                    stepper.State.CopyTo(destination);
                }
                else
                {
                    stepper.Interpolate(ref system, times[next], destination);
                }

                next++;
            }

            if (fired < 0)
            {
                continue;
            }

            EventInfo info = TModel.Events[fired];
            Span<double> after = solution.Add(stepper.Time, fired, stepper.State);
            TModel.ApplyJump(fired, stepper.Time, stepper.State, _parameters, after);
            if (info.HasJump)
            {
                after.CopyTo(stepper.State);
                if (savesSteps)
                {
                    trajectory.Add(stepper.Time, after);
                }

                if (dense is not null && !info.Terminal)
                {
                    // A step of length zero carries the new state: the next step starts from it, and evaluating at the
                    // event time still finds the step before (the state before the jump).
                    dense.AddStep(stepper.Time, 0.0, stepper.Time, after).Clear();
                }
            }

            if (info.Terminal)
            {
                solution.Terminate(fired);
                status = SolutionStatus.TerminatedByEvent;
                _driver.AfterEvent(fired, jumped: false, _parameters);
                break;
            }

            _driver.AfterEvent(fired, info.HasJump, _parameters);
        }

        trajectory.Finish(status, stepper.Time, stepper.Statistics);
        return solution;
    }
}
