using System;

namespace NeuralOdeGen;

/// <summary>
/// Solves <c>dx/dt = f(t, x; p)</c> for one model with a preallocated workspace: after the first call, a solve
/// allocates nothing. Explicit solvers evaluate <c>f</c> only; implicit ones (<see cref="OdeSolver.IsImplicit"/>) also
/// the generated state Jacobian. When an explicit adaptive solve fails with a collapsing step or too many steps on a
/// problem whose Jacobian looks stiff, the <see cref="OdeSolverException"/> says so (<see cref="OdeSolverException.LooksStiff"/>).
/// Not thread-safe; use one integrator per thread.
/// </summary>
/// <typeparam name="TModel">The model (a generated struct).</typeparam>
public sealed partial class OdeIntegrator<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    private readonly RungeKuttaStepper? _stepper;
    private readonly ImplicitStepper? _implicitStepper;
    private readonly double[] _parameters;

    /// <summary>Creates an integrator and its workspace.</summary>
    /// <param name="solver">The method and its step or tolerance settings.</param>
    public OdeIntegrator(OdeSolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        Solver = solver;
        _stepper = solver.Family == SolverFamily.ExplicitRungeKutta ? new RungeKuttaStepper(solver, TModel.StateCount) : null;
        _implicitStepper = solver.Family switch
        {
            SolverFamily.Rosenbrock => new RosenbrockStepper(solver, TModel.StateCount),
            SolverFamily.Esdirk => new EsdirkStepper(solver, TModel.StateCount),
            _ => null,
        };
        _parameters = new double[TModel.ParameterCount];
    }

    /// <summary>Gets the solver settings.</summary>
    public OdeSolver Solver { get; }

    /// <summary>Gets the work done by the last solve.</summary>
    public SolverStatistics Statistics => _stepper?.Statistics ?? _implicitStepper!.Statistics;

    /// <summary>
    /// Solves from <paramref name="t0"/> to <paramref name="t1"/> (either direction) and writes the final state; with
    /// <paramref name="t1"/> = <paramref name="t0"/> that is the initial state, with no work done.
    /// </summary>
    /// <param name="t0">The initial time.</param>
    /// <param name="t1">The final time; a fixed-step solver takes exactly <see cref="OdeSolver.Steps"/> steps (or <c>⌈|t1 − t0| / StepSize⌉</c> equal steps when given a step size).</param>
    /// <param name="initialState">The state at <paramref name="t0"/> (length <c>n</c>).</param>
    /// <param name="parameters">The parameters (length <c>m</c>).</param>
    /// <param name="finalState">Receives the state at <paramref name="t1"/> (length <c>n</c>).</param>
    /// <returns>The work done.</returns>
    /// <exception cref="OdeSolverException">The solve failed; the exception says where and why.</exception>
    public SolverStatistics Solve(double t0, double t1, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> finalState)
    {
        RequireFinite(t0, nameof(t0));
        RequireFinite(t1, nameof(t1));
        ValidateShapes(initialState, parameters, finalState.Length, TModel.StateCount, nameof(finalState));
        if (t1 == t0)
        {
            // No integration (torchdiffeq's TestNoIntegration): the state at t0 is the initial state.
            initialState.CopyTo(finalState);
            ResetStatistics();
            return default;
        }

        var system = new ModelSystem<TModel>(_parameters);
        if (_implicitStepper is not null)
        {
            _implicitStepper.ResetStatistics();
            _implicitStepper.Reset(t0, initialState);
            _implicitStepper.AdvanceTo(ref system, t1, Math.Abs(t1 - t0));
            _implicitStepper.State.CopyTo(finalState);
            return _implicitStepper.Statistics;
        }

        RungeKuttaStepper stepper = _stepper!;
        stepper.ResetStatistics();
        stepper.Reset(t0, initialState);
        try
        {
            stepper.AdvanceTo(ref system, t1, Math.Abs(t1 - t0), record: null);
        }
        catch (OdeSolverException failure) when (IsDiagnosable(failure))
        {
            throw StiffnessDetector.Diagnose<TModel>(failure, _parameters, t1 - t0) ?? failure;
        }

        stepper.State.CopyTo(finalState);
        return stepper.Statistics;
    }

    /// <summary>
    /// Solves from <paramref name="t0"/> and writes the state at each output time using dense output over the accepted
    /// steps (the method's own interpolant where it has one — <see cref="ButcherTableau.ContinuousExtension"/>, Rodas' —, cubic Hermite for the other methods), without forcing steps
    /// onto the output times. The output times run forwards (increasing, ≥ <paramref name="t0"/>) or backwards
    /// (decreasing, ≤ <paramref name="t0"/>); outputs at <paramref name="t0"/> itself are the initial state, and when
    /// every output time is <paramref name="t0"/> nothing is integrated.
    /// </summary>
    /// <param name="t0">The initial time.</param>
    /// <param name="outputTimes">Strictly monotonic times on one side of <paramref name="t0"/> (the first may equal it).</param>
    /// <param name="initialState">The state at <paramref name="t0"/> (length <c>n</c>).</param>
    /// <param name="parameters">The parameters (length <c>m</c>).</param>
    /// <param name="outputs">Receives the states, row-major (output count × <c>n</c>).</param>
    /// <returns>The work done.</returns>
    /// <exception cref="OdeSolverException">The solve failed; the exception says where and why.</exception>
    public SolverStatistics Solve(double t0, ReadOnlySpan<double> outputTimes, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> outputs)
    {
        RequireFinite(t0, nameof(t0));
        int n = TModel.StateCount;
        if (outputTimes.IsEmpty)
        {
            throw new ArgumentException("At least one output time is needed; outputTimes is empty.", nameof(outputTimes));
        }

        // The direction is the last output time's side of t0; every time must lie on that side, strictly monotonic.
        double tEnd = outputTimes[^1];
        double direction = tEnd < t0 ? -1.0 : 1.0;
        for (int k = 0; k < outputTimes.Length; k++)
        {
            double previous = k == 0 ? t0 : outputTimes[k - 1];
            double advance = direction * (outputTimes[k] - previous);
            if (!double.IsFinite(outputTimes[k]) || advance < 0.0 || (k > 0 && advance == 0.0))
            {
                throw new ArgumentException(
                    $"outputTimes[{k}] = {outputTimes[k]} must be finite and {(direction > 0 ? "≥" : "≤")} t0 = {t0}, the times strictly {(direction > 0 ? "increasing" : "decreasing")} (the last one sets the direction).",
                    nameof(outputTimes));
            }
        }

        ValidateShapes(initialState, parameters, outputs.Length, outputTimes.Length * n, nameof(outputs));
        var system = new ModelSystem<TModel>(_parameters);
        int next = 0;
        while (next < outputTimes.Length && outputTimes[next] == t0)
        {
            initialState.CopyTo(outputs.Slice(next * n, n));
            next++;
        }

        if (next == outputTimes.Length)
        {
            // Every output is at t0 (torchdiffeq's TestNoIntegration): no step is taken.
            ResetStatistics();
            return default;
        }

        if (_implicitStepper is not null)
        {
            _implicitStepper.ResetStatistics();
            _implicitStepper.Reset(t0, initialState);
            SolveImplicit(ref system, _implicitStepper, t0, outputTimes, next, outputs);
            return _implicitStepper.Statistics;
        }

        RungeKuttaStepper stepper = _stepper!;
        stepper.ResetStatistics();
        stepper.Reset(t0, initialState);
        try
        {
            SolveExplicit(ref system, stepper, t0, outputTimes, next, outputs);
        }
        catch (OdeSolverException failure) when (IsDiagnosable(failure))
        {
            throw StiffnessDetector.Diagnose<TModel>(failure, _parameters, tEnd - t0) ?? failure;
        }

        return stepper.Statistics;
    }

    private void SolveExplicit(ref ModelSystem<TModel> system, RungeKuttaStepper stepper, double t0, ReadOnlySpan<double> outputTimes, int next, Span<double> outputs)
    {
        int n = TModel.StateCount;
        double tEnd = outputTimes[^1];
        double direction = tEnd < t0 ? -1.0 : 1.0;
        int count = Solver.IsAdaptive ? 0 : Solver.StepsFor(Math.Abs(tEnd - t0), Math.Abs(tEnd - t0));
        double h = Solver.IsAdaptive ? 0.0 : (tEnd - t0) / count;
        int step = 0;
        while (next < outputTimes.Length)
        {
            if (Solver.IsAdaptive)
            {
                stepper.AdaptiveStep(ref system, tEnd);
            }
            else
            {
                step++;
                stepper.FixedStep(ref system, h, step == count ? tEnd : t0 + (step * h));
            }

            while (next < outputTimes.Length && direction * (outputTimes[next] - stepper.Time) <= 0.0)
            {
                Span<double> destination = outputs.Slice(next * n, n);
                if (outputTimes[next] == stepper.Time || stepper.LastStep == 0.0)
                {
                    stepper.State.CopyTo(destination);
                }
                else
                {
                    stepper.Interpolate(ref system, outputTimes[next], destination);
                }

                next++;
            }
        }
    }

    private void SolveImplicit(ref ModelSystem<TModel> system, ImplicitStepper stepper, double t0, ReadOnlySpan<double> outputTimes, int next, Span<double> outputs)
    {
        int n = TModel.StateCount;
        double tEnd = outputTimes[^1];
        double direction = tEnd < t0 ? -1.0 : 1.0;
        int count = Solver.IsAdaptive ? 0 : Solver.StepsFor(Math.Abs(tEnd - t0), Math.Abs(tEnd - t0));
        double h = Solver.IsAdaptive ? 0.0 : (tEnd - t0) / count;
        int step = 0;
        while (next < outputTimes.Length)
        {
            if (Solver.IsAdaptive)
            {
                stepper.AdaptiveStep(ref system, tEnd);
            }
            else
            {
                step++;
                stepper.FixedStep(ref system, h, step == count ? tEnd : t0 + (step * h));
            }

            while (next < outputTimes.Length && direction * (outputTimes[next] - stepper.Time) <= 0.0)
            {
                Span<double> destination = outputs.Slice(next * n, n);
                if (outputTimes[next] == stepper.Time || stepper.LastStep == 0.0)
                {
                    stepper.State.CopyTo(destination);
                }
                else
                {
                    stepper.Interpolate(outputTimes[next], destination);
                }

                next++;
            }
        }
    }

    // The failures of an explicit solver that stiffness explains: the step collapses or the budget runs out.
    private static bool IsDiagnosable(OdeSolverException failure) =>
        failure.Reason is OdeSolverFailure.StepSizeUnderflow or OdeSolverFailure.MaxStepsExceeded or OdeSolverFailure.StepSizeBelowMinimum;

    private void ResetStatistics()
    {
        _stepper?.ResetStatistics();
        _implicitStepper?.ResetStatistics();
    }

    private void ValidateShapes(ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, int outputLength, int expectedOutputLength, string outputName)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        if (initialState.Length != n)
        {
            throw new ArgumentException($"initialState has length {initialState.Length} but {TModel.Info.Name} has {n} states.", nameof(initialState));
        }

        if (parameters.Length != m)
        {
            throw new ArgumentException($"parameters has length {parameters.Length} but {TModel.Info.Name} has {m} parameters.", nameof(parameters));
        }

        if (outputLength != expectedOutputLength)
        {
            throw new ArgumentException($"{outputName} has length {outputLength}; expected {expectedOutputLength}.", outputName);
        }

        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(initialState[i]))
            {
                throw new ArgumentException($"initialState[{i}] = {initialState[i]} is not finite.", nameof(initialState));
            }
        }

        for (int k = 0; k < m; k++)
        {
            if (!double.IsFinite(parameters[k]))
            {
                throw new ArgumentException($"parameters[{k}] = {parameters[k]} is not finite.", nameof(parameters));
            }
        }

        parameters.CopyTo(_parameters);
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite; got {value}.");
        }
    }
}
