using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers.Solutions;

/// <summary>
/// What the mutation run of 2026-12-05 found untested in the solve into a <see cref="Solution"/>: the argument checks,
/// a fixed grid whose steps do not add up to t1 exactly, and the direction named in <see cref="SaveAt"/>'s messages.
/// </summary>
public sealed class SolutionArgumentTests
{
    private static readonly double[] Prey = [1.0, 1.0];
    private static readonly double[] Rates = [1.5, 1.0, 1.0, 3.0];

    [Theory]
    [InlineData(double.NaN, 1.0, "t0")]
    [InlineData(0.0, double.PositiveInfinity, "t1")]
    [InlineData(double.NegativeInfinity, 1.0, "t0")]
    public void Solve_NonFiniteTime_NamesIt(double t0, double t1, string name)
    {
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Dopri5());
        var exception = Assert.ThrowsAny<ArgumentException>(() => integrator.Solve(t0, t1, Prey, Rates, SaveAt.Steps));
        Assert.Equal(name, exception.ParamName);
    }

    [Fact]
    public void Solve_NullSaveAt_NamesIt()
    {
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Dopri5());
        var exception = Assert.Throws<ArgumentNullException>(() => integrator.Solve(0.0, 1.0, Prey, Rates, (SaveAt)null!));
        Assert.Equal("saveAt", exception.ParamName);
    }

    [Theory]
    [InlineData(0.0, 0.9, "Rk4")]
    [InlineData(0.9, 0.0, "Rk4")]
    [InlineData(0.0, 0.9, "Rodas4")]
    [InlineData(0.9, 0.0, "Kvaerno5")]
    public void FixedSteps_WhoseSumMissesT1_EndExactlyOnIt(double t0, double t1, string method)
    {
        // h = ±0.9/7 and 7·h = 0.9000000000000001 in doubles (0.9 + 7h = −1.1e-16 backwards): the last step must end on t1
        // itself, not on t0 + 7h (the explicit and the implicit loops each have that rule).
        double h = (t1 - t0) / 7;
        Assert.NotEqual(t1, t0 + (7 * h));
        OdeSolver solver = method switch
        {
            "Rk4" => OdeSolver.Rk4(7),
            "Rodas4" => OdeSolver.Fixed(ImplicitTableaus.Rodas4, 7),
            _ => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 7),
        };
        var integrator = new OdeIntegrator<LotkaVolterra>(solver);

        Solution solution = integrator.Solve(t0, t1, Prey, Rates, SaveAt.Steps);

        Assert.Equal(8, solution.Count);
        Assert.Equal(t1, solution.Times[^1]);
        Assert.Equal(t1, solution.FinalTime);
        Assert.Equal(t0 + (3 * h), solution.Times[3]);
    }

    [Fact]
    public void SaveAtSteps_MoreStepsThanTheInitialCapacity_KeepsEveryPoint()
    {
        // 200 fixed steps: the saved arrays grow past their first capacity (16 points) by doubling, and keep the order.
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Rk4(200));
        double[] final = new double[2];
        integrator.Solve(0.0, 2.0, Prey, Rates, final);

        Solution solution = integrator.Solve(0.0, 2.0, Prey, Rates, SaveAt.Steps);

        Assert.Equal(201, solution.Count);
        Assert.Equal(Prey, solution.State(0).ToArray());
        Assert.Equal(final, solution.State(200).ToArray());
        for (int k = 1; k < solution.Count; k++)
        {
            Assert.True(solution.Times[k] > solution.Times[k - 1], $"times[{k}]");
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void State_IndexOutsideTheSavedPoints_NamesIt(int index)
    {
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Dopri5());
        Solution solution = integrator.Solve(0.0, 1.0, Prey, Rates, SaveAt.Times([0.2, 0.5, 1.0]));

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => solution.State(index));
        Assert.Equal("index", exception.ParamName);
    }

    [Theory]
    [InlineData(new[] { 1.0, 0.5, 0.7 }, "strictly decreasing", "times[2] = 0.7")]
    [InlineData(new[] { 0.0, 1.0, 0.5 }, "strictly increasing", "times[2] = 0.5")]
    [InlineData(new[] { 0.0, double.NaN }, "strictly increasing", "times[1] = NaN")]
    public void SaveAtTimes_OutOfOrder_NamesTheDirectionOfTheFirstTwoAndTheEntry(double[] times, string direction, string entry)
    {
        var exception = Assert.Throws<ArgumentException>(() => SaveAt.Times(times));

        Assert.Equal("times", exception.ParamName);
        Assert.Contains(direction, exception.Message, StringComparison.Ordinal);
        Assert.Contains(entry, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveAtTimes_Empty_SaysSo()
    {
        var exception = Assert.Throws<ArgumentException>(() => SaveAt.Times([]));
        Assert.Contains("times is empty", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 1.0, new[] { 0.5, 1.5 }, "forwards (increasing)")]
    [InlineData(1.0, 0.0, new[] { 0.5, -0.5 }, "backwards (decreasing)")]
    public void Solve_SaveTimeOutsideTheSpan_NamesTheSolveDirection(double t0, double t1, double[] times, string direction)
    {
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Dopri5());
        var exception = Assert.Throws<ArgumentException>(() => integrator.Solve(t0, t1, Prey, Rates, SaveAt.Times(times)));

        Assert.Contains("times[1]", exception.Message, StringComparison.Ordinal);
        Assert.Contains(direction, exception.Message, StringComparison.Ordinal);
    }
}
