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
    /// <inheritdoc/>
    public string Name => "Discrete adjoint";

    /// <inheritdoc/>
    public bool ProvidesSensitivities => false;

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel> => new Workspace<TModel>(solver, loss);

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

        public Workspace(OdeSolver solver, ILoss loss)
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
                    ReverseStep(point - 1, gradient);
                }
            }

            Statistics += _stepper.Statistics;
            return loss;
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
