using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// Fixed-step integration of a block of doubles — samples in vector lanes, laid out by the caller — with any explicit
/// method without FSAL, through <see cref="RungeKuttaStep"/>: per sample the same operations in the same order as
/// <see cref="RungeKuttaStepper"/>'s fixed steps, so the same bits, while many samples share each instruction and the
/// independent vectors overlap their dependency chains.
/// </summary>
internal sealed class FixedStepIntegrator
{
    private readonly OdeSolver _solver;
    private readonly AlignedVectors _stages;
    private readonly AlignedVectors _stageStates;

    /// <param name="solver">A fixed-step explicit method without FSAL (<see cref="Supports"/>).</param>
    /// <param name="maxWidth">The largest number of doubles an integrated state may have.</param>
    public FixedStepIntegrator(OdeSolver solver, int maxWidth)
    {
        if (!Supports(solver))
        {
            throw new ArgumentException($"{solver} is not a fixed-step explicit method without FSAL.", nameof(solver));
        }

        _solver = solver;
        Method = new RungeKuttaCoefficients(solver.Tableau);
        MaxWidth = maxWidth;
        int vectors = (maxWidth + Vector256<double>.Count - 1) / Vector256<double>.Count;
        _stages = new AlignedVectors(Method.StageCount * vectors, LanePageOffsets.Stages);
        _stageStates = new AlignedVectors(Method.StageCount * vectors, LanePageOffsets.StageStates);
    }

    /// <summary>Gets the method's coefficients.</summary>
    public RungeKuttaCoefficients Method { get; }

    /// <summary>Gets the largest number of doubles an integrated state may have.</summary>
    public int MaxWidth { get; }

    /// <summary>Gets a value indicating whether <paramref name="solver"/> is a fixed-step explicit method without FSAL.</summary>
    public static bool Supports(OdeSolver solver) =>
        solver.Family == SolverFamily.ExplicitRungeKutta && !solver.IsAdaptive && !solver.Tableau.IsFirstSameAsLast;

    /// <summary>Gets the number of steps the solver's grid takes from <paramref name="start"/> to <paramref name="stop"/>.</summary>
    public int StepCount(double start, double stop, double horizon) => _solver.StepsFor(Math.Abs(stop - start), horizon);

    /// <summary>
    /// Gets the steps of the grid from the previous observation time (or <paramref name="startTime"/>) to each observation
    /// time, zero for an observation at the start, as <see cref="RungeKuttaStepper.AdvanceTo"/> crosses them one by one.
    /// </summary>
    public int[] StepsPerInterval(double startTime, ReadOnlySpan<double> observationTimes)
    {
        double span = Math.Abs(observationTimes[^1] - startTime);
        int[] steps = new int[observationTimes.Length];
        for (int k = 0; k < observationTimes.Length; k++)
        {
            double from = k == 0 ? startTime : observationTimes[k - 1];
            steps[k] = observationTimes[k] == from ? 0 : StepCount(from, observationTimes[k], span);
        }

        return steps;
    }

    /// <summary>
    /// <see cref="Integrate"/> without a stage record from <paramref name="from"/> to <paramref name="to"/> (no step when they
    /// coincide), then one finiteness check: a non-finite value stays non-finite through the later steps of the interval.
    /// Returns the steps taken.
    /// </summary>
    /// <exception cref="OdeSolverException">The state at <paramref name="to"/> is not finite.</exception>
    public int IntegrateFinite<TSystem>(ref TSystem system, double from, double to, double horizon, Span<double> state)
        where TSystem : struct, IOdeSystem
    {
        if (to == from)
        {
            return 0;
        }

        int steps = Integrate(ref system, from, to, horizon, state, []);
        RequireFinite(state, from, to, steps);
        return steps;
    }

    /// <summary>Checks the state reached at <paramref name="to"/> after <paramref name="steps"/> steps from <paramref name="from"/>.</summary>
    /// <exception cref="OdeSolverException">The state is not finite.</exception>
    public static void RequireFinite(ReadOnlySpan<double> state, double from, double to, int steps)
    {
        if (!StageCombinations.AllFinite(state))
        {
            throw new OdeSolverException(OdeSolverFailure.NonFiniteState, to, (to - from) / steps, []);
        }
    }

    /// <summary>
    /// Integrates <paramref name="state"/> in place from <paramref name="start"/> to <paramref name="stop"/> on the solver's
    /// fixed grid and returns the number of steps (one evaluation per stage each). When <paramref name="stageRecord"/> is not
    /// empty it receives, per step, the stage states <c>Y_0 … Y_{s−1}</c> (<c>s × state.Length</c> doubles per step). The
    /// state is not checked: a non-finite value stays non-finite through every later step, so callers check the result once.
    /// </summary>
    // Never inlined: inlined into a small caller (the lane gradients' per-interval helpers) the step loop ran 11–15 %
    // slower on the paper gradient.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Integrate<TSystem>(ref TSystem system, double start, double stop, double horizon, Span<double> state, Span<double> stageRecord)
        where TSystem : struct, IOdeSystem
    {
        int width = state.Length;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxWidth, nameof(state));
        int count = StepCount(start, stop, horizon);
        double h = (stop - start) / count;
        int rows = Method.StageCount * width;
        Span<double> stages = _stages.Doubles[..rows];
        bool recording = !stageRecord.IsEmpty;
        double t = start;
        for (int step = 1; step <= count; step++)
        {
            Span<double> stageStates = recording ? stageRecord.Slice((step - 1) * rows, rows) : _stageStates.Doubles[..rows];
            if (recording)
            {
                state.CopyTo(stageStates);
            }

            system.Evaluate(t, state, stages[..width]);
            RungeKuttaStep.Take(ref system, Method, t, h, state, stages, stageStates, state);
            t = step == count ? stop : start + (step * h);
        }

        return count;
    }
}
