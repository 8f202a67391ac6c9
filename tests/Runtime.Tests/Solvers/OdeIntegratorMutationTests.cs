using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="OdeIntegrator{TModel}"/>'s front door as the mutation run found it untested: the argument checks of both
/// <c>Solve</c> overloads with names and messages, the statistics of one solve (not accumulated over solves, and empty for
/// a solve that takes no step), fixed grids that start away from t = 0, the last grid step ending on t1 exactly, and the
/// horizon the stiffness diagnosis multiplies the eigenvalue by. Whole-number times where a message prints them, so the
/// messages read the same in every culture.
/// </summary>
/// <remarks>
/// Shear (<c>ẋ₀ = a</c>, <c>ẋ₁ = b·x₀</c>) has a quadratic solution that RK4 and Rodas4 reproduce to rounding: from
/// x(t0) = (1, 2) with (a, b) = (0.5, 3), x(t0 + s) = (1 + s/2, 2 + 3(s + s²/4)).
/// </remarks>
public sealed class OdeIntegratorMutationTests
{
    private const double Rounding = 1e-12; // a few ulps of values below 20
    private static readonly double[] X0 = [1.0, 2.0];
    private static readonly double[] Theta = [0.5, 3.0];

    [Fact]
    public void Constructor_NullSolver_Throws() =>
        Assert.Equal("solver", Assert.Throws<ArgumentNullException>(() => new OdeIntegrator<Shear>(null!)).ParamName);

    [Theory]
    [InlineData(double.NaN, 1.0, "t0")]
    [InlineData(0.0, double.PositiveInfinity, "t1")]
    public void Solve_NonFiniteTime_NamesIt(double t0, double t1, string name)
    {
        var integrator = new OdeIntegrator<Shear>(OdeSolver.Rk4(4));

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => integrator.Solve(t0, t1, X0, Theta, new double[2]));

