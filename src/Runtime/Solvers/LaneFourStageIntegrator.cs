using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// Fixed-step integration with a four-stage explicit method (RK4, the 3/8 rule) of a state held in
/// <see cref="Vector256{T}"/> lanes: per lane the same operations in the same order as
/// <see cref="RungeKuttaStepper"/>'s four-stage loop, so the same bits, while four samples share each
/// instruction and the independent groups overlap their dependency chains.
/// </summary>
internal sealed class LaneFourStageIntegrator
{
    private readonly OdeSolver _solver;
    private readonly double _a10;
    private readonly double _a20;
    private readonly double _a21;
    private readonly double _a30;
    private readonly double _a31;
    private readonly double _a32;
    private readonly double _b0;
    private readonly double _b1;
    private readonly double _b2;
    private readonly double _b3;
    private readonly double _c1;
    private readonly double _c2;
    private readonly double _c3;
    private readonly AlignedVectors _stages;
    private readonly AlignedVectors _stageStates;

    public LaneFourStageIntegrator(OdeSolver solver, int maxWidth)
    {
        if (!Supports(solver))
        {
            throw new ArgumentException($"{solver} is not a fixed-step four-stage method.", nameof(solver));
        }

        _solver = solver;
        ReadOnlySpan<double> a = solver.Tableau.A;
        ReadOnlySpan<double> b = solver.Tableau.B;
        ReadOnlySpan<double> c = solver.Tableau.C;
        (_a10, _a20, _a21, _a30, _a31, _a32) = (a[4], a[8], a[9], a[12], a[13], a[14]);
        (_b0, _b1, _b2, _b3) = (b[0], b[1], b[2], b[3]);
        (_c1, _c2, _c3) = (c[1], c[2], c[3]);
        MaxWidth = maxWidth;
        _stages = new AlignedVectors(4 * maxWidth, LanePageOffsets.Stages);
        _stageStates = new AlignedVectors(3 * maxWidth, LanePageOffsets.StageStates);
    }

    /// <summary>Gets the largest number of vectors an integrated state may have.</summary>
    public int MaxWidth { get; }

    /// <summary>Gets a value indicating whether <paramref name="solver"/> is a fixed-step four-stage method without FSAL.</summary>
    public static bool Supports(OdeSolver solver) =>
        !solver.IsAdaptive && solver.Tableau.StageCount == 4 && !solver.Tableau.IsFirstSameAsLast;

    /// <summary>Gets the number of steps the solver's grid takes from <paramref name="start"/> to <paramref name="stop"/>.</summary>
    public int StepCount(double start, double stop, double horizon) => _solver.StepsFor(Math.Abs(stop - start), horizon);

    /// <summary>
    /// Integrates <paramref name="state"/> in place from <paramref name="start"/> to <paramref name="stop"/> on the solver's
    /// fixed grid and returns the number of steps (four evaluations each). When <paramref name="stageRecord"/> is not empty it
    /// receives, per step, the stage states <c>Y_0 … Y_3</c> (<c>4 × state.Length</c> vectors per step). The state is not
    /// checked: a non-finite value stays non-finite through every later step, so callers check the result once.
    /// </summary>
    public int Integrate<TSystem>(ref TSystem system, double start, double stop, double horizon, Span<Vector256<double>> state, Span<Vector256<double>> stageRecord)
        where TSystem : struct, ILaneSystem
    {
        int width = state.Length;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxWidth, nameof(state));
        int count = StepCount(start, stop, horizon);
        double h = (stop - start) / count;

        // The scalar loop computes h·a·k as (h·a)·k: the products are formed once here, rounded the same way.
        double ha10 = h * _a10;
        double ha20 = h * _a20;
        double ha21 = h * _a21;
        double ha30 = h * _a30;
        double ha31 = h * _a31;
        double ha32 = h * _a32;
        double hb0 = h * _b0;
        double hb1 = h * _b1;
        double hb2 = h * _b2;
        double hb3 = h * _b3;
        Span<Vector256<double>> x = state[..width];
        Span<Vector256<double>> stages = _stages.Span;
        Span<Vector256<double>> k1 = stages[..width];
        Span<Vector256<double>> k2 = stages.Slice(width, width);
        Span<Vector256<double>> k3 = stages.Slice(2 * width, width);
        Span<Vector256<double>> k4 = stages.Slice(3 * width, width);
        bool recording = !stageRecord.IsEmpty;
        double t = start;
        for (int step = 1; step <= count; step++)
        {
            Span<Vector256<double>> y1;
            Span<Vector256<double>> y2;
            Span<Vector256<double>> y3;
            if (recording)
            {
                Span<Vector256<double>> recorded = stageRecord.Slice((step - 1) * 4 * width, 4 * width);
                x.CopyTo(recorded);
                y1 = recorded.Slice(width, width);
                y2 = recorded.Slice(2 * width, width);
                y3 = recorded.Slice(3 * width, width);
            }
            else
            {
                Span<Vector256<double>> stageStates = _stageStates.Span;
                y1 = stageStates[..width];
                y2 = stageStates.Slice(width, width);
                y3 = stageStates.Slice(2 * width, width);
            }

            system.Evaluate(t, x, k1);
            LaneCombination.Add(x, ha10, k1, y1);
            system.Evaluate(t + (_c1 * h), y1, k2);
            LaneCombination.Add(x, ha20, k1, ha21, k2, y2);
            system.Evaluate(t + (_c2 * h), y2, k3);
            LaneCombination.Add(x, ha30, k1, ha31, k2, ha32, k3, y3);
            system.Evaluate(t + (_c3 * h), y3, k4);
            LaneCombination.Add(x, hb0, k1, hb1, k2, hb2, k3, hb3, k4, x);
            t = step == count ? stop : start + (step * h);
        }

        return count;
    }

    /// <summary>Gets a value indicating whether every lane of every vector is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<Vector256<double>> values)
    {
        // x − x is 0 for finite x and NaN for ±∞ and NaN; NaN ≠ NaN.
        Vector256<double> accumulated = Vector256<double>.Zero;
        for (int i = 0; i < values.Length; i++)
        {
            accumulated += values[i] - values[i];
        }

        return Vector256.EqualsAll(accumulated, Vector256<double>.Zero);
    }
}
