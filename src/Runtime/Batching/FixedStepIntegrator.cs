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
