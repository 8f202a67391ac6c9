using System;

namespace NeuralOdeGen;

/// <summary>
/// Reverse-mode differentiation through the forward solver's own Runge–Kutta stages: the exact gradient of
/// the discretised loss (to rounding). Stores the stage states <c>Y_i</c> of every accepted step on the way
/// forward (memory: steps × stages × n per sample) and pulls λ back through them with vector–Jacobian products. For adaptive solvers the accepted step sequence is held fixed (the dependence of
/// the step sizes on θ is not differentiated, as in every practical discrete adjoint).
/// </summary>
public sealed class DiscreteAdjoint : ISensitivityMethod
{
    // Samples solved together by fixed-step four-stage solves of a terminal loss (see LaneModelSystem).
    private const int Lanes = 8;

    private readonly bool _useLanes;

    /// <summary>Creates the method.</summary>
    public DiscreteAdjoint()
        : this(useLanes: true)
    {
    }

    /// <summary>Creates the method, optionally without solving samples in groups (for the tests that compare both).</summary>
    internal DiscreteAdjoint(bool useLanes) => _useLanes = useLanes;

    /// <inheritdoc/>
    public string Name => "Discrete adjoint";

    /// <inheritdoc/>
    public bool ProvidesSensitivities => false;

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel> => new Workspace<TModel>(solver, loss, _useLanes);

    private sealed class Workspace<TModel> : SensitivityWorkspace<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RungeKuttaStepper _stepper;
        private readonly TrajectoryRecord _record;
        private readonly int[] _observationPoints;
        private readonly double[] _a;
        private readonly double[] _b;
        private readonly double[] _c;
        private readonly int _stageCount;
        private readonly int _usedStages;
        private readonly double[] _stageAdjoints;
        private readonly double[] _rateAdjoint;
        private readonly double[] _parameterAdjoint;
        private readonly double[] _adjoint;
        private readonly double[] _sampleGradient;
        private readonly RungeKuttaStepper? _laneStepper;
        private readonly TrajectoryRecord? _laneRecord;
        private readonly double[] _laneStageAdjoints = [];
        private readonly double[] _laneRateAdjoint = [];
        private readonly double[] _laneAdjoint = [];
        private readonly double[] _laneGradients = [];
        private readonly DiscreteAdjointLanes<TModel>? _vectorLanes;

        public Workspace(OdeSolver solver, ILoss loss, bool useLanes)
            : base(solver, loss)
        {
            int n = TModel.StateCount;
            ButcherTableau tableau = solver.Tableau;
            _stepper = new RungeKuttaStepper(solver, n);
            _record = new TrajectoryRecord(n, storesDerivatives: false, stageStateCount: tableau.StageCount);
            _observationPoints = new int[loss.ObservationTimes.Length];
            _a = tableau.A.ToArray();
            _b = tableau.B.ToArray();
            _c = tableau.C.ToArray();
            _stageCount = tableau.StageCount;

            // Stages after the last nonzero weight (DP5's FSAL stage) cannot affect the propagated solution.
            _usedStages = _stageCount;
            while (_usedStages > 1 && _b[_usedStages - 1] == 0.0)
            {
                _usedStages--;
            }

            _stageAdjoints = new double[_stageCount * n];
            _rateAdjoint = new double[n];
            _parameterAdjoint = new double[TModel.ParameterCount];
            _adjoint = new double[n];
            _sampleGradient = new double[TModel.ParameterCount];
            if (useLanes && IsFourStage && VectorLanes.AppliesTo<TModel>(solver, loss))
            {
                _vectorLanes = new DiscreteAdjointLanes<TModel>(solver, loss.ObservationTimes[^1]);
            }
            else if (useLanes && !solver.IsAdaptive && IsFourStage && loss.ObservationTimes.Length == 1)
            {
                _laneStepper = new RungeKuttaStepper(solver, Lanes * n);
                _laneRecord = new TrajectoryRecord(Lanes * n, storesDerivatives: false, stageStateCount: 4);
                _laneStageAdjoints = new double[4 * Lanes * n];
                _laneRateAdjoint = new double[Lanes * n];
                _laneAdjoint = new double[Lanes * n];
                _laneGradients = new double[Lanes * TModel.ParameterCount];
            }
        }

        private bool IsFourStage => _stageCount == 4 && _usedStages == 4;

        internal override bool FillsPartialGroups => _vectorLanes is not null;

        internal override int LaneCount => _vectorLanes is not null ? VectorLanes.SamplesPerGroup : _laneStepper is null ? 1 : Lanes;

