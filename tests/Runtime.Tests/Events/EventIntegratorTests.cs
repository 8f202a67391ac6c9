using System;
using NeuralOdeGen.Runtime.Tests.Events.Models;

namespace NeuralOdeGen.Runtime.Tests.Events;

/// <summary>Solving with events: location against closed forms, direction, terminal events, jumps, t0, chattering, bad input.</summary>
public sealed class EventIntegratorTests
{
    private const double H0 = 2.0;
    private const double V0 = 1.5;
    private const double Gravity = 9.81;

    public static TheoryData<string> Solvers => new() { "Dopri5", "Tsit5", "BS3", "Rk4" };

    /// <summary>The ball's bounce times from the closed form: first landing, then flights of 2·e^k·v_impact/g.</summary>
    internal static double[] BounceTimes(double h0, double v0, double e, double g, int count, double t0 = 0.0)
    {
        double[] times = new double[count];
        double impact = Math.Sqrt((v0 * v0) + (2.0 * g * h0));
        times[0] = t0 + ((v0 + impact) / g);
        for (int k = 1; k < count; k++)
        {
            impact *= e;
            times[k] = times[k - 1] + (2.0 * impact / g);
        }

        return times;
    }

    internal static OdeSolver SolverByName(string name) => name switch
    {
        "Dopri5" => OdeSolver.Dopri5(1e-10, 1e-12),
        "Tsit5" => OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-10, 1e-12),
        "BS3" => OdeSolver.Adaptive(Tableaus.BogackiShampine32, 1e-10, 1e-12),
        _ => OdeSolver.FixedStepSize(Tableaus.Rk4, 0.01),
    };

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Solve_BouncingBall_LocatesEveryBounceAtTheClosedForm(string solver)
    {
        var integrator = new EventIntegrator<HandBouncingBall>(SolverByName(solver));
        EventSolution solution = integrator.Solve(0.0, 4.0, [H0, V0], [0.8, Gravity], SaveAt.Steps);
        double[] expected = BounceTimes(H0, V0, 0.8, Gravity, 12);
        int count = 0;
        while (count < expected.Length && expected[count] <= 4.0)
        {
            count++;
        }

        Assert.Equal(count, solution.Count);
        for (int k = 0; k < count; k++)
        {
            // The flight is a quadratic: every method here (order ≥ 3) and its dense output (order ≥ 3) are exact on it,
            // so only rounding remains — a few ulps per step of t ≈ 4 accumulated over ~10 bounces.
            Assert.True(Math.Abs(solution.Times[k] - expected[k]) <= 1e-12, $"bounce {k}: {solution.Times[k]:R} vs {expected[k]:R}");
            Assert.Equal(0, solution.Indices[k]);
            Assert.Equal(-0.8 * solution.StateBefore(k)[1], solution.StateAfter(k)[1]);
        }

        Assert.Equal(SolutionStatus.Completed, solution.Trajectory.Status);
        Assert.Equal(4.0, solution.Trajectory.FinalTime);
        Assert.Equal(-1, solution.TerminalEvent);
    }

    [Theory]
    [InlineData(1e-2)]
    [InlineData(1e-5)]
    [InlineData(0.0)]
    public void Solve_TimeTolerance_BoundsTheLocationError(double tolerance)
    {
        // x = x0·e^{−a t} falls through c at t* = ln(x0/c)/a = ln 8 / 1.3.
        var integrator = new EventIntegrator<HandThreshold>(OdeSolver.Dopri5(1e-12, 1e-14), new EventOptions { TimeTolerance = tolerance });
        EventSolution solution = integrator.Solve(0.0, 10.0, [2.0], [1.3, 0.25], SaveAt.Steps);
        double exact = Math.Log(8.0) / 1.3;
        Assert.Equal(1, solution.Count);

        // The bracket is at most `tolerance` wide and holds the root of the interpolant, which the solver (rtol 1e-12)
        // puts within ~1e-11 of the exact one; the returned end lies past the crossing.
        double error = solution.Times[0] - exact;
        Assert.True(Math.Abs(error) <= tolerance + 1e-10, $"error {error:E3}");
        Assert.True(error >= -1e-10, $"error {error:E3}: the event time is past the crossing");
    }

    [Fact]
    public void Solve_TerminalEvent_EndsTheSolveAtTheRoot()
    {
        var integrator = new EventIntegrator<HandThreshold>(OdeSolver.Dopri5(1e-12, 1e-14));
        EventSolution solution = integrator.Solve(0.0, 10.0, [2.0], [1.3, 0.25], SaveAt.Dense);
        double exact = Math.Log(8.0) / 1.3;
        Assert.Equal(SolutionStatus.TerminatedByEvent, solution.Trajectory.Status);
        Assert.Equal(0, solution.TerminalEvent);
        Assert.Equal(solution.Times[0], solution.Trajectory.FinalTime);

        // The last saved state is the step's end at t*: x(t*) = c to the solver's accuracy (rtol 1e-12).
        Assert.Equal(0.25, solution.Trajectory.State(solution.Trajectory.Count - 1)[0], 1e-11);
        Assert.Equal(exact, solution.Trajectory.FinalTime, 1e-11);
        double[] x = new double[1];
        solution.Trajectory.Evaluate(0.5 * exact, x);
        Assert.Equal(2.0 * Math.Exp(-1.3 * 0.5 * exact), x[0], 1e-11);
    }

    [Fact]
    public void Solve_SeveralEventsInOneStep_TakesTheEarliest()
    {
        // One RK4 step over [0, 2] holds Rise (0.3), Fall's level (0.5, rising: not counted), Early (0.75) and Late (0.8).
        var integrator = new EventIntegrator<HandClock>(OdeSolver.Fixed(Tableaus.Rk4, 1));
        EventSolution solution = integrator.Solve(0.0, 2.0, [0.0], [1.0], SaveAt.Steps);
        Assert.Equal([0, 3], solution.Indices.ToArray());

        // x = t is linear: RK4 and its Hermite dense output are exact, the roots exact to rounding.
        Assert.Equal(0.3, solution.Times[0], 1e-15);
        Assert.Equal(0.75, solution.Times[1], 1e-15);
        Assert.Equal(3, solution.TerminalEvent);
        Assert.Equal(SolutionStatus.TerminatedByEvent, solution.Trajectory.Status);
    }

    [Fact]
    public void Solve_BackwardsInTime_CountsDirectionInTime()
    {
        // From t0 = 0.7 back to 0 with x = t: x − 0.3 rises in time (fires), x − 0.5 rises in time too (Fall does not).
        var integrator = new EventIntegrator<HandClock>(OdeSolver.Dopri5(1e-10, 1e-12));
        EventSolution solution = integrator.Solve(0.7, 0.0, [0.7], [1.0], SaveAt.Steps);
        Assert.Equal([0], solution.Indices.ToArray());
        Assert.Equal(0.3, solution.Times[0], 1e-14);
        Assert.Equal(SolutionStatus.Completed, solution.Trajectory.Status);
        Assert.Equal(0.0, solution.Trajectory.FinalTime);
    }

    [Fact]
    public void Solve_BouncingBallBackwards_FindsTheLandingBeforeT0()
    {
        // The ball on the floor moving down at t0 = 0, solved back to t = −1: h(t) = −1.5·t − g·t²/2 is positive on
        // (−3/g, 0) and crosses 0 at t = −3/g going down in reversed time, i.e. rising in time: the Falling floor event
        // does not fire, and the state at −1 is the free flight's.
        var integrator = new EventIntegrator<HandBouncingBall>(OdeSolver.Dopri5(1e-10, 1e-12));
        EventSolution solution = integrator.Solve(0.0, -1.0, [0.0, -1.5], [0.8, Gravity], SaveAt.Steps);
        Assert.Equal(0, solution.Count);
        double[] end = new double[2];
        end[0] = (-1.5 * -1.0) - (0.5 * Gravity);
        Assert.Equal(end[0], solution.Trajectory.State(solution.Trajectory.Count - 1)[0], 1e-12);
    }

    [Fact]
    public void Solve_EventFunctionZeroAtT0_DoesNotFireThere()
    {
        // The ball starts on the floor moving up: h(0) = 0 does not count; the first bounce is the landing at 2·v0/g.
        var integrator = new EventIntegrator<HandBouncingBall>(OdeSolver.Dopri5(1e-10, 1e-12));
        EventSolution solution = integrator.Solve(0.0, 0.5, [0.0, 2.0], [0.8, Gravity], SaveAt.Steps);
        Assert.Equal(1, solution.Count);
        Assert.Equal(2.0 * 2.0 / Gravity, solution.Times[0], 1e-13);

        // The clock's Rise sits on its level at t0 = 0.3 and only passes it upwards: no event at all.
        EventSolution clock = new EventIntegrator<HandClock>(OdeSolver.Dopri5(1e-10, 1e-12)).Solve(0.3, 0.7, [0.3], [1.0], SaveAt.Steps);
        Assert.Equal(0, clock.Count);
    }

    [Fact]
    public void Solve_ChatteringEvent_ThrowsNamingTheEventAndTime()
    {
        var integrator = new EventIntegrator<HandChatter>(OdeSolver.Dopri5(1e-8, 1e-10), new EventOptions { MaxEventCount = 50 });
        OdeEventException failure = Assert.Throws<OdeEventException>(() => integrator.Solve(0.0, 2.0, [0.0], [1.0], SaveAt.Steps));
        Assert.Equal("Wall", failure.EventName);
        Assert.Equal(0, failure.EventIndex);

        // The 51st firing: the wall at t = 1, then 50 returns 1e-6 apart.
        Assert.Equal(1.0 + (50 * 1e-6), failure.Time, 1e-9);
        Assert.Contains("Wall", failure.Message, StringComparison.Ordinal);
        Assert.Contains("chatters", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_DenseAcrossJumps_EvaluatesEachFlightOnItsOwnSteps()
    {
        var integrator = new EventIntegrator<HandBouncingBall>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-10, 1e-12));
        EventSolution solution = integrator.Solve(0.0, 2.0, [H0, V0], [0.8, Gravity], SaveAt.Dense);
        double[] bounces = BounceTimes(H0, V0, 0.8, Gravity, 2);
        double[] x = new double[2];
        double speed = 0.8 * Math.Sqrt((V0 * V0) + (2.0 * Gravity * H0));
        foreach (double t in new[] { 0.3, bounces[0] + 0.1, bounces[0] + 0.5 })
        {
            solution.Trajectory.Evaluate(t, x);
            double expected = t < bounces[0] ? H0 + (V0 * t) - (0.5 * Gravity * t * t) : (speed * (t - bounces[0])) - (0.5 * Gravity * (t - bounces[0]) * (t - bounces[0]));

            // Quadratic flights: the interpolant is exact to rounding.
            Assert.Equal(expected, x[0], 1e-12);
        }

        // At the bounce itself the trajectory gives the state before the jump.
        solution.Trajectory.Evaluate(bounces[0], x);
        Assert.True(x[1] < 0.0);
    }

    [Fact]
    public void Solve_FixedStepAfterAnEvent_ContinuesOnItsGrid()
    {
        var integrator = new EventIntegrator<HandClock>(OdeSolver.Fixed(Tableaus.Rk4, 4));
        EventSolution solution = integrator.Solve(0.0, 0.7, [0.0], [1.0], SaveAt.Steps);
        Assert.Equal(1, solution.Count);

        // Grid 0, 0.175, 0.35, 0.525, 0.7 with the event step 0.175 → 0.3 retaken, then 0.3 → 0.35 onto the grid.
        Assert.Equal([0.0, 0.175, 0.3, 0.35, 0.525, 0.7], solution.Trajectory.Times.ToArray(), (a, b) => Math.Abs(a - b) <= 1e-15);
    }

    [Fact]
    public void Solve_BadInput_ThrowsNamingTheArgumentAndValue()
    {
        var integrator = new EventIntegrator<HandBouncingBall>(OdeSolver.Dopri5());
        Assert.Equal("t0", Assert.Throws<ArgumentOutOfRangeException>(() => integrator.Solve(double.NaN, 1.0, [1.0, 0.0], [0.8, Gravity], SaveAt.Steps)).ParamName);
        Assert.Equal("t1", Assert.Throws<ArgumentOutOfRangeException>(() => integrator.Solve(0.0, double.PositiveInfinity, [1.0, 0.0], [0.8, Gravity], SaveAt.Steps)).ParamName);
        Assert.Equal("saveAt", Assert.Throws<ArgumentNullException>(() => integrator.Solve(0.0, 1.0, [1.0, 0.0], [0.8, Gravity], null!)).ParamName);
        ArgumentException state = Assert.Throws<ArgumentException>(() => integrator.Solve(0.0, 1.0, [1.0, double.NaN], [0.8, Gravity], SaveAt.Steps));
        Assert.Equal("initialState", state.ParamName);
        Assert.Contains("NaN", state.Message, StringComparison.Ordinal);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => integrator.Solve(0.0, 1.0, [1.0, 0.0], [0.8], SaveAt.Steps)).ParamName);
        Assert.Equal("saveAt", Assert.Throws<ArgumentException>(() => integrator.Solve(0.0, 1.0, [1.0, 0.0], [0.8, Gravity], SaveAt.Times([2.0]))).ParamName);
        Assert.Equal("solver", Assert.Throws<ArgumentNullException>(() => new EventIntegrator<HandBouncingBall>(null!)).ParamName);
        NotSupportedException implicitSolver = Assert.Throws<NotSupportedException>(() => new EventIntegrator<HandBouncingBall>(OdeSolver.Rodas5P()));
        Assert.Contains("Rodas5P", implicitSolver.Message, StringComparison.Ordinal);
        ArgumentOutOfRangeException tolerance = Assert.Throws<ArgumentOutOfRangeException>(() => new EventOptions { TimeTolerance = double.NaN });
        Assert.Equal("TimeTolerance", tolerance.ParamName);
        Assert.Contains("NaN", tolerance.Message, StringComparison.Ordinal);
        Assert.Equal("TimeTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new EventOptions { TimeTolerance = -1e-3 }).ParamName);
        Assert.Equal("MaxEventCount", Assert.Throws<ArgumentOutOfRangeException>(() => new EventOptions { MaxEventCount = 0 }).ParamName);
    }

    [Theory]
    [InlineData("Tsit5", "Dense", 0.0)]
    [InlineData("Rk4", "Steps", 0.0)]
    [InlineData("Dopri5", "Times", 1e-6)]
    public void Solve_Warmed_AllocatesNothing(string solver, string save, double tolerance)
    {
        var integrator = new EventIntegrator<HandBouncingBall>(SolverByName(solver), new EventOptions { TimeTolerance = tolerance, MaxEventCount = 100 });
        var solution = new EventSolution();
        SaveAt saveAt = save switch
        {
            "Dense" => SaveAt.Dense,
            "Steps" => SaveAt.Steps,
            _ => SaveAt.Times([0.5, 1.5, 2.5, 3.5], dense: true),
        };
        double[] x0 = [H0, V0];
        double[] p = [0.8, Gravity];
        integrator.Solve(0.0, 4.0, x0, p, saveAt, solution);
        integrator.Solve(0.0, 4.0, x0, p, saveAt, solution);
        long before = GC.GetAllocatedBytesForCurrentThread();
        integrator.Solve(0.0, 4.0, x0, p, saveAt, solution);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact: any allocation per step, per event or per solve shows up.
        Assert.True(allocated == 0, $"{allocated} bytes allocated over {solution.Count} events");
        Assert.Equal(5, solution.Count);
    }

    [Fact]
    public void Solve_WarmedBackwardsWithTimeDependentJumps_AllocatesNothing()
    {
        var integrator = new EventIntegrator<HandMovingWall>(OdeSolver.Dopri5(1e-8, 1e-10));
        var solution = new EventSolution();
        double[] x0 = [-0.4];
        double[] p = [0.5, 1.3, 0.6];
        integrator.Solve(0.0, -3.0, x0, p, SaveAt.Dense, solution);
        integrator.Solve(0.0, -3.0, x0, p, SaveAt.Dense, solution);
        long before = GC.GetAllocatedBytesForCurrentThread();
        integrator.Solve(0.0, -3.0, x0, p, SaveAt.Dense, solution);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact, as above. The wall events backwards: t_j = −0.5·1.75^{j−1} = −0.5, −0.875, −1.53, −2.68.
        Assert.True(allocated == 0, $"{allocated} bytes allocated");
        Assert.Equal(4, solution.Count);

        // Linear motion: exact to rounding.
        Assert.Equal(-0.5 * 1.75 * 1.75 * 1.75, solution.Times[3], 1e-13);
    }
}
