using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// Fixed-step integration of a lane block through the model's generated fused four-stage kernels on the grid of a
/// <see cref="FixedStepIntegrator"/>: the state and the continuous adjoint's <c>[x, λ, z]</c>
/// (<see cref="IOdeModel{TSelf}.FourStageStepsLanes"/>, <see cref="IOdeModel{TSelf}.FourStageAdjointStepsLanes"/>), and the
/// discrete adjoint's recorded steps and sweep back (<see cref="IOdeModel{TSelf}.FourStageRecordedStepsLanes"/>,
/// <see cref="IOdeModel{TSelf}.FourStageReverseStepsLanes"/>); eight lanes wide where the model and the CPU allow. The same
/// steps and, per lane, the same bits as the integrator and <see cref="RungeKuttaReverseStep"/> over the lane systems,
/// with one read and one write of the state per step and vector instead of a pass over stage arrays per stage.
/// </summary>
internal sealed class FourStageLaneKernels<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    private readonly FixedStepIntegrator _grid;
    private readonly FourStageMethod _method;

    private FourStageLaneKernels(FixedStepIntegrator grid, FourStageMethod method, bool wide)
    {
        _grid = grid;
        _method = method;
        Wide = wide;
    }

    /// <summary>Gets a value indicating whether blocks with an even number of vectors per component take the eight-lane kernels.</summary>
    public bool Wide { get; }

    /// <summary>
    /// Gets the kernels for <paramref name="grid"/>'s method, or null when the model has none or the method has not four
    /// stages; the eight-lane kernels are taken when the model has them and the CPU runs <see cref="Vector512{T}"/>
    /// natively (emulated, they would be far slower than four lanes).
    /// </summary>
    public static FourStageLaneKernels<TModel>? For(FixedStepIntegrator grid, OdeSolver solver) =>
        TModel.HasFourStageLanes && grid.Method.StageCount == 4
            ? new(grid, new FourStageMethod(solver.Tableau), TModel.HasWideFourStageLanes && Vector512.IsHardwareAccelerated)
            : null;

    /// <summary>
    /// Integrates a block of states (as <see cref="IOdeModel{TSelf}.EvaluateLanes"/> lays it out) from <paramref name="from"/> to
    /// <paramref name="to"/>, no step when they coincide, then checks it; returns the steps taken.
    /// </summary>
    /// <exception cref="OdeSolverException">The state at <paramref name="to"/> is not finite.</exception>
    public int StepsFinite(double from, double to, double horizon, double[] parameters, Span<Vector256<double>> state) =>
        Finite(from, to, horizon, parameters, state, adjoint: false);

    /// <summary><see cref="StepsFinite"/> for the augmented block <c>[x, λ, z]</c> of the adjoint system.</summary>
    /// <exception cref="OdeSolverException">The augmented state at <paramref name="to"/> is not finite.</exception>
    public int AdjointStepsFinite(double from, double to, double horizon, double[] parameters, Span<Vector256<double>> augmented) =>
        Finite(from, to, horizon, parameters, augmented, adjoint: true);

    /// <summary>
    /// Gets a value indicating whether the reverse kernel applies: every stage has a weight in the solution (RK4 and the
    /// 3/8 rule), so the generic sweep runs through all four stages as the kernel does.
    /// </summary>
    public bool Reverses => _grid.Method.UsedStages == 4;

    /// <summary>
    /// Takes <paramref name="steps"/> steps from <paramref name="from"/> to <paramref name="to"/> on a block of states,
    /// writing each step's stage states into <paramref name="record"/> (<see cref="IOdeModel{TSelf}.FourStageRecordedStepsLanes"/>).
    /// The state is not checked.
    /// </summary>
    public void RecordedSteps(double from, double to, int steps, double[] parameters, Span<Vector256<double>> state, Span<Vector256<double>> record)
    {
        if (TakesWide(state.Length, TModel.StateCount))
        {
            TModel.FourStageRecordedStepsWideLanes(_method, from, to, steps, parameters, AsWide(state), AsWide(record));
        }
        else
        {
            TModel.FourStageRecordedStepsLanes(_method, from, to, steps, parameters, state, record);
        }
    }

    /// <summary>
    /// Pulls <paramref name="adjoint"/> back through <paramref name="steps"/> recorded steps from <paramref name="from"/> to
    /// <paramref name="to"/> and adds each lane's parameter part to <paramref name="gradient"/>
    /// (<see cref="IOdeModel{TSelf}.FourStageReverseStepsLanes"/>); only when <see cref="Reverses"/>.
    /// </summary>
    public void ReverseSteps(
        double from, double to, int steps, double[] parameters, Span<Vector256<double>> record, Span<Vector256<double>> adjoint, Span<Vector256<double>> gradient)
    {
        if (TakesWide(adjoint.Length, TModel.StateCount))
        {
            TModel.FourStageReverseStepsWideLanes(_method, from, to, steps, parameters, AsWide(record), AsWide(adjoint), AsWide(gradient));
        }
        else
        {
            TModel.FourStageReverseStepsLanes(_method, from, to, steps, parameters, record, adjoint, gradient);
        }
    }

    // Two consecutive vectors of a component are one eight-lane vector: the same doubles, the same operations per lane.
    private static Span<Vector512<double>> AsWide(Span<Vector256<double>> block) => MemoryMarshal.Cast<Vector256<double>, Vector512<double>>(block);

    private bool TakesWide(int length, int components) => Wide && (length / components) % 2 == 0;

    private int Finite(double from, double to, double horizon, double[] parameters, Span<Vector256<double>> block, bool adjoint)
    {
        if (to == from)
        {
            return 0;
        }

        int steps = _grid.StepCount(from, to, horizon);
        if (TakesWide(block.Length, adjoint ? (2 * TModel.StateCount) + TModel.ParameterCount : TModel.StateCount))
        {
            if (adjoint)
            {
                TModel.FourStageAdjointStepsWideLanes(_method, from, to, steps, parameters, AsWide(block));
            }
            else
            {
                TModel.FourStageStepsWideLanes(_method, from, to, steps, parameters, AsWide(block));
            }
        }
        else if (adjoint)
        {
            TModel.FourStageAdjointStepsLanes(_method, from, to, steps, parameters, block);
        }
        else
        {
            TModel.FourStageStepsLanes(_method, from, to, steps, parameters, block);
        }

        FixedStepIntegrator.RequireFinite(MemoryMarshal.Cast<Vector256<double>, double>(block), from, to, steps);
        return steps;
    }
}
