using System;

namespace NeuralOdeGen;

/// <summary>
/// Paper Algorithm 1 (backsolve): after the forward solve, integrates <c>[x, λ, z]</c> backwards from the horizon
/// with <c>λ(t) = ∂L/∂x_t</c>, <c>z(t) = 0</c>, adding <c>∂ℓ/∂x(τ_k)</c> to λ at each earlier observation;
/// the gradient is <c>z(0)</c>. Memory is constant in the number of steps, but the gradient is only as accurate
/// as the backward solve, and re-integrating <c>x</c> backwards is unstable on dissipative dynamics (prefer
/// <see cref="CheckpointedAdjoint"/> or <see cref="DiscreteAdjoint"/> there).
/// </summary>
public sealed class ContinuousAdjoint : ISensitivityMethod
{
    /// <inheritdoc/>
    public string Name => "Continuous adjoint (backsolve)";

    /// <inheritdoc/>
    public bool ProvidesSensitivities => false;

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel> => new Workspace<TModel>(solver, loss);

    private sealed class Workspace<TModel> : SensitivityWorkspace<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RungeKuttaStepper _forward;
        private readonly RungeKuttaStepper _backward;
        private readonly double[] _augmented;

        public Workspace(OdeSolver solver, ILoss loss)
            : base(solver, loss)
        {
            int n = TModel.StateCount;
            _forward = new RungeKuttaStepper(solver, n);
            _backward = new RungeKuttaStepper(solver, (2 * n) + TModel.ParameterCount);
            _augmented = new double[(2 * n) + TModel.ParameterCount];
        }

        public override double ComputeSample(
            int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities)
        {
            int n = TModel.StateCount;
            parameters.CopyTo(Parameters);
            var system = new ModelSystem<TModel>(Parameters);
            ReadOnlySpan<double> times = Loss.ObservationTimes;
            double horizon = Horizon;
            int last = times.Length - 1;

            _forward.ResetStatistics();
            _forward.Reset(0.0, initialState);
            double loss = 0.0;
            for (int k = 0; k <= last; k++)
            {
                _forward.AdvanceTo(ref system, times[k], horizon, record: null);
                loss += Loss.Evaluate(sample, k, _forward.State, LossGradients.AsSpan(k * n, n));
            }

            _forward.State.CopyTo(terminalState);

            // [x(t), λ(t) = ∂ℓ/∂x_t, z(t) = 0], then backwards with jumps at the earlier observations.
            _forward.State.CopyTo(_augmented);
            LossGradients.AsSpan(last * n, n).CopyTo(_augmented.AsSpan(n, n));
            _augmented.AsSpan(2 * n).Clear();
            var adjoint = new AdjointSystem<TModel>(Parameters);
            _backward.ResetStatistics();
            _backward.Reset(horizon, _augmented);
            for (int k = last - 1; k >= -1; k--)
            {
                double stop = k >= 0 ? times[k] : 0.0;
                _backward.AdvanceTo(ref adjoint, stop, horizon, record: null);
                if (k >= 0)
                {
                    Span<double> lambda = _backward.State.Slice(n, n);
                    ReadOnlySpan<double> jump = LossGradients.AsSpan(k * n, n);
                    for (int i = 0; i < n; i++)
                    {
                        lambda[i] += jump[i];
                    }

                    _backward.InvalidateDerivative();
                }
            }

            ReadOnlySpan<double> z = _backward.State[(2 * n)..];
            for (int q = 0; q < z.Length; q++)
            {
                gradient[q] += z[q];
            }

            Statistics += _forward.Statistics + _backward.Statistics;
            return loss;
        }
    }
}