        internal override void ComputeLanes(
            int firstSample, ReadOnlySpan<double> initialStates, ReadOnlySpan<double> parameters, ref double loss, Span<double> gradient, Span<double> terminalStates)
        {
            if (_vectorLanes is not null)
            {
                ComputeVectorLanes(_vectorLanes, firstSample, initialStates, parameters, ref loss, gradient, terminalStates);
                return;
            }

            RungeKuttaStepper stepper = _laneStepper!;
            TrajectoryRecord record = _laneRecord!;
            int n = TModel.StateCount;
            int m = TModel.ParameterCount;
            parameters.CopyTo(Parameters);
            double horizon = Horizon;
            var system = new LaneModelSystem<TModel>(Parameters);

            stepper.ResetStatistics();
            stepper.Reset(0.0, initialStates);
            record.Clear();
            record.Add(0.0, 0.0, initialStates);
            stepper.AdvanceTo(ref system, horizon, horizon, record);

            // Everything that can fail has run before the first change to the caller's sums.
            ReadOnlySpan<double> states = stepper.State;
            Span<double> lossTerms = stackalloc double[Lanes];
            Span<double> adjoint = _laneAdjoint;
            for (int lane = 0; lane < Lanes; lane++)
            {
                lossTerms[lane] = Loss.Evaluate(firstSample + lane, 0, states.Slice(lane * n, n), adjoint.Slice(lane * n, n));
            }

            states.CopyTo(terminalStates);
            _laneGradients.AsSpan().Clear();
            for (int point = record.Count - 1; point > 0; point--)
            {
                ReverseStepFourStage(record, point - 1, Lanes, _laneStageAdjoints, _laneRateAdjoint, _laneAdjoint, _laneGradients);
            }

            for (int lane = 0; lane < Lanes; lane++)
            {
                loss += lossTerms[lane];
                ReadOnlySpan<double> laneGradient = _laneGradients.AsSpan(lane * m, m);
                for (int k = 0; k < m; k++)
                {
                    gradient[k] += laneGradient[k];
                }
            }

            // Per-sample work, as if the lanes had been solved one by one.
            SolverStatistics work = stepper.Statistics;
            for (int lane = 0; lane < Lanes; lane++)
            {
                Statistics += work;
            }
        }

        public override double ComputeSample(
            int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities)
        {
            int n = TModel.StateCount;
            parameters.CopyTo(Parameters);
            var system = new ModelSystem<TModel>(Parameters);
            ReadOnlySpan<double> times = Loss.ObservationTimes;
            double horizon = Horizon;

            _stepper.ResetStatistics();
            _stepper.Reset(0.0, initialState);
            _record.Clear();
            _record.Add(0.0, 0.0, initialState);
            double loss = 0.0;
            for (int k = 0; k < times.Length; k++)
            {
                _stepper.AdvanceTo(ref system, times[k], horizon, _record);
                loss += Loss.Evaluate(sample, k, _stepper.State, LossGradients.AsSpan(k * n, n));
                _observationPoints[k] = _record.Count - 1;
            }

            _stepper.State.CopyTo(terminalState);

            Span<double> adjoint = _adjoint;
            adjoint.Clear();
            Span<double> sampleGradient = _sampleGradient;
            sampleGradient.Clear();
            int observation = times.Length - 1;
            for (int point = _record.Count - 1; point >= 0; point--)
            {
                while (observation >= 0 && _observationPoints[observation] == point)
                {
                    ReadOnlySpan<double> jump = LossGradients.AsSpan(observation * n, n);
                    for (int i = 0; i < n; i++)
                    {
                        adjoint[i] += jump[i];
                    }

                    observation--;
                }

                if (point > 0)
                {
                    if (IsFourStage)
                    {
                        ReverseStepFourStage(_record, point - 1, 1, _stageAdjoints, _rateAdjoint, _adjoint, _sampleGradient);
                    }
                    else
                    {
                        ReverseStep(point - 1, sampleGradient);
                    }
                }
            }

            // A sample's gradient is summed on its own before it joins the others (the grouped path does the same).
            for (int k = 0; k < sampleGradient.Length; k++)
            {
                gradient[k] += sampleGradient[k];
            }

            Statistics += _stepper.Statistics;
            return loss;
        }

