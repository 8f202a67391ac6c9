using System;

namespace NeuralOdeGen;

/// <summary>The solve into a <see cref="Solution"/>: saving at given times, at every step, or densely, and a step observer.</summary>
public sealed partial class OdeIntegrator<TModel>
{
    /// <summary>
    /// Solves from <paramref name="t0"/> to <paramref name="t1"/> (either direction) and saves what
    /// <paramref name="saveAt"/> asks for into <paramref name="solution"/>: the states at given times (interpolated, as the
    /// output-time overload does), the initial state and every accepted step, or densely (every step plus what
    /// <see cref="Solution.Evaluate"/> needs). With <paramref name="t1"/> = <paramref name="t0"/> no step is taken.
    /// </summary>
    /// <param name="t0">The initial time.</param>
    /// <param name="t1">The final time.</param>
    /// <param name="initialState">The state at <paramref name="t0"/> (length <c>n</c>).</param>
    /// <param name="parameters">The parameters (length <c>m</c>).</param>
    /// <param name="saveAt">What to save; its times must lie in the span and run in the solve's direction.</param>
    /// <param name="solution">The solution to fill (its buffers are reused: a warmed solve that fits allocates nothing), or <see langword="null"/> for a new one.</param>
    /// <param name="observer">Called after every accepted step; returning <see langword="false"/> ends the solve there (<see cref="SolutionStatus.StoppedByObserver"/>; times after it are not saved).</param>
    /// <returns>The filled solution.</returns>
    /// <exception cref="OdeSolverException">The solve failed; the solution keeps what was saved before, with <see cref="SolutionStatus.Incomplete"/>.</exception>
    /// <remarks>
    /// Dense output of a method interpolating by cubic Hermite needs <c>F</c> at the end of every step; the next step
    /// needs it anyway, so a dense solve costs one evaluation more than a plain one (the last step's).
    /// </remarks>
    public Solution Solve(
        double t0, double t1, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, SaveAt saveAt, Solution? solution = null, IStepObserver? observer = null)
    {
        RequireFinite(t0, nameof(t0));
        RequireFinite(t1, nameof(t1));
        ArgumentNullException.ThrowIfNull(saveAt);
        int n = TModel.StateCount;
        ValidateShapes(initialState, parameters, n, n, nameof(initialState));
        RequireInSpan(saveAt.OutputTimes, t0, t1);
        solution ??= new Solution();
        solution.Begin(n, t0, t1, saveAt.IsDense);
        if (saveAt.SavesSteps)
        {
            solution.Add(t0, initialState);
        }

        ReadOnlySpan<double> times = saveAt.OutputTimes;
        int next = 0;
        while (next < times.Length && times[next] == t0)
        {
            solution.Add(t0, initialState);
            next++;
        }

        var system = new ModelSystem<TModel>(_parameters);
        if (_implicitStepper is not null)
        {
            ImplicitStepper implicitStepper = _implicitStepper;
            solution.Dense?.Begin(
                n, implicitStepper.DenseRowCount > 0 ? DenseForm.Rosenbrock : DenseForm.CubicHermite, null,
                implicitStepper.DenseRowCount > 0 ? implicitStepper.DenseRowCount : 2, initialState);
            implicitStepper.ResetStatistics();
            implicitStepper.Reset(t0, initialState);
            SolveImplicitInto(ref system, implicitStepper, t0, t1, times, next, saveAt.SavesSteps, solution, observer);
            return solution;
        }

        RungeKuttaStepper stepper = _stepper!;
        ContinuousExtension? extension = stepper.Extension;
        solution.Dense?.Begin(
            n, extension is null ? DenseForm.CubicHermite : DenseForm.ContinuousExtension, extension, extension?.StageCount ?? 2, initialState);
        stepper.ResetStatistics();
        stepper.Reset(t0, initialState);
        try
        {
            SolveExplicitInto(ref system, stepper, t0, t1, times, next, saveAt.SavesSteps, solution, observer);
        }
        catch (OdeSolverException failure) when (IsDiagnosable(failure))
        {
            throw StiffnessDetector.Diagnose<TModel>(failure, _parameters, t1 - t0) ?? failure;
        }

        return solution;
    }

