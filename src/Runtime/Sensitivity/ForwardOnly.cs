using System;

namespace NeuralOdeGen;

/// <summary>Forward solves and the loss only (no gradient): what <see cref="OdeProblem{TModel}.EvaluateLoss(System.ReadOnlySpan{double})"/> runs, with any solver.</summary>
internal sealed class ForwardOnly : ISensitivityMethod
{
    public string Name => "Loss only";

    public bool ProvidesSensitivities => false;

    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel> => new Workspace<TModel>(solver, loss);

    private sealed class Workspace<TModel> : SensitivityWorkspace<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RungeKuttaStepper? _stepper;
        private readonly ImplicitStepper? _implicitStepper;

        public Workspace(OdeSolver solver, ILoss loss)
            : base(solver, loss, acceptsImplicitSolvers: true)
        {
            if (solver.IsImplicit)
            {
                _implicitStepper = ImplicitStepper.Create(solver, ImplicitLayout.Plain(TModel.StateCount));
            }
            else
            {
                _stepper = new RungeKuttaStepper(solver, TModel.StateCount);
            }
        }

        public override double ComputeSample(
            int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities)
        {
            int n = TModel.StateCount;
            parameters.CopyTo(Parameters);
            var system = new ModelSystem<TModel>(Parameters);
            ReadOnlySpan<double> times = Loss.ObservationTimes;
            double loss = 0.0;
            if (_implicitStepper is { } implicitStepper)
            {
                implicitStepper.ResetStatistics();
                implicitStepper.Reset(StartTime, initialState);
                for (int k = 0; k < times.Length; k++)
                {
                    implicitStepper.AdvanceTo(ref system, times[k], Span);
                    loss += Loss.Evaluate(sample, k, implicitStepper.State, LossGradients.AsSpan(k * n, n));
                }

                implicitStepper.State.CopyTo(terminalState);
                Statistics += implicitStepper.Statistics;
                return loss;
            }

            RungeKuttaStepper stepper = _stepper!;
            stepper.ResetStatistics();
            stepper.Reset(StartTime, initialState);
            for (int k = 0; k < times.Length; k++)
            {
                stepper.AdvanceTo(ref system, times[k], Span, record: null);
                loss += Loss.Evaluate(sample, k, stepper.State, LossGradients.AsSpan(k * n, n));
            }

            stepper.State.CopyTo(terminalState);
            Statistics += stepper.Statistics;
            return loss;
        }
    }
}