        Assert.Equal(name, error.ParamName);
        Assert.Contains($"{name} must be finite; got ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SolveOutputs_NonFiniteStart_NamesIt() =>
        Assert.Equal("t0", Assert.Throws<ArgumentOutOfRangeException>(
            () => new OdeIntegrator<Shear>(OdeSolver.Rk4(4)).Solve(double.NaN, [1.0], X0, Theta, new double[2])).ParamName);

    [Fact]
    public void Solve_WrongShapes_NameTheArgumentAndBothLengths()
    {
        var integrator = new OdeIntegrator<Shear>(OdeSolver.Rk4(4));

        ArgumentException error = Assert.Throws<ArgumentException>(() => integrator.Solve(0.0, 1.0, [1.0], Theta, new double[2]));
        Assert.Equal("initialState", error.ParamName);
        Assert.StartsWith("initialState has length 1 but Shear has 2 states.", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => integrator.Solve(0.0, 1.0, X0, [1.0, 2.0, 3.0], new double[2]));
        Assert.Equal("parameters", error.ParamName);
        Assert.StartsWith("parameters has length 3 but Shear has 2 parameters.", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => integrator.Solve(0.0, 1.0, X0, Theta, new double[3]));
        Assert.Equal("finalState", error.ParamName);
        Assert.StartsWith("finalState has length 3; expected 2.", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => integrator.Solve(0.0, [1.0, 2.0], X0, Theta, new double[3]));
        Assert.Equal("outputs", error.ParamName);
        Assert.StartsWith("outputs has length 3; expected 4.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_NonFiniteStateOrParameter_NamesItsIndex()
    {
        var integrator = new OdeIntegrator<Shear>(OdeSolver.Rk4(4));

        ArgumentException error = Assert.Throws<ArgumentException>(() => integrator.Solve(0.0, 1.0, [1.0, double.NaN], Theta, new double[2]));
        Assert.Equal("initialState", error.ParamName);
        Assert.StartsWith("initialState[1] = ", error.Message, StringComparison.Ordinal);
        Assert.Contains(" is not finite.", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => integrator.Solve(0.0, 1.0, X0, [0.5, double.PositiveInfinity], new double[2]));
        Assert.Equal("parameters", error.ParamName);
        Assert.StartsWith("parameters[1] = ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SolveOutputs_NoOutputTimes_SaysSo()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new OdeIntegrator<Shear>(OdeSolver.Rk4(4)).Solve(0.0, [], X0, Theta, []));

        Assert.Equal("outputTimes", error.ParamName);
        Assert.StartsWith("At least one output time is needed; outputTimes is empty.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, new[] { 2.0, 1.0, 3.0 }, "outputTimes[1] = 1 must be finite and ≥ t0 = 0, the times strictly increasing (the last one sets the direction).")]
    [InlineData(0.0, new[] { 1.0, 1.0, 3.0 }, "outputTimes[1] = 1 must be finite and ≥ t0 = 0, the times strictly increasing")]
    [InlineData(1.0, new[] { 0.0, 3.0 }, "outputTimes[0] = 0 must be finite and ≥ t0 = 1, the times strictly increasing")]
    [InlineData(4.0, new[] { 2.0, 3.0, 0.0 }, "outputTimes[1] = 3 must be finite and ≤ t0 = 4, the times strictly decreasing")]
    public void SolveOutputs_TimeOutOfOrder_NamesItsIndexValueAndDirection(double t0, double[] times, string message)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new OdeIntegrator<Shear>(OdeSolver.Rk4(4)).Solve(t0, times, X0, Theta, new double[2 * times.Length]));

        Assert.Equal("outputTimes", error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Solve_Twice_ReportsTheWorkOfTheLastSolveOnly(bool implicitSolver)
    {
        var integrator = new OdeIntegrator<Shear>(implicitSolver ? OdeSolver.Fixed(ImplicitTableaus.Rodas4, 4) : OdeSolver.Rk4(4));
        double[] final = new double[2];

        SolverStatistics first = integrator.Solve(0.0, 2.0, X0, Theta, final);
        SolverStatistics second = integrator.Solve(0.0, 2.0, X0, Theta, final);
        Assert.Equal(4, first.Steps);
        Assert.Equal(first, second);
        Assert.Equal(first, integrator.Statistics);

        double[] outputs = new double[4];
        Assert.Equal(first, integrator.Solve(0.0, [1.0, 2.0], X0, Theta, outputs));
        Assert.Equal(first, integrator.Solve(0.0, [1.0, 2.0], X0, Theta, outputs));
        Assert.Equal(first, integrator.Statistics);

        // A solve that takes no step reports no work, also right after one that did.
        Assert.Equal(default, integrator.Solve(2.0, 2.0, X0, Theta, final));
        Assert.Equal(default, integrator.Statistics);
        integrator.Solve(0.0, 2.0, X0, Theta, final);
        Assert.Equal(default, integrator.Solve(0.0, [0.0], X0, Theta, new double[2]));
        Assert.Equal(default, integrator.Statistics);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Solve_FixedGridAwayFromZero_TakesItsStepsOverTheSpan(bool implicitSolver)
    {
        // 4 steps over [1, 3] (not over [0, 3] or [0, 4]): s = 2 gives x = (2, 2 + 3·3) = (2, 11).
        var integrator = new OdeIntegrator<Shear>(implicitSolver ? OdeSolver.Fixed(ImplicitTableaus.Rodas4, 4) : OdeSolver.Rk4(4));
        double[] final = new double[2];

        Assert.Equal(4, integrator.Solve(1.0, 3.0, X0, Theta, final).Steps);
        Assert.Equal(2.0, final[0], Rounding);
        Assert.Equal(11.0, final[1], Rounding);

        // With outputs at 2 (s = 1: (1.5, 2 + 3·1.25)) and 3.
        double[] outputs = new double[4];
        Assert.Equal(4, integrator.Solve(1.0, [2.0, 3.0], X0, Theta, outputs).Steps);
        Assert.Equal(1.5, outputs[0], Rounding);
        Assert.Equal(5.75, outputs[1], Rounding);
        Assert.Equal(2.0, outputs[2], Rounding);
        Assert.Equal(11.0, outputs[3], Rounding);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SolveOutputs_FixedGridWhoseStepsSumShort_EndsOnTheLastTimeInItsSteps(bool implicitSolver)
    {
        // h = 0.9/3 = 0.3 and 3·0.3 = 0.8999999999999999 < 0.9 in floating point: the last step must end on 0.9 itself,
        // or the output at 0.9 is not reached after 3 steps.
        var integrator = new OdeIntegrator<Shear>(implicitSolver ? OdeSolver.Fixed(ImplicitTableaus.Rodas4, 3) : OdeSolver.Rk4(3));
        double[] outputs = new double[2];

        Assert.Equal(3, integrator.Solve(0.0, [0.9], X0, Theta, outputs).Steps);
        Assert.Equal(1.45, outputs[0], Rounding); // 1 + 0.9/2
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SolveOutputs_OutputOnAStepsEnd_IsThatStepsStateToTheBit(bool adaptive)
    {
        // An output time that a step lands on is the step's state itself, not the dense output evaluated at θ = 1 (which
        // for Dormand–Prince's own interpolant agrees only to rounding): the same steps as Solve(t0, t1), the same bits.
        OdeSolver solver = adaptive ? OdeSolver.Dopri5(1e-8, 1e-8) : OdeSolver.Fixed(Tableaus.DormandPrince54, 3);
        var integrator = new OdeIntegrator<SineGrowth>(solver);
        double[] final = new double[SineGrowth.StateCount];
        double[] outputs = new double[SineGrowth.StateCount];
        double[] initial = new double[SineGrowth.StateCount];
        double[] parameters = new double[SineGrowth.ParameterCount];
        Array.Fill(initial, 0.7);
        Array.Fill(parameters, 1.3);

        integrator.Solve(0.0, 2.9, initial, parameters, final);
        integrator.Solve(0.0, [2.9], initial, parameters, outputs);

        Assert.Equal(final, outputs);
    }

    [Fact]
    public void Solve_FailureOnAShortSpanLateInTime_IsNotCalledStiff()
    {
        // ẋ = −100·x from t0 = 10 to 10.5 with at most 3 steps fails; |λ|·|t1 − t0| = 50 < 1000, so the failure is not
        // diagnosed as stiffness (with |t1 + t0| = 20.5 it would be 2050).
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-10, 1e-10, maxSteps: 3));

        OdeSolverException error = Assert.Throws<OdeSolverException>(() => integrator.Solve(10.0, 10.5, [1.0], [-100.0], new double[1]));
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, error.Reason);
        Assert.False(error.LooksStiff);

        error = Assert.Throws<OdeSolverException>(() => integrator.Solve(10.0, [10.25, 10.5], [1.0], [-100.0], new double[2]));
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, error.Reason);
        Assert.False(error.LooksStiff);
    }

    [Fact]
    public void SolveOutputs_StiffFailure_IsDiagnosed()
    {
        // ẋ = −10⁴·x over [0, 1] with at most 3 steps: |λ|·1 = 10⁴ ≥ 1000, the diagnosis is attached.
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-10, 1e-10, maxSteps: 3));

        OdeSolverException error = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, [0.5, 1.0], [1.0], [-1e4], new double[2]));

        Assert.True(error.LooksStiff);
    }
}
