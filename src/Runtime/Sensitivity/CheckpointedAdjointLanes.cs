using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="CheckpointedAdjoint"/> for a group of up to <see cref="VectorLanes.SamplesPerGroup"/> samples in
/// <see cref="Vector256{T}"/> lanes with the generated lane code and a fixed-step explicit solver without its own dense
/// output, for any number of observation times. The forward solve crosses each interval between observations on the
/// solver's grid for that interval and records the group's state and <c>F</c> at every grid point (the <c>F</c> at a
/// point is also the next step's first stage, as in <see cref="RungeKuttaStepper"/>); the backward solve of <c>[λ, z]</c>
/// reads <c>x(t)</c> from that record by cubic Hermite interpolation
/// (<see cref="VectorLaneInterpolatedAdjointSystem{TModel}"/>), with each earlier observation's <c>∂ℓ/∂x</c> added to λ.
/// Per sample the same operations in the same order as the one-by-one path, so the same bits.
/// </summary>
internal sealed class CheckpointedAdjointLanes<TModel> : IVectorLaneGradient
    where TModel : struct, IOdeModel<TModel>
{
    private const int Samples = VectorLanes.SamplesPerGroup;

    private readonly RungeKuttaCoefficients _method;
    private readonly FixedStepIntegrator _backward;
    private readonly AlignedVectors _stages;
    private readonly AlignedVectors _stageStates;
    private readonly AlignedVectors _pointStates;
    private readonly AlignedVectors _pointDerivatives;
    private readonly AlignedVectors _interpolated;
    private readonly AlignedVectors _adjoint;
    private readonly AlignedVectors _jump;
    private readonly double[] _pointTimes;
    private readonly double[] _observed;
    private readonly double[] _lossGradients;
    private readonly double[] _parameterGradients;

    // Steps of the grid from the previous observation (or t0) to each observation; zero for an observation at t0.
    private readonly int[] _intervalSteps;

    /// <param name="solver">A fixed-step explicit solver without FSAL or dense output of its own (<see cref="Supports"/>).</param>
    /// <param name="startTime">The loss's start time <c>t0</c>.</param>
    /// <param name="observationTimes">The loss's observation times (validated by the workspace: monotonic away from t0).</param>
    public CheckpointedAdjointLanes(OdeSolver solver, double startTime, ReadOnlySpan<double> observationTimes)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int width = VectorLanes.VectorsPerGroup * n;
        _method = new RungeKuttaCoefficients(solver.Tableau);
        _backward = new FixedStepIntegrator(solver, VectorLanes.VectorsPerGroup * (n + m) * Vector256<double>.Count);
        int s = _method.StageCount;
        _intervalSteps = _backward.StepsPerInterval(startTime, observationTimes);
        int points = 1;
        foreach (int steps in _intervalSteps)
        {
            points += steps;
        }

        _stages = new AlignedVectors(s * width, LanePageOffsets.Stages);
        _stageStates = new AlignedVectors(s * width, LanePageOffsets.StageStates);
        _pointStates = new AlignedVectors(points * width, LanePageOffsets.State);
        _pointDerivatives = new AlignedVectors(points * width, LanePageOffsets.Rate);
        _interpolated = new AlignedVectors(width, LanePageOffsets.Adjoint);
        _adjoint = new AlignedVectors(VectorLanes.VectorsPerGroup * (n + m), LanePageOffsets.ParameterAdjoint);
        _jump = new AlignedVectors(width, LanePageOffsets.Gradient);
        _pointTimes = new double[points];
        _observed = new double[Samples * n];
        _lossGradients = new double[observationTimes.Length * Samples * n];
        _parameterGradients = new double[Samples * m];
    }

    /// <summary>
    /// Gets a value indicating whether <paramref name="solver"/> is a fixed-step explicit method without FSAL whose dense
    /// output is cubic Hermite (no continuous extension of its own).
    /// </summary>
    public static bool Supports(OdeSolver solver) => FixedStepIntegrator.Supports(solver) && solver.Tableau.ContinuousExtension is null;

    /// <inheritdoc/>
    public SolverStatistics Compute(
        ILoss loss,
        int firstSample,
        ReadOnlySpan<double> initialStates,
        double[] parameters,
        double startTime,
        double horizon,
        ref double lossSum,
        Span<double> gradient,
        Span<double> terminalStates,
        Span<double> initialStateGradients)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int samples = initialStates.Length / n;
        int count = VectorLanes.VectorsFor(samples);
        int width = n * count;
        int doubles = width * Vector256<double>.Count;
        int s = _method.StageCount;
        ReadOnlySpan<double> times = loss.ObservationTimes;
        int last = times.Length - 1;
        Span<double> observed = _observed.AsSpan(0, samples * n);
        Span<double> states = _pointStates.Doubles;
        Span<double> derivatives = _pointDerivatives.Doubles;
        Span<double> stages = _stages.Doubles[..(s * doubles)];
        Span<double> stageStates = _stageStates.Doubles[..(s * doubles)];

        // Point 0: (t0, x0, F(t0, x0)).
        VectorLanes.Load(initialStates, n, _pointStates.Span[..width]);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        _pointTimes[0] = startTime;
        system.Evaluate(startTime, states[..doubles], derivatives[..doubles]);
        Span<double> sampleLosses = stackalloc double[Samples];
        sampleLosses.Clear();
        int point = 0;
        for (int k = 0; k <= last; k++)
        {
            double from = k == 0 ? startTime : times[k - 1];
            int steps = _intervalSteps[k];
            double h = (times[k] - from) / Math.Max(steps, 1);
            for (int step = 1; step <= steps; step++)
            {
                // The step from point `point` (time from + (step − 1)·h) to the next, ending at the observation itself.
                double tEnd = step == steps ? times[k] : from + (step * h);
                derivatives.Slice(point * doubles, doubles).CopyTo(stages[..doubles]);
                RungeKuttaStep.Take(
                    ref system, _method, from + ((step - 1) * h), h, states.Slice(point * doubles, doubles), stages, stageStates, states.Slice((point + 1) * doubles, doubles));
                point++;
                _pointTimes[point] = tEnd;
                system.Evaluate(tEnd, states.Slice(point * doubles, doubles), derivatives.Slice(point * doubles, doubles));
            }

            // One check per interval: a non-finite value stays non-finite through the later steps of the interval.
            Span<double> state = states.Slice(point * doubles, doubles);
            if (!StageCombinations.AllFinite(state))
            {
                throw new OdeSolverException(OdeSolverFailure.NonFiniteState, times[k], h, []);
            }

            VectorLanes.EvaluateLoss(loss, firstSample, k, state, n, count, observed, LossGradients(k, samples * n), sampleLosses);
        }

        // [λ(t) = ∂ℓ/∂x_t, z(t) = 0] per sample, then backwards to t0 with jumps at the earlier observations.
        int adjointVectors = (n + m) * count;
        Span<Vector256<double>> adjoint = _adjoint.Span[..adjointVectors];
        Span<double> adjointDoubles = _adjoint.Doubles[..(adjointVectors * Vector256<double>.Count)];
        VectorLanes.Load(LossGradients(last, samples * n), n, adjoint[..width]);
        adjoint[width..].Clear();
        var adjointSystem = new VectorLaneInterpolatedAdjointSystem<TModel>(parameters, _pointTimes, point + 1, _pointStates, _pointDerivatives, _interpolated, width);
        double span = Math.Abs(horizon - startTime);
        long backwardSteps = 0;
        for (int k = last - 1; k >= -1; k--)
        {
            backwardSteps += _backward.IntegrateFinite(ref adjointSystem, times[k + 1], k >= 0 ? times[k] : startTime, span, adjointDoubles);

            if (k >= 0)
            {
                VectorLanes.Load(LossGradients(k, samples * n), n, _jump.Span[..width]);
                StageCombinations.AddTo(adjointDoubles[..doubles], _jump.Doubles[..doubles]);
            }
        }

        VectorLanes.Store(adjoint[width..], m, _parameterGradients.AsSpan(0, samples * m));
        if (!initialStateGradients.IsEmpty)
        {
            // λ(t0) = ∂L/∂x0 per sample.
            VectorLanes.Store(adjoint[..width], n, initialStateGradients);
        }

        VectorLanes.AddInSampleOrder(sampleLosses[..samples], _parameterGradients, m, ref lossSum, gradient);
        observed.CopyTo(terminalStates);

        // One evaluation of F at t0, then s per step each way (the forward step's last is F at its end).
        long totalSteps = point + backwardSteps;
        return new SolverStatistics(totalSteps, 0, 1 + (s * totalSteps));
    }

    private Span<double> LossGradients(int observation, int length) => _lossGradients.AsSpan(observation * Samples * TModel.StateCount, length);
}
