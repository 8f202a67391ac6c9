using System;
using NeuralOdeGen.Runtime.Tests.Events.Models;

namespace NeuralOdeGen.Runtime.Tests.Events;

/// <summary>Gradients through event times and jumps, against closed forms and central differences, for both methods.</summary>
public sealed class EventGradientTests
{
    private const double H0 = 2.0;
    private const double V0 = 1.5;

    public static TheoryData<string> Methods => new() { "Forward", "Discrete" };

    internal static ISensitivityMethod MethodByName(string name) => name == "Forward" ? new ForwardSensitivity() : new DiscreteAdjoint();

    /// <summary>The ball's state at <paramref name="t"/> from the closed form (flights between the analytic bounces).</summary>
    internal static (double H, double V) BallState(double h0, double v0, double e, double g, double t)
    {
        double[] bounces = EventIntegratorTests.BounceTimes(h0, v0, e, g, 64);
        if (t < bounces[0])
        {
            return (h0 + (v0 * t) - (0.5 * g * t * t), v0 - (g * t));
        }

        double speed = Math.Sqrt((v0 * v0) + (2.0 * g * h0));
        int k = 0;
        while (bounces[k + 1] <= t)
        {
            k++;
        }

        speed *= Math.Pow(e, k + 1);
        double s = t - bounces[k];
        return ((speed * s) - (0.5 * g * s * s), speed - (g * s));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Gradient_TerminalEventTime_MatchesTheClosedForm(string method)
    {
        // L = ½(t* − τ)² with t* = ln(x0/c)/a: ∂L/∂a = −(t* − τ)·ln(x0/c)/a², ∂L/∂c = −(t* − τ)/(a·c).
        const double a = 1.3, c = 0.25, x0 = 2.0, tau = 1.4;
        var loss = new EventTimeLoss(1, 0, [tau], 1, finalTime: 10.0);
        var problem = new EventProblem<HandThreshold>([x0], loss, OdeSolver.Dopri5(1e-12, 1e-14), MethodByName(method), maxDegreeOfParallelism: 1);
        double value = problem.ComputeGradient([a, c]);
        double tStar = Math.Log(x0 / c) / a;
        Assert.Equal(0.5 * (tStar - tau) * (tStar - tau), value, 1e-12);

        // rtol 1e-12 puts t* within ~1e-11 and the sensitivities within a few 1e-11 (relative): 1e-9 is a safe bound.
        Assert.Equal(-(tStar - tau) * Math.Log(x0 / c) / (a * a), problem.Gradient[0], 1e-9);
        Assert.Equal(-(tStar - tau) / (a * c), problem.Gradient[1], 1e-9);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Gradient_BounceTimes_MatchClosedFormAndCentralDifferences(string method)
    {
        // L = ½ Σ_k (t_k − τ_k)² over the first four bounces, with targets from e = 0.7, g = 9.6.
        const double e = 0.8, g = 9.81;
        double[] targets = EventIntegratorTests.BounceTimes(H0, V0, 0.7, 9.6, 4);
        var loss = new EventTimeLoss(2, 0, targets, 1, finalTime: 3.6);
        var problem = new EventProblem<HandBouncingBall>([H0, V0], loss, OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-10, 1e-12), MethodByName(method), maxDegreeOfParallelism: 1);
        double value = problem.ComputeGradient([e, g]);

        // Closed form: t_1 = (v0 + V)/g, t_k = t_1 + (2V/g) Σ_{j=1}^{k−1} e^j, V = √(v0² + 2 g h0).
        double speed = Math.Sqrt((V0 * V0) + (2.0 * g * H0));
        double[] times = EventIntegratorTests.BounceTimes(H0, V0, e, g, 4);
        double dLde = 0.0;
        for (int k = 1; k < 4; k++)
        {
            double sum = 0.0;
            for (int j = 1; j < k + 1; j++)
            {
                sum += j * Math.Pow(e, j - 1);
            }

            dLde += (times[k] - targets[k]) * (2.0 * speed / g) * sum;
        }

        double ClosedLoss(double ee, double gg)
        {
            double[] t = EventIntegratorTests.BounceTimes(H0, V0, ee, gg, 4);
            double l = 0.0;
            for (int k = 0; k < 4; k++)
            {
                l += 0.5 * (t[k] - targets[k]) * (t[k] - targets[k]);
            }

            return l;
        }

        // Central differences of the closed form, δ = 1e-6: truncation δ²·L''' ≈ 1e-12, rounding 1e-16/δ ≈ 1e-10.
        const double delta = 1e-6;
        double dLdg = (ClosedLoss(e, g + delta) - ClosedLoss(e, g - delta)) / (2.0 * delta);
        Assert.Equal(ClosedLoss(e, g), value, 1e-12);

        // The flights are quadratics, which the solver and its dense output integrate exactly: only rounding remains.
        Assert.Equal(dLde, problem.Gradient[0], 1e-9);
        Assert.Equal((ClosedLoss(e + delta, g) - ClosedLoss(e - delta, g)) / (2.0 * delta), problem.Gradient[0], 1e-8);
        Assert.Equal(dLdg, problem.Gradient[1], 1e-8);

        // And against central differences of the solver's own loss (the same solves, no closed form anywhere).
        double fdE = (problem.EvaluateLoss([e + delta, g]) - problem.EvaluateLoss([e - delta, g])) / (2.0 * delta);
        Assert.Equal(fdE, problem.Gradient[0], 1e-7);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Gradient_StatesObservedBetweenJumps_MatchCentralDifferencesOfTheClosedForm(string method)
    {
        // Observations after the first, third and fifth bounces (t ≈ 1.06, 1.95, 2.52 for e = 0.8).
        const double e = 0.8, g = 9.81;
        double[] observationTimes = [0.5, 1.2, 2.3, 2.7];
        var loss = new StateLoss(observationTimes, finalTime: 3.0, targets: [1.0, -1.0, 0.3, 0.2, 0.1, 0.5, 0.05, -0.3]);
        var problem = new EventProblem<HandBouncingBall>([H0, V0], loss, OdeSolver.Dopri5(1e-10, 1e-12), MethodByName(method), maxDegreeOfParallelism: 1);
        double value = problem.ComputeGradient([e, g]);

        double ClosedLoss(double ee, double gg)
        {
            double l = 0.0;
            for (int k = 0; k < observationTimes.Length; k++)
            {
                (double h, double v) = BallState(H0, V0, ee, gg, observationTimes[k]);
                l += 0.5 * (((h - loss.Targets[2 * k]) * (h - loss.Targets[2 * k])) + ((v - loss.Targets[(2 * k) + 1]) * (v - loss.Targets[(2 * k) + 1])));
            }

            return l;
        }

        // δ = 1e-6 on the closed form: ~1e-10 from rounding; the solves are exact on the quadratic flights up to rounding.
        const double delta = 1e-6;
        Assert.Equal(ClosedLoss(e, g), value, 1e-11);
        Assert.Equal((ClosedLoss(e + delta, g) - ClosedLoss(e - delta, g)) / (2.0 * delta), problem.Gradient[0], 1e-8);
        Assert.Equal((ClosedLoss(e, g + delta) - ClosedLoss(e, g - delta)) / (2.0 * delta), problem.Gradient[1], 1e-8);
    }

    [Theory]
    [InlineData("Forward", 0.4)]
    [InlineData("Discrete", 0.4)]
    [InlineData("Forward", -0.4)]
    [InlineData("Discrete", -0.4)]
    public void Gradient_TimeDependentEventAndJump_MatchesCentralDifferencesOfTheClosedForm(string method, double x0)
    {
        // g = x − b·t and J = x + k·t carry every time derivative (∂g/∂t, ∂J/∂t) and a parameter in each. Events at
        // t_j = t_1·r^{j−1}, t_1 = x0/(b − a), r = 1 + k/(b − a); x0 < 0 runs backwards in time from t0 = 0.
        const double a = 0.5, b = 1.3, k = 0.6;
        double direction = Math.Sign(x0);
        double[] targets = [direction * 0.45, direction * 0.8, direction * 1.3];
        var loss = new EventTimeLoss(1, 0, targets, 1, finalTime: direction * 10.0);
        var problem = new EventProblem<HandMovingWall>([x0], loss, OdeSolver.Dopri5(1e-10, 1e-12), MethodByName(method), maxDegreeOfParallelism: 1);
        double value = problem.ComputeGradient([a, b, k]);

        double ClosedLoss(double aa, double bb, double kk)
        {
            double t = x0 / (bb - aa);
            double r = 1.0 + (kk / (bb - aa));
            double l = 0.0;
            for (int j = 0; j < 3; j++, t *= r)
            {
                l += 0.5 * (t - targets[j]) * (t - targets[j]);
            }

            return l;
        }

        // Linear flights: the solver is exact up to rounding; central differences of the closed form with δ = 1e-6 are
        // good to ~1e-10.
        const double delta = 1e-6;
        Assert.Equal(ClosedLoss(a, b, k), value, 1e-12);
        Assert.Equal((ClosedLoss(a + delta, b, k) - ClosedLoss(a - delta, b, k)) / (2.0 * delta), problem.Gradient[0], 1e-8);
        Assert.Equal((ClosedLoss(a, b + delta, k) - ClosedLoss(a, b - delta, k)) / (2.0 * delta), problem.Gradient[1], 1e-8);
        Assert.Equal((ClosedLoss(a, b, k + delta) - ClosedLoss(a, b, k - delta)) / (2.0 * delta), problem.Gradient[2], 1e-8);
    }

    [Fact]
    public void Gradient_FixedStepForwardAndAdjoint_AgreeToRounding()
    {
        // With a fixed-step solver both methods differentiate the same steps (the event step retaken onto t*, its size
        // held fixed, the event time by the implicit-function rule): the results differ by rounding only.
        var loss = new EventTimeLoss(1, 0, [1.4], 1, finalTime: 10.0);
        OdeSolver rk4 = OdeSolver.FixedStepSize(Tableaus.Rk4, 0.05);
        var forward = new EventProblem<HandThreshold>([2.0], loss, rk4, new ForwardSensitivity(), maxDegreeOfParallelism: 1);
        var adjoint = new EventProblem<HandThreshold>([2.0], loss, rk4, new DiscreteAdjoint(), maxDegreeOfParallelism: 1);
        Assert.Equal(forward.ComputeGradient([1.3, 0.25]), adjoint.ComputeGradient([1.3, 0.25]));
        Assert.Equal(forward.Gradient[0], adjoint.Gradient[0], 1e-13);
        Assert.Equal(forward.Gradient[1], adjoint.Gradient[1], 1e-13);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Gradient_AnyThreadCount_IsBitIdentical(string method)
    {
        double[] initialStates = new double[14];
        double[] targets = new double[21];
        for (int i = 0; i < 7; i++)
        {
            initialStates[2 * i] = 1.0 + (0.3 * i);
            initialStates[(2 * i) + 1] = 0.5 - (0.2 * i);
            EventIntegratorTests.BounceTimes(initialStates[2 * i], initialStates[(2 * i) + 1], 0.7, 9.81, 3).CopyTo(targets, 3 * i);
        }

        var loss = new EventTimeLoss(2, 0, targets, 7, finalTime: 5.0);
        double[] theta = [0.75, 9.7];
        double[] reference = [];
        double referenceLoss = 0.0;
        foreach (int threads in new[] { 1, 2, 3, 7 })
        {
            var problem = new EventProblem<HandBouncingBall>(initialStates, loss, OdeSolver.Dopri5(1e-9, 1e-11), MethodByName(method), maxDegreeOfParallelism: threads);
            double value = problem.ComputeGradient(theta);
            if (threads == 1)
            {
                reference = (double[])problem.Gradient.Clone();
                referenceLoss = value;
                continue;
            }

            Assert.Equal(referenceLoss, value);
            Assert.Equal(reference, problem.Gradient);
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Gradient_Warmed_AllocatesNothing(string method)
    {
        double[] targets = EventIntegratorTests.BounceTimes(H0, V0, 0.7, 9.81, 5);
        var loss = new StateAndTimeLoss(targets);
        var problem = new EventProblem<HandBouncingBall>([H0, V0], loss, OdeSolver.Dopri5(1e-9, 1e-11), MethodByName(method), maxDegreeOfParallelism: 1);
        double[] theta = [0.75, 9.7];
        problem.ComputeGradient(theta);
        problem.ComputeGradient(theta);
        long before = GC.GetAllocatedBytesForCurrentThread();
        problem.ComputeGradient(theta);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact: any allocation per step, per event or per call shows up.
        Assert.True(allocated == 0, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Problem_BadInput_ThrowsNamingTheArgumentAndValue()
    {
        var loss = new EventTimeLoss(2, 0, [1.0], 1, finalTime: 3.0);
        Assert.Equal("initialStates", Assert.Throws<ArgumentNullException>(() => new EventProblem<HandBouncingBall>(null!, loss)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => new EventProblem<HandBouncingBall>([1.0, 0.0], null!)).ParamName);
        ArgumentException states = Assert.Throws<ArgumentException>(() => new EventProblem<HandBouncingBall>([1.0, double.PositiveInfinity], loss));
        Assert.Equal("initialStates", states.ParamName);
        Assert.Contains("Infinity", states.Message, StringComparison.Ordinal);
        Assert.Equal("initialStates", Assert.Throws<ArgumentException>(() => new EventProblem<HandBouncingBall>([1.0], loss)).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new EventProblem<HandBouncingBall>([1.0, 0.0], loss, maxDegreeOfParallelism: 0)).ParamName);
        NotSupportedException continuous = Assert.Throws<NotSupportedException>(() => new EventProblem<HandBouncingBall>([1.0, 0.0], loss, sensitivity: new ContinuousAdjoint()));
        Assert.Contains("ContinuousAdjoint", continuous.Message, StringComparison.Ordinal);
        NotSupportedException lanes = Assert.Throws<NotSupportedException>(() => new EventProblem<HandBouncingBall>([1.0, 0.0], loss, sensitivity: new DiscreteAdjoint(StepSharing.PerGroup)));
        Assert.Contains("PerGroup", lanes.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => new EventProblem<HandBouncingBall>([1.0, 0.0], loss, OdeSolver.Kvaerno5()));
        var problem = new EventProblem<HandBouncingBall>([1.0, 0.0], loss, maxDegreeOfParallelism: 1);
        ArgumentException theta = Assert.Throws<ArgumentException>(() => problem.ComputeGradient([double.NaN, 9.81]));
        Assert.Equal("parameters", theta.ParamName);
        Assert.Contains("NaN", theta.Message, StringComparison.Ordinal);
        Assert.Equal("targetTimes", Assert.Throws<ArgumentException>(() => new EventTimeLoss(2, 0, [1.0, double.NaN], 1, 3.0)).ParamName);
        Assert.Equal("finalTime", Assert.Throws<ArgumentOutOfRangeException>(() => new EventTimeLoss(2, 0, [1.0], 1, double.NaN)).ParamName);
    }

    [Fact]
    public void Gradient_TooFewEvents_ThrowsNamingTheEventAndCount()
    {
        // Four bounce times asked for, but the solve ends at t = 1.2, after the first bounce only (t_1 ≈ 1.06).
        var loss = new EventTimeLoss(2, 0, [1.0, 2.0, 3.0, 4.0], 1, finalTime: 1.2);
        var problem = new EventProblem<HandBouncingBall>([H0, V0], loss, maxDegreeOfParallelism: 1);
        OdeEventException failure = Assert.Throws<OdeEventException>(() => problem.ComputeGradient([0.8, 9.81]));
        Assert.Equal("Floor", failure.EventName);
        Assert.Contains("1 occurrences", failure.Message, StringComparison.Ordinal);
        Assert.Contains("reads 4", failure.Message, StringComparison.Ordinal);
        Assert.Equal(double.PositiveInfinity, problem.EvaluateLoss([0.8, 9.81]));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Gradient_ObservationAfterATerminalEvent_ThrowsNamingTheTimes(string method)
    {
        // The level 0.25 is crossed at t* = ln 8 / 1.3 ≈ 1.6; an observation at t = 3 cannot be reached.
        var loss = new StateLossOneState([1.0, 3.0], finalTime: 4.0);
        var problem = new EventProblem<HandThreshold>([2.0], loss, OdeSolver.Dopri5(1e-10, 1e-12), MethodByName(method), maxDegreeOfParallelism: 1);
        InvalidOperationException failure = Assert.Throws<InvalidOperationException>(() => problem.ComputeGradient([1.3, 0.25]));
        Assert.Contains("observation time 3 (index 1)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("terminal event", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>½x(τ_k)² for a one-state model.</summary>
    private sealed class StateLossOneState(double[] times, double finalTime) : IEventLoss
    {
        public int SampleCount => 1;

        public int StateCount => 1;

        public double FinalTime => finalTime;

        public ReadOnlySpan<double> ObservationTimes => times;

        public double EvaluateState(int sample, int observation, ReadOnlySpan<double> state, Span<double> gradient)
        {
            gradient[0] = state[0];
            return 0.5 * state[0] * state[0];
        }

        public double EvaluateEvent(int sample, int eventIndex, int occurrence, double time, out double timeGradient)
        {
            timeGradient = 0.0;
            return 0.0;
        }
    }

    /// <summary>½‖x(τ_k) − target_k‖² at given times (a custom <see cref="IEventLoss"/>).</summary>
    private sealed class StateLoss(double[] times, double finalTime, double[] targets) : IEventLoss
    {
        public double[] Targets => targets;

        public int SampleCount => 1;

        public int StateCount => 2;

        public double FinalTime => finalTime;

        public ReadOnlySpan<double> ObservationTimes => times;

        public double EvaluateState(int sample, int observation, ReadOnlySpan<double> state, Span<double> gradient)
        {
            double l = 0.0;
            for (int i = 0; i < 2; i++)
            {
                double r = state[i] - targets[(2 * observation) + i];
                gradient[i] = r;
                l += 0.5 * r * r;
            }

            return l;
        }

        public double EvaluateEvent(int sample, int eventIndex, int occurrence, double time, out double timeGradient)
        {
            timeGradient = 0.0;
            return 0.0;
        }
    }

    /// <summary>Bounce times and the height at two times: both kinds of term at once.</summary>
    private sealed class StateAndTimeLoss(double[] targets) : IEventLoss
    {
        private static readonly double[] Times = [0.8, 2.1];

        public int SampleCount => 1;

        public int StateCount => 2;

        public double FinalTime => 4.5;

        public ReadOnlySpan<double> ObservationTimes => Times;

        public int RequiredOccurrences(int eventIndex) => targets.Length;

        public double EvaluateState(int sample, int observation, ReadOnlySpan<double> state, Span<double> gradient)
        {
            gradient[0] = state[0];
            gradient[1] = 0.0;
            return 0.5 * state[0] * state[0];
        }

        public double EvaluateEvent(int sample, int eventIndex, int occurrence, double time, out double timeGradient)
        {
            double r = occurrence < targets.Length ? time - targets[occurrence] : 0.0;
            timeGradient = r;
            return 0.5 * r * r;
        }
    }
}
