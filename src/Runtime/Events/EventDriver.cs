using System;

namespace NeuralOdeGen;

/// <summary>
/// Steps an explicit Runge–Kutta solve and finds events: after every accepted step it compares each event function's
/// sign at the step's two ends, locates the crossings on the step's own dense output (<see cref="EventRootFinder"/>),
/// and for the earliest one retakes the step onto the event time, so the state there is a step's end state (the same
/// for the dense output, the saved steps and the discrete adjoint's record). The state may be augmented (forward
/// sensitivities): the event functions read its first <c>n</c> components. One per thread; allocates nothing per step.
/// </summary>
internal sealed class EventDriver<TModel>
    where TModel : struct, IOdeModel<TModel>, IOdeEvents<TModel>
{
    /// <summary><see cref="Step"/>'s result when the stop was closer than time resolves and no step was taken.</summary>
    public const int NotStepped = -2;

    /// <summary><see cref="Step"/>'s result for a step without an event.</summary>
    public const int NoEvent = -1;

    private readonly OdeSolver _solver;
    private readonly EventOptions _options;
    private readonly EventDirection[] _directions;
    private readonly double[] _start;
    private readonly double[] _end;
    private readonly double[] _scratch;
    private readonly double[] _interpolated;
    private double _direction;
    private double _gridStart;
    private double _gridStep;
    private double _gridStop = double.NaN;
    private int _gridCount;
    private int _gridIndex;
    private int _events;
    private bool _offGrid;

    public EventDriver(OdeSolver solver, int dimension, EventOptions options)
    {
        if (solver.IsImplicit)
        {
            throw new NotSupportedException(
                $"Events are located on explicit Runge–Kutta solves; {solver.MethodName} is implicit. Use Tsit5, Dopri5, BS3 or a fixed-step tableau.");
        }

        _solver = solver;
        _options = options;
        Stepper = new RungeKuttaStepper(solver, dimension);
        int count = TModel.EventCount;
        _directions = new EventDirection[count];
        for (int e = 0; e < count; e++)
        {
            _directions[e] = TModel.Events[e].Direction;
        }

        _start = new double[count];
        _end = new double[count];
        _scratch = new double[count];
        _interpolated = new double[dimension];
    }

    public RungeKuttaStepper Stepper { get; }

    /// <summary>Gets the number of events since <see cref="Start"/>.</summary>
    public int EventCount => _events;

    /// <summary>
    /// Starts at (<paramref name="t0"/>, <paramref name="y0"/>) towards <paramref name="tEnd"/>. An event function that is
    /// zero at <paramref name="t0"/> does not fire there (it fires at its next crossing).
    /// </summary>
    public void Start(double t0, double tEnd, ReadOnlySpan<double> y0, double[] parameters)
    {
        Stepper.Reset(t0, y0);
        _direction = tEnd < t0 ? -1.0 : 1.0;
        _gridStop = double.NaN;
        _offGrid = false;
        _events = 0;
        TModel.EvaluateEvents(t0, y0[..TModel.StateCount], parameters, _start);
    }

    /// <summary>
    /// Takes one step towards <paramref name="stop"/> (adaptive, or the next point of a fixed grid of the interval to
    /// <paramref name="stop"/>). Returns <see cref="NotStepped"/>, <see cref="NoEvent"/>, or the index of the earliest
    /// event in the step: the stepper then stands at the event time with the state before any jump, its last step
    /// retaken to end there.
    /// </summary>
    public int Step<TSystem>(ref TSystem system, double stop, double horizon, double[] parameters)
        where TSystem : struct, IOdeSystem
    {
        RungeKuttaStepper stepper = Stepper;
        double target = stop;
        if (_solver.IsAdaptive)
        {
            if (!stepper.AdaptiveStep(ref system, stop))
            {
                return NotStepped;
            }
        }
        else
        {
            if (stop != _gridStop)
            {
                _gridStart = stepper.Time;
                _gridStop = stop;
                _gridCount = _solver.StepsFor(Math.Abs(stop - _gridStart), horizon);
                _gridStep = (stop - _gridStart) / _gridCount;
                _gridIndex = 1;
            }

            target = _gridIndex == _gridCount ? stop : _gridStart + (_gridIndex * _gridStep);
            stepper.FixedStep(ref system, _offGrid ? target - stepper.Time : _gridStep, target);
            _offGrid = false;
        }

        int n = TModel.StateCount;
        TModel.EvaluateEvents(stepper.Time, stepper.State[..n], parameters, _end);
        int fired = NoEvent;
        double firstTime = 0.0;
        for (int e = 0; e < _end.Length; e++)
        {
            if (!Crosses(e, _start[e], _end[e]))
            {
                continue;
            }

            var function = new EventAlongStep<TSystem>(stepper, system, _interpolated, _scratch, parameters, e);
            double time = EventRootFinder.Locate(ref function, stepper.PreviousTime, _start[e], stepper.Time, _end[e], _options.TimeTolerance);
            if (fired == NoEvent || _direction * (time - firstTime) < 0.0)
            {
                fired = e;
                firstTime = time;
            }
        }

        if (fired == NoEvent)
        {
            _end.CopyTo(_start, 0);
            if (!_solver.IsAdaptive)
            {
                _gridIndex++;
            }

            return NoEvent;
        }

        if (firstTime != stepper.Time)
        {
            // Retake the step onto the event time: the state there is a step's end, not an interpolated value.
            stepper.RewindLastStep();
            stepper.FixedStep(ref system, firstTime - stepper.Time, firstTime);
            _offGrid = !_solver.IsAdaptive;
        }
        else if (!_solver.IsAdaptive)
        {
            _gridIndex++;
        }

        // g at the event, before any jump: AfterEvent compares it with g after the jump.
        TModel.EvaluateEvents(stepper.Time, stepper.State[..n], parameters, _end);

        return fired;
    }

    /// <summary>
    /// Continues after event <paramref name="fired"/> at the stepper's time: <paramref name="jumped"/> when the caller
    /// changed the stepper's state (a jump; the stepper restarts with a fresh <c>F</c> and initial step). Every event starts
    /// the next step from its value at the new state, except the fired one when the jump left its value unchanged (or there
    /// was no jump): it sits on its own surface, so it starts from zero and cannot fire again in that step. A jump that moves
    /// the state back across the surface re-arms it: if the flow brings it straight back, that is chattering.
    /// </summary>
    /// <exception cref="OdeEventException">More than <see cref="EventOptions.MaxEventCount"/> events in this solve.</exception>
    public void AfterEvent(int fired, bool jumped, double[] parameters)
    {
        RungeKuttaStepper stepper = Stepper;
        _events++;
        if (_events > _options.MaxEventCount)
        {
            throw new OdeEventException(
                fired, TModel.Events[fired].Name, stepper.Time,
                $"more than {_options.MaxEventCount} events (EventOptions.MaxEventCount) in one solve: the event chatters (its jump leaves the state on or back across the event surface, so it fires again at once) or the events accumulate (Zeno behaviour).");
        }

        if (jumped)
        {
            stepper.InvalidateDerivative();
        }

        TModel.EvaluateEvents(stepper.Time, stepper.State[..TModel.StateCount], parameters, _start);
        if (!jumped || _start[fired] == _end[fired])
        {
            _start[fired] = 0.0;
        }
    }

    private bool Crosses(int e, double before, double after)
    {
        // Rising and falling are in time; a backward solve meets a rising crossing as a change from + to −.
        bool up = before < 0.0 && after >= 0.0;
        bool down = before > 0.0 && after <= 0.0;
        return _directions[e] switch
        {
            EventDirection.Rising => _direction > 0.0 ? up : down,
            EventDirection.Falling => _direction > 0.0 ? down : up,
            _ => up || down,
        };
    }

    // g_e(t, x̃(t)) on the last step's dense output.
    private readonly struct EventAlongStep<TSystem> : IScalarFunction
        where TSystem : struct, IOdeSystem
    {
        private readonly RungeKuttaStepper _stepper;
        private readonly TSystem _system;
        private readonly double[] _state;
        private readonly double[] _values;
        private readonly double[] _parameters;
        private readonly int _event;

        public EventAlongStep(RungeKuttaStepper stepper, TSystem system, double[] state, double[] values, double[] parameters, int index)
        {
            _stepper = stepper;
            _system = system;
            _state = state;
            _values = values;
            _parameters = parameters;
            _event = index;
        }

        public double Value(double t)
        {
            TSystem system = _system;
            _stepper.Interpolate(ref system, t, _state);
            TModel.EvaluateEvents(t, _state.AsSpan(0, TModel.StateCount), _parameters, _values);
            return _values[_event];
        }
    }
}
