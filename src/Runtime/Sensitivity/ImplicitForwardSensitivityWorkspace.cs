using System;

namespace NeuralOdeGen;

/// <summary>
/// <see cref="ForwardSensitivity"/> through an implicit solver: the augmented system <c>[x, S]</c>
/// (<see cref="ImplicitSensitivitySystem{TModel}"/>) integrated by the implicit method itself, with one LU of the state's
/// iteration matrix per step shared by the state and every sensitivity column, and the error control covering the
/// sensitivities as on the explicit path.
/// </summary>
/// <remarks>
/// Exactness, for a given step sequence (fixed steps, or the adaptive sequence held fixed): the result is the derivative of
/// the solver's own solution with respect to θ, because both method families commute with differentiation when the
/// augmented stages are solved exactly.
/// <list type="bullet">
/// <item>ESDIRK (Kvaerno5): the augmented stage equations are solved by the simplified Newton iteration (a simultaneous
/// corrector) with the augmented iteration matrix at the step's start, block lower triangular, one LU of <c>I − hγJ</c>
/// shared by the state and every column; the matrix changes the convergence rate only, so the sensitivities are exact to
/// the Newton tolerance. (The block-diagonal matrix let the columns lag the state by one iteration; see
/// <see cref="EsdirkStepper"/>.)</item>
/// <item>Rosenbrock (Rodas4, Rodas5P): the stages need the augmented Jacobian, whose lower-left block
/// <c>∂(J s_k + ∂f/∂θ_k)/∂x</c> holds second derivatives; they are applied staggered (state stage first, then each
/// sensitivity stage with the same LU and that block times the state stage) as a central difference of the generated
/// Jacobian–vector product, exact to rounding for models quadratic in the state and otherwise to ≈ 4e-11 relative.
/// Dropping the block instead (a W-method) would lose the method's order for the sensitivities.</item>
/// </list>
/// With adaptive steps the step sizes depend on θ too and are not differentiated (as in CVODES and on the explicit path),
/// so the gradient agrees with finite differences of the loss to the solver tolerance.
/// </remarks>
internal sealed class ImplicitForwardSensitivityWorkspace<TModel> : SensitivityWorkspace<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    private readonly ImplicitStepper _stepper;
    private readonly double[] _initial;
    private readonly double[] _unitDirection;
    private readonly double[] _shifted;
    private readonly double[] _lower;

    public ImplicitForwardSensitivityWorkspace(OdeSolver solver, ILoss loss, GradientOptions options)
        : base(solver, loss, acceptsImplicitSolvers: true, options)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int extraColumns = ExtraSensitivityColumns.Count(n, options.InitialStateGradients, options.TimeGradients);
        _stepper = ImplicitStepper.Create(solver, ImplicitSensitivitySystem<TModel>.LayoutWith(extraColumns));
        _initial = new double[n * (m + extraColumns + 1)];
        _unitDirection = new double[m];
        _shifted = new double[n];
        _lower = new double[n];
    }

    public override double ComputeSample(
        int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient, Span<double> terminalState, Span<double> sensitivities)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        parameters.CopyTo(Parameters);
        var system = new ImplicitSensitivitySystem<TModel>(Parameters, _unitDirection, _shifted, _lower);
        ReadOnlySpan<double> times = Loss.ObservationTimes;

        ExtraSensitivityColumns.Start<TModel>(_initial, initialState, Parameters, StartTime, WantsInitialStateGradient, WantsTimeGradients);
        InitialStateGradient.AsSpan().Clear();
        double startTimeGradient = 0.0;
        _stepper.ResetStatistics();
        _stepper.Reset(StartTime, _initial);
        Span<double> lossGradient = LossGradients.AsSpan(0, n);
        double loss = 0.0;
        for (int k = 0; k < times.Length; k++)
        {
            _stepper.AdvanceTo(ref system, times[k], Span);
            ReadOnlySpan<double> y = _stepper.State;
            loss += Loss.Evaluate(sample, k, y[..n], lossGradient);
            RecordObservationTimeGradient(k, y[..n], lossGradient);
            ExtraSensitivityColumns.Accumulate<TModel>(y, lossGradient, InitialStateGradient, WantsTimeGradients, ref startTimeGradient);
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

        if (WantsTimeGradients)
        {
            TimeGradients[^1] = startTimeGradient;
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