    // The loop of SolveExplicit (same steps, same interpolation at the output times), plus the step record and the observer.
    private void SolveExplicitInto(
        ref ModelSystem<TModel> system, RungeKuttaStepper stepper, double t0, double t1, ReadOnlySpan<double> times, int next, bool savesSteps, Solution solution, IStepObserver? observer)
    {
        int n = TModel.StateCount;
        double direction = t1 < t0 ? -1.0 : 1.0;
        int count = Solver.IsAdaptive || t1 == t0 ? 0 : Solver.StepsFor(Math.Abs(t1 - t0), Math.Abs(t1 - t0));
        double h = Solver.IsAdaptive || t1 == t0 ? 0.0 : (t1 - t0) / count;
        DenseTrajectory? dense = solution.Dense;
        SolutionStatus status = SolutionStatus.Completed;
        int step = 0;
        while (stepper.Time != t1)
        {
            bool stepped = true;
            if (Solver.IsAdaptive)
            {
                stepped = stepper.AdaptiveStep(ref system, t1);
            }
            else
            {
                step++;
                stepper.FixedStep(ref system, h, step == count ? t1 : t0 + (step * h));
            }

            if (stepped)
            {
                if (dense is not null)
                {
                    Span<double> rows = dense.AddStep(stepper.PreviousTime, stepper.LastStep, stepper.Time, stepper.State);
                    if (stepper.Extension is not null)
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
                    solution.Add(stepper.Time, stepper.State);
                }
            }
            else if (stepper.LastStep != 0.0)
            {
                // The solver reached a time closer than floating point resolves without a step: the last step ends there.
                dense?.MoveLastEnd(stepper.Time);
                if (savesSteps)
                {
                    solution.MoveLastTime(stepper.Time);
                }
            }

            while (next < times.Length && direction * (times[next] - stepper.Time) <= 0.0)
            {
                Span<double> destination = solution.AddSlot(times[next]);
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

            if (stepped && observer is not null && !observer.AfterStep(stepper.Time, stepper.LastStep, stepper.State))
            {
                status = SolutionStatus.StoppedByObserver;
                break;
            }
        }

        solution.Finish(status, stepper.Time, stepper.Statistics);
    }

    // SolveExplicitInto for the implicit steppers (Rosenbrock's own dense output, cubic Hermite for ESDIRK).
    private void SolveImplicitInto(
        ref ModelSystem<TModel> system, ImplicitStepper stepper, double t0, double t1, ReadOnlySpan<double> times, int next, bool savesSteps, Solution solution, IStepObserver? observer)
    {
        int n = TModel.StateCount;
        double direction = t1 < t0 ? -1.0 : 1.0;
        int count = Solver.IsAdaptive || t1 == t0 ? 0 : Solver.StepsFor(Math.Abs(t1 - t0), Math.Abs(t1 - t0));
        double h = Solver.IsAdaptive || t1 == t0 ? 0.0 : (t1 - t0) / count;
        DenseTrajectory? dense = solution.Dense;
        SolutionStatus status = SolutionStatus.Completed;
        int step = 0;
        while (stepper.Time != t1)
        {
            bool stepped = true;
            if (Solver.IsAdaptive)
            {
                stepped = stepper.AdaptiveStep(ref system, t1);
            }
            else
            {
                step++;
                stepper.FixedStep(ref system, h, step == count ? t1 : t0 + (step * h));
            }

            if (stepped)
            {
                if (dense is not null)
                {
                    Span<double> rows = dense.AddStep(stepper.PreviousTime, stepper.LastStep, stepper.Time, stepper.State);
                    if (stepper.DenseRowCount > 0)
                    {
                        stepper.WriteDenseRows(rows);
                    }
                    else
                    {
                        stepper.StepStartDerivative.CopyTo(rows);
                        stepper.CurrentDerivative(ref system).CopyTo(rows[n..]);
                    }
                }

                if (savesSteps)
                {
                    solution.Add(stepper.Time, stepper.State);
                }
            }
            else if (stepper.LastStep != 0.0)
            {
                dense?.MoveLastEnd(stepper.Time);
                if (savesSteps)
                {
                    solution.MoveLastTime(stepper.Time);
                }
            }

            while (next < times.Length && direction * (times[next] - stepper.Time) <= 0.0)
            {
                Span<double> destination = solution.AddSlot(times[next]);
                if (times[next] == stepper.Time || stepper.LastStep == 0.0)
                {
                    stepper.State.CopyTo(destination);
                }
                else
                {
                    stepper.Interpolate(times[next], destination);
                }

                next++;
            }

            if (stepped && observer is not null && !observer.AfterStep(stepper.Time, stepper.LastStep, stepper.State))
            {
                status = SolutionStatus.StoppedByObserver;
                break;
            }
        }

        solution.Finish(status, stepper.Time, stepper.Statistics);
    }

    // The times to save at lie in [t0, t1] (or [t1, t0]) and run in the solve's direction.
    private static void RequireInSpan(ReadOnlySpan<double> times, double t0, double t1)
    {
        double direction = t1 < t0 ? -1.0 : 1.0;
        for (int k = 0; k < times.Length; k++)
        {
            bool inside = direction * (times[k] - t0) >= 0.0 && direction * (t1 - times[k]) >= 0.0;
            bool ordered = k == 0 || direction * (times[k] - times[k - 1]) > 0.0;
            if (!inside || !ordered)
            {
                throw new ArgumentException(
                    $"saveAt's times[{k}] = {times[k]} must lie between t0 = {t0} and t1 = {t1}, the times running {(direction > 0 ? "forwards (increasing)" : "backwards (decreasing)")} as the solve does.",
                    "saveAt");
            }
        }
    }
}
