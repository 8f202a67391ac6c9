using System;

namespace NeuralOdeGen;

/// <summary>
/// The discrete adjoint through events: the forward pass records every accepted step's stage states (the steps onto the
/// event times included) and every event (time, states before and after, <c>∂ℓ/∂t*</c>); the reverse pass pulls
/// <c>λ</c> back through the Runge–Kutta steps (<see cref="RungeKuttaReverseStep"/>) and through each event with the
/// transpose of the forward rule: with <c>c = λ⁺ᵀ∂J/∂x f⁻ + λ⁺ᵀ∂J/∂t − λ⁺·f⁺ + ∂ℓ/∂t*</c>,
/// <c>λ⁻ = (∂J/∂x)ᵀλ⁺ − (c/D) ∂g/∂x</c> and <c>θ̄ += (∂J/∂θ)ᵀλ⁺ − (c/D) ∂g/∂θ</c>.
/// </summary>
internal sealed class AdjointEventWorkspace<TModel> : EventGradientWorkspace<TModel>
    where TModel : struct, IOdeModel<TModel>, IOdeEvents<TModel>
{
    private readonly TrajectoryRecord _record;
    private readonly RungeKuttaCoefficients _method;
    private readonly int[] _observationPoints;
    private readonly double[] _observationGradients;
    private readonly double[] _stageAdjoints;
    private readonly double[] _rateAdjoint;
    private readonly double[] _parameterAdjoint;
    private readonly double[] _adjoint;
    private readonly double[] _sampleGradient;
    private readonly double[] _jumpStateAdjoint;
    private readonly double[] _jumpParameterAdjoint;
    private int[] _eventPoints = new int[16];
    private int[] _eventIndices = new int[16];
    private double[] _eventTimes = new double[16];
    private double[] _eventTimeGradients = new double[16];
    private double[] _eventStates = new double[16 * 2 * TModel.StateCount];
    private int _eventCount;

    public AdjointEventWorkspace(OdeSolver solver, IEventLoss loss, EventOptions options)
        : base(solver, loss, options, TModel.StateCount)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        ButcherTableau tableau = solver.Tableau;
        _record = new TrajectoryRecord(n, storesDerivatives: false, stageStateCount: tableau.StageCount);
        _method = new RungeKuttaCoefficients(tableau);
        int observations = loss.ObservationTimes.Length;
        _observationPoints = new int[observations];
        _observationGradients = new double[observations * n];
        _stageAdjoints = new double[tableau.StageCount * n];
        _rateAdjoint = new double[n];
        _parameterAdjoint = new double[m];
        _adjoint = new double[n];
        _sampleGradient = new double[m];
        _jumpStateAdjoint = new double[n];
        _jumpParameterAdjoint = new double[m];
    }

    public override double ComputeSample(int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        int n = TModel.StateCount;
        parameters.CopyTo(Parameters);
        BeginSample();
        var system = new ModelSystem<TModel>(Parameters);
        EventDriver<TModel> driver = Driver;
        RungeKuttaStepper stepper = driver.Stepper;
        stepper.ResetStatistics();
        driver.Start(StartTime, FinalTime, initialState, Parameters);
        _record.Clear();
        _record.Add(StartTime, 0.0, initialState);
        _eventCount = 0;
        ReadOnlySpan<double> times = Loss.ObservationTimes;
        double loss = 0.0;
        int k = 0;
        while (k < times.Length && times[k] == StartTime)
        {
            loss += Observe(sample, k++, stepper.State);
        }

        while (k < times.Length || stepper.Time != FinalTime)
        {
            double stop = k < times.Length ? times[k] : FinalTime;
            int fired = driver.Step(ref system, stop, Span, Parameters);
            if (fired != EventDriver<TModel>.NotStepped)
            {
                stepper.Record(ref system, _record);
            }

            if (k < times.Length && stepper.Time == times[k])
            {
                loss += Observe(sample, k++, stepper.State);
            }

            if (fired >= 0)
            {
                loss += RecordEvent(sample, fired);
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
        Reverse(times.Length);
        _sampleGradient.CopyTo(gradient);
        return loss;
    }

    private double Observe(int sample, int k, ReadOnlySpan<double> state)
    {
        int n = TModel.StateCount;
        _observationPoints[k] = _record.Count - 1;
        return Loss.EvaluateState(sample, k, state[..n], _observationGradients.AsSpan(k * n, n));
    }

    private double RecordEvent(int sample, int index)
    {
        int n = TModel.StateCount;
        RungeKuttaStepper stepper = Driver.Stepper;
        if (_eventCount == _eventPoints.Length)
        {
            int capacity = 2 * _eventPoints.Length;
            Array.Resize(ref _eventPoints, capacity);
            Array.Resize(ref _eventIndices, capacity);
            Array.Resize(ref _eventTimes, capacity);
            Array.Resize(ref _eventTimeGradients, capacity);
            Array.Resize(ref _eventStates, capacity * 2 * n);
        }

        double time = stepper.Time;
        double term = EventTerm(sample, index, time, out double timeGradient);
        int j = _eventCount++;
        _eventPoints[j] = _record.Count - 1;
        _eventIndices[j] = index;
        _eventTimes[j] = time;
        _eventTimeGradients[j] = timeGradient;
        Span<double> before = _eventStates.AsSpan(2 * j * n, n);
        Span<double> after = _eventStates.AsSpan(((2 * j) + 1) * n, n);
        stepper.State.CopyTo(before);
        TModel.ApplyJump(index, time, before, Parameters, after);
        bool jumps = TModel.Events[index].HasJump;
        if (jumps)
        {
            after.CopyTo(stepper.State);
        }

        Driver.AfterEvent(index, jumps, Parameters);
        return term;
    }

    private void Reverse(int observationCount)
    {
        int n = TModel.StateCount;
        Span<double> adjoint = _adjoint;
        adjoint.Clear();
        _sampleGradient.AsSpan().Clear();
        int observation = observationCount - 1;
        int occurrence = _eventCount - 1;
        for (int point = _record.Count - 1; point >= 0; point--)
        {
            // Forward at a point: the observation saw the state before the event's jump; reverse: the event first.
            while (occurrence >= 0 && _eventPoints[occurrence] == point)
            {
                PullBackEvent(occurrence--);
            }

            while (observation >= 0 && _observationPoints[observation] == point)
            {
                ReadOnlySpan<double> jump = _observationGradients.AsSpan(observation * n, n);
                for (int i = 0; i < n; i++)
                {
                    adjoint[i] += jump[i];
                }

                observation--;
            }

            if (point > 0)
            {
                var pullBack = new StackedPullBack<TModel>(Parameters, _parameterAdjoint, _sampleGradient);
                RungeKuttaReverseStep.Take(
                    ref pullBack, _method, _record.Time(point - 1), _record.StepSize(point - 1), _record.StageStates(point - 1), _adjoint, _rateAdjoint, _stageAdjoints);
            }
        }
    }

    // λ⁺ → λ⁻ and θ̄ through event occurrence j.
    private void PullBackEvent(int j)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int index = _eventIndices[j];
        double time = _eventTimes[j];
        ReadOnlySpan<double> before = _eventStates.AsSpan(2 * j * n, n);
        ReadOnlySpan<double> after = _eventStates.AsSpan(((2 * j) + 1) * n, n);
        double rate = CrossingRate(index, time, before);
        Span<double> adjoint = _adjoint;
        double coefficient = _eventTimeGradients[j];
        if (TModel.Events[index].HasJump)
        {
            double timePart = TModel.JumpVectorJacobianProduct(index, time, before, Parameters, adjoint, _jumpStateAdjoint, _jumpParameterAdjoint);
            TModel.Evaluate(time, after, Parameters, RateAfter);
            coefficient += Dot(_jumpStateAdjoint, RateBefore) + timePart - Dot(adjoint, RateAfter);
            _jumpStateAdjoint.CopyTo(adjoint);
            for (int q = 0; q < m; q++)
            {
                _sampleGradient[q] += _jumpParameterAdjoint[q];
            }
        }

        double scale = coefficient / rate;
        for (int i = 0; i < n; i++)
        {
            adjoint[i] -= scale * EventStateGradient[i];
        }

        for (int q = 0; q < m; q++)
        {
            _sampleGradient[q] -= scale * EventParameterGradient[q];
        }
    }
}
