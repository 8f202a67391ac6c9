using System;
using System.Globalization;

namespace NeuralOdeGen;

/// <summary>
/// One thread's memory for gradients through a solve with events (<see cref="EventProblem{TModel}"/>). The forward pass
/// steps to each observation time and to the final time, with the <see cref="EventDriver{TModel}"/> locating events on
/// the way; at an event the sensitivity of its time follows the implicit-function rule
/// <c>dt*/dθ = −(∂g/∂θ + ∂g/∂x·dx⁻/dθ) / (∂g/∂x·f⁻ + ∂g/∂t)</c> and a jump carries the sensitivities across,
/// <c>dx⁺/dθ = ∂J/∂x (dx⁻/dθ + f⁻ dt*/dθ) + ∂J/∂θ + ∂J/∂t dt*/dθ − f⁺ dt*/dθ</c> (the transpose in the adjoint).
/// </summary>
internal abstract class EventGradientWorkspace<TModel>
    where TModel : struct, IOdeModel<TModel>, IOdeEvents<TModel>
{
    private readonly int[] _occurrences;
    private readonly int[] _required;
    private readonly int _requiredTotal;
    private int _remaining;

    protected EventGradientWorkspace(OdeSolver solver, IEventLoss loss, EventOptions options, int dimension)
    {
        Loss = loss;
        Driver = new EventDriver<TModel>(solver, dimension, options);
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        Parameters = new double[m];
        StateGradient = new double[n];
        EventStateGradient = new double[n];
        EventParameterGradient = new double[m];
        RateBefore = new double[n];
        RateAfter = new double[n];
        JumpedState = new double[n];
        _occurrences = new int[TModel.EventCount];
        _required = new int[TModel.EventCount];
        for (int e = 0; e < _required.Length; e++)
        {
            _required[e] = loss.RequiredOccurrences(e);
            _requiredTotal += _required[e];
        }
        StartTime = loss.StartTime;
        FinalTime = loss.FinalTime;
        Span = Math.Abs(FinalTime - StartTime);
    }

    public IEventLoss Loss { get; }

    /// <summary>Gets the work of the last sample.</summary>
    public SolverStatistics Statistics { get; protected set; }

    /// <summary>Gets or sets the work of the last chunk of samples (summed by the problem).</summary>
    public SolverStatistics ChunkStatistics { get; set; }

    protected EventDriver<TModel> Driver { get; }

    protected double[] Parameters { get; }

    protected double[] StateGradient { get; }

    protected double[] EventStateGradient { get; }

    protected double[] EventParameterGradient { get; }

    protected double[] RateBefore { get; }

    protected double[] RateAfter { get; }

    protected double[] JumpedState { get; }

    protected double StartTime { get; }

    protected double FinalTime { get; }

    protected double Span { get; }

    /// <summary>Solves sample <paramref name="sample"/> from <paramref name="initialState"/>, writes its own <c>∂L/∂θ</c> into <paramref name="gradient"/> (overwritten) and returns its loss.</summary>
    public abstract double ComputeSample(int sample, ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, Span<double> gradient);

    protected void BeginSample()
    {
        Array.Clear(_occurrences);
        _remaining = _requiredTotal;
        Statistics = default;
    }

    /// <summary>
    /// Gets whether the loss has read everything once <paramref name="observationsSeen"/> observations are done: every
    /// observation, and every occurrence it requires (when it requires any). Nothing later changes the loss, so the solve
    /// ends there (before a bouncing ball's Zeno point, say).
    /// </summary>
    protected bool IsComplete(int observationsSeen) =>
        observationsSeen == Loss.ObservationTimes.Length && (_requiredTotal > 0 ? _remaining == 0 : observationsSeen > 0);

    /// <summary>The loss term of an event occurrence (counting it) and <c>∂ℓ/∂t*</c>.</summary>
    protected double EventTerm(int sample, int index, double time, out double timeGradient)
    {
        int occurrence = _occurrences[index]++;
        if (occurrence < _required[index])
        {
            _remaining--;
        }

        return Loss.EvaluateEvent(sample, index, occurrence, time, out timeGradient);
    }

    /// <summary>Checks after a solve that every event the loss reads happened often enough, and that no observation was cut off by a terminal event.</summary>
    protected void EndSample(int sample, int observationsSeen, double endTime)
    {
        ReadOnlySpan<double> times = Loss.ObservationTimes;
        if (observationsSeen < times.Length)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Sample {sample}: a terminal event ended the solve at t = {endTime:R}, before observation time {times[observationsSeen]:R} (index {observationsSeen})."));
        }

        for (int e = 0; e < _occurrences.Length; e++)
        {
            int required = _required[e];
            if (_occurrences[e] < required)
            {
                throw new OdeEventException(
                    e, TModel.Events[e].Name, endTime,
                    $"sample {sample} has {_occurrences[e]} occurrences of the event by the end of its solve, but the loss reads {required}; solve further (the loss's final time) or read fewer.");
            }
        }
    }

    /// <summary>
    /// At event <paramref name="index"/> (time <paramref name="time"/>, state <paramref name="before"/>): writes <c>∂g/∂x</c> and
    /// <c>∂g/∂θ</c> into <see cref="EventStateGradient"/> and <see cref="EventParameterGradient"/>, <c>f⁻</c> into
    /// <see cref="RateBefore"/>, and returns <c>D = ∂g/∂x·f⁻ + ∂g/∂t</c>, the rate at which <c>g</c> crosses.
    /// </summary>
    protected double CrossingRate(int index, double time, ReadOnlySpan<double> before)
    {
        TModel.Evaluate(time, before, Parameters, RateBefore);
        double rate = TModel.EventGradient(index, time, before, Parameters, EventStateGradient, EventParameterGradient);
        for (int i = 0; i < RateBefore.Length; i++)
        {
            rate += EventStateGradient[i] * RateBefore[i];
        }

        if (rate == 0.0 || !double.IsFinite(rate))
        {
            throw new OdeEventException(
                index, TModel.Events[index].Name, time,
                string.Create(CultureInfo.InvariantCulture, $"the crossing is tangential (∂g/∂x·f + ∂g/∂t = {rate:R}), so the event time has no derivative."));
        }

        return rate;
    }

    protected static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
