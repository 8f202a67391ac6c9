using System;

namespace NeuralOdeGen;

/// <summary>
/// Integrates the sensitivities <c>S = ∂x/∂θ</c> alongside the state, <c>Ṡ = (∂f/∂x) S + ∂f/∂θ</c> (one
/// Jacobian–vector product per parameter per evaluation), and forms the gradient <c>Σ_k (∂ℓ/∂x(τ_k))ᵀ S(τ_k)</c>.
/// Also yields <c>∂x_t/∂θ</c> per sample (for Gauss–Newton). Cost grows with the number of parameters; with a
/// fixed-step solver the result equals the discrete adjoint's (differentiation commutes with the RK map).
/// With an adaptive solver the error control covers the sensitivities too. With an implicit solver the augmented system
/// is integrated by that method with one shared LU per step (<see cref="ImplicitForwardSensitivityWorkspace{TModel}"/>):
/// the derivative of the solver's own steps, exact to the Newton tolerance (ESDIRK) or to rounding (Rosenbrock).
/// </summary>
public sealed class ForwardSensitivity : ISensitivityMethod
{
    /// <inheritdoc/>
    public string Name => "Forward sensitivity";

    /// <inheritdoc/>
    public bool ProvidesSensitivities => true;

    /// <inheritdoc/>
    public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
        where TModel : struct, IOdeModel<TModel> =>
        solver is { IsImplicit: true } ? new ImplicitForwardSensitivityWorkspace<TModel>(solver, loss) : new Workspace<TModel>(solver, loss);

    private sealed class Workspace<TModel> : SensitivityWorkspace<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RungeKuttaStepper _stepper;
        private readonly double[] _initial;
        private readonly double[] _unitDirection;

        public Workspace(OdeSolver solver, ILoss loss)
            : base(solver, loss)
        {
            int n = TModel.StateCount;
            int m = TModel.ParameterCount;
            _stepper = new RungeKuttaStepper(solver, n * (m + 1));
            _initial = new double[n * (m + 1)];
            _unitDirection = new double[m];
        }

        public override double ComputeSample(
            int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities)
        {
            int n = TModel.StateCount;
            int m = TModel.ParameterCount;
            parameters.CopyTo(Parameters);
            var system = new SensitivitySystem<TModel>(Parameters, _unitDirection);
            ReadOnlySpan<double> times = Loss.ObservationTimes;
            double horizon = Horizon;

            initialState.CopyTo(_initial);
            _initial.AsSpan(n).Clear();
            _stepper.ResetStatistics();
            _stepper.Reset(0.0, _initial);
            Span<double> lossGradient = LossGradients.AsSpan(0, n);
            double loss = 0.0;
            for (int k = 0; k < times.Length; k++)
            {
                _stepper.AdvanceTo(ref system, times[k], horizon, record: null);
                ReadOnlySpan<double> y = _stepper.State;
                loss += Loss.Evaluate(sample, k, y[..n], lossGradient);
                for (int q = 0; q < m; q++)
                {
                    ReadOnlySpan<double> column = y.Slice(n * (q + 1), n);
                    double sum = 0.0;
                    for (int i = 0; i < n; i++)
                    {
                        sum += lossGradient[i] * column[i];
                    }

                    gradient[q] += sum;
                }
            }

            ReadOnlySpan<double> final = _stepper.State;
            final[..n].CopyTo(terminalState);
            if (!sensitivities.IsEmpty)
            {
                for (int i = 0; i < n; i++)
                {
                    for (int q = 0; q < m; q++)
                    {
                        sensitivities[(i * m) + q] = final[(n * (q + 1)) + i];
                    }
                }
            }

            Statistics += _stepper.Statistics;
            return loss;
        }
    }
}
