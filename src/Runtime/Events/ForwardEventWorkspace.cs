using System;

namespace NeuralOdeGen;

/// <summary>
/// Forward sensitivities through events: <c>[x, ∂x/∂θ_1, …, ∂x/∂θ_m]</c> integrated together (error control over all of
/// them with an adaptive solver), events found on the state part, and at each event the time sensitivity and the jump of
/// the sensitivities applied in place.
/// </summary>
internal sealed class ForwardEventWorkspace<TModel> : EventGradientWorkspace<TModel>
    where TModel : struct, IOdeModel<TModel>, IOdeEvents<TModel>
{
    private readonly double[] _initial;
    private readonly double[] _unitDirection;
    private readonly double[] _timeSensitivity;
    private readonly double[] _column;
    private readonly double[] _jumpedColumn;

    public ForwardEventWorkspace(OdeSolver solver, IEventLoss loss, EventOptions options)
        : base(solver, loss, options, TModel.StateCount * (TModel.ParameterCount + 1))
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        _initial = new double[n * (m + 1)];
        _unitDirection = new double[m];
        _timeSensitivity = new double[m];
        _column = new double[n];
        _jumpedColumn = new double[n];
    }

    public override double ComputeSample(int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        parameters.CopyTo(Parameters);
        BeginSample();
        gradient.Clear();
        Array.Clear(_initial);
        initialState.CopyTo(_initial);
        var system = new SensitivitySystem<TModel>(Parameters, _unitDirection);
        EventDriver<TModel> driver = Driver;
        RungeKuttaStepper stepper = driver.Stepper;
        stepper.ResetStatistics();
        driver.Start(StartTime, FinalTime, _initial, Parameters);
        ReadOnlySpan<double> times = Loss.ObservationTimes;
        double loss = 0.0;
        int k = 0;
        while (k < times.Length && times[k] == StartTime)
        {
            loss += Observe(sample, k++, gradient);
        }

        while (k < times.Length || stepper.Time != FinalTime)
        {
            double stop = k < times.Length ? times[k] : FinalTime;
            int fired = driver.Step(ref system, stop, Span, Parameters);
            if (k < times.Length && stepper.Time == times[k])
            {
                loss += Observe(sample, k++, gradient);
            }

            if (fired >= 0)
            {
                loss += HandleEvent(sample, fired, gradient);
                if (TModel.Events[fired].Terminal)
                {
                    break;
                }
            }

            if (IsComplete(k))
            {
                break;
            }
        }

        EndSample(sample, k, stepper.Time);
        Statistics = stepper.Statistics;
        return loss;
    }

    // ℓ at observation k and Σ_q (∂ℓ/∂x)·S_q into the gradient.
    private double Observe(int sample, int k, Span<double> gradient)
    {
        int n = TModel.StateCount;
        ReadOnlySpan<double> y = Driver.Stepper.State;
        double term = Loss.EvaluateState(sample, k, y[..n], StateGradient);
        for (int q = 0; q < gradient.Length; q++)
        {
            gradient[q] += Dot(StateGradient, y.Slice(n * (q + 1), n));
        }

        return term;
    }

    private double HandleEvent(int sample, int index, Span<double> gradient)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        RungeKuttaStepper stepper = Driver.Stepper;
        Span<double> y = stepper.State;
        double time = stepper.Time;
        ReadOnlySpan<double> before = y[..n];
        double rate = CrossingRate(index, time, before);

        // dt*/dθ_q = −(∂g/∂θ_q + ∂g/∂x·S_q) / D.
        for (int q = 0; q < m; q++)
        {
            _timeSensitivity[q] = -(EventParameterGradient[q] + Dot(EventStateGradient, y.Slice(n * (q + 1), n))) / rate;
        }

        double term = EventTerm(sample, index, time, out double timeGradient);
        for (int q = 0; q < m; q++)
        {
            gradient[q] += timeGradient * _timeSensitivity[q];
        }

        bool jumps = TModel.Events[index].HasJump;
        if (jumps)
        {
            // S⁺_q = J_x (S⁻_q + f⁻ dt_q) + J_θ e_q + J_t dt_q − f⁺ dt_q, then x⁺.
            TModel.ApplyJump(index, time, before, Parameters, JumpedState);
            TModel.Evaluate(time, JumpedState, Parameters, RateAfter);
            for (int q = 0; q < m; q++)
            {
                Span<double> column = y.Slice(n * (q + 1), n);
                double dt = _timeSensitivity[q];
                for (int i = 0; i < n; i++)
                {
                    _column[i] = column[i] + (RateBefore[i] * dt);
                }

                _unitDirection[q] = 1.0;
                TModel.JumpJacobianVectorProduct(index, time, before, Parameters, dt, _column, _unitDirection, _jumpedColumn);
                _unitDirection[q] = 0.0;
                for (int i = 0; i < n; i++)
                {
                    column[i] = _jumpedColumn[i] - (RateAfter[i] * dt);
                }
            }

            JumpedState.CopyTo(y);
        }

        // Without a jump the sensitivities pass unchanged: S⁻ + f⁻ dt − f⁺ dt with f⁺ = f⁻.
        Driver.AfterEvent(index, jumps, Parameters);
        return term;
    }
}