        // ReverseStep for a four-stage method (RK4, the 3/8 rule) with the tableau in locals and the stage loops
        // unrolled, over `lanes` samples stacked sample-major: per component the same operations in the same order
        // as ReverseStep (zero couplings skipped alike), so the same bits. Each lane's θ-gradient goes to its own row.
        private void ReverseStepFourStage(
            TrajectoryRecord record, int point, int lanes, double[] stageAdjoints, double[] rateAdjoint, double[] adjoint, double[] gradients)
        {
            int width = lanes * TModel.StateCount;
            double t = record.Time(point);
            double h = record.StepSize(point);
            double a10 = _a[4];
            double a20 = _a[8];
            double a21 = _a[9];
            double a30 = _a[12];
            double a31 = _a[13];
            double a32 = _a[14];
            double t0 = t + (_c[0] * h);
            double t1 = t + (_c[1] * h);
            double t2 = t + (_c[2] * h);
            double t3 = t + (_c[3] * h);
            ReadOnlySpan<double> stageStates = record.StageStates(point);
            ReadOnlySpan<double> y0 = stageStates.Slice(0, width);
            ReadOnlySpan<double> y1 = stageStates.Slice(width, width);
            ReadOnlySpan<double> y2 = stageStates.Slice(2 * width, width);
            ReadOnlySpan<double> y3 = stageStates.Slice(3 * width, width);

            Span<double> lambda = adjoint.AsSpan(0, width);
            Span<double> rate = rateAdjoint.AsSpan(0, width);
            Span<double> s0 = stageAdjoints.AsSpan(0, width);
            Span<double> s1 = stageAdjoints.AsSpan(width, width);
            Span<double> s2 = stageAdjoints.AsSpan(2 * width, width);
            Span<double> s3 = stageAdjoints.AsSpan(3 * width, width);

            double b3 = _b[3];
            for (int i = 0; i < width; i++)
            {
                rate[i] = b3 * lambda[i] * h;
            }

            PullBack(t3, y3, rate, s3, lanes, gradients);

            double b2 = _b[2];
            for (int i = 0; i < width; i++)
            {
                double r = b2 * lambda[i];
                if (a32 != 0.0)
                {
                    r += a32 * s3[i];
                }

                rate[i] = r * h;
            }

            PullBack(t2, y2, rate, s2, lanes, gradients);

            double b1 = _b[1];
            for (int i = 0; i < width; i++)
            {
                double r = b1 * lambda[i];
                if (a21 != 0.0)
                {
                    r += a21 * s2[i];
                }

                if (a31 != 0.0)
                {
                    r += a31 * s3[i];
                }

                rate[i] = r * h;
            }

            PullBack(t1, y1, rate, s1, lanes, gradients);

            double b0 = _b[0];
            for (int i = 0; i < width; i++)
            {
                double r = b0 * lambda[i];
                if (a10 != 0.0)
                {
                    r += a10 * s1[i];
                }

                if (a20 != 0.0)
                {
                    r += a20 * s2[i];
                }

                if (a30 != 0.0)
                {
                    r += a30 * s3[i];
                }

                rate[i] = r * h;
            }

            PullBack(t0, y0, rate, s0, lanes, gradients);

            for (int i = 0; i < width; i++)
            {
                lambda[i] = lambda[i] + s0[i] + s1[i] + s2[i] + s3[i];
            }
        }

        // Ȳ = (∂f/∂x)ᵀ K̄ per lane, and each lane's (∂f/∂θ)ᵀ K̄ added to its gradient row.
        private void PullBack(double t, ReadOnlySpan<double> stageStates, ReadOnlySpan<double> rates, Span<double> stageAdjoints, int lanes, double[] gradients)
        {
            int n = TModel.StateCount;
            int m = TModel.ParameterCount;
            Span<double> parameterAdjoint = _parameterAdjoint.AsSpan(0, m);
            for (int lane = 0; lane < lanes; lane++)
            {
                int offset = lane * n;
                TModel.VectorJacobianProduct(
                    t, stageStates.Slice(offset, n), Parameters, rates.Slice(offset, n), stageAdjoints.Slice(offset, n), parameterAdjoint);
                AddTo(gradients.AsSpan(lane * m, m), parameterAdjoint);
            }
        }

        private static void AddTo(Span<double> sum, ReadOnlySpan<double> values)
        {
            for (int k = 0; k < values.Length; k++)
            {
                sum[k] += values[k];
            }
        }

        // Pulls λ back through the step from point i to i + 1 and adds that step's θ-gradient.
        private void ReverseStep(int point, Span<double> gradient)
        {
            int n = TModel.StateCount;
            int s = _stageCount;
            double t = _record.Time(point);
            double h = _record.StepSize(point);
            ReadOnlySpan<double> stageStates = _record.StageStates(point);

            // Reverse sweep: K̄_j = h (b_j λ + Σ_{l>j} a_lj Ȳ_l), Ȳ_j = (∂f/∂x)ᵀ K̄_j, θ̄ += (∂f/∂θ)ᵀ K̄_j.
            Span<double> rateAdjoint = _rateAdjoint;
            for (int j = _usedStages - 1; j >= 0; j--)
            {
                for (int i = 0; i < n; i++)
                {
                    rateAdjoint[i] = _b[j] * _adjoint[i];
                }

                for (int l = j + 1; l < _usedStages; l++)
                {
                    double alj = _a[(l * s) + j];
                    if (alj != 0.0)
                    {
                        ReadOnlySpan<double> stageAdjoint = _stageAdjoints.AsSpan(l * n, n);
                        for (int i = 0; i < n; i++)
                        {
                            rateAdjoint[i] += alj * stageAdjoint[i];
                        }
                    }
                }

                for (int i = 0; i < n; i++)
                {
                    rateAdjoint[i] *= h;
                }

                TModel.VectorJacobianProduct(
                    t + (_c[j] * h), stageStates.Slice(j * n, n), Parameters, rateAdjoint, _stageAdjoints.AsSpan(j * n, n), _parameterAdjoint);
                for (int k = 0; k < _parameterAdjoint.Length; k++)
                {
                    gradient[k] += _parameterAdjoint[k];
                }
            }

            for (int j = 0; j < _usedStages; j++)
            {
                ReadOnlySpan<double> stageAdjoint = _stageAdjoints.AsSpan(j * n, n);
                for (int i = 0; i < n; i++)
                {
                    _adjoint[i] += stageAdjoint[i];
                }
            }
        }
    }
}
