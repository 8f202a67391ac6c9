using System;

namespace NeuralOdeGen;

/// <summary>Forward solves and the loss only (no gradient): what <see cref="OdeProblem{TModel}.EvaluateLoss"/> runs.</summary>
internal sealed class ForwardOnly : ISensitivityMethod
{
    public string Name => "Loss only";

    public bool ProvidesSensitivities => false;

    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel> => new Workspace<TModel>(solver, loss);

    private sealed class Workspace<TModel> : SensitivityWorkspace<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RungeKuttaStepper _stepper;

        public Workspace(OdeSolver solver, ILoss loss)
            : base(solver, loss) => _stepper = new RungeKuttaStepper(solver, TModel.StateCount);

        public override double ComputeSample(
            int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities)
        {
            int n = TModel.StateCount;
            parameters.CopyTo(Parameters);
            var system = new ModelSystem<TModel>(Parameters);
            ReadOnlySpan<double> times = Loss.ObservationTimes;
            _stepper.ResetStatistics();
            _stepper.Reset(0.0, initialState);
            double loss = 0.0;
            for (int k = 0; k < times.Length; k++)
            {
                _stepper.AdvanceTo(ref system, times[k], Horizon, record: null);
                loss += Loss.Evaluate(sample, k, _stepper.State, LossGradients.AsSpan(k * n, n));
            }

            _stepper.State.CopyTo(terminalState);
            Statistics += _stepper.Statistics;
            return loss;
        }
    }
}
