using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="OdeSolver"/>'s factories: what each keeps, what each refuses (with the argument's name and value in the
/// message), and the fixed-step grid <see cref="OdeSolver.StepsFor"/>. The solver tests build solvers only with valid
/// settings and read few of the properties back.
/// </summary>
/// <remarks>The messages format values with the current culture, so the expected words do too.</remarks>
public sealed class OdeSolverFactoryTests
{
    public static TheoryData<string, string, Func<OdeSolver>> BadSettings => new()
    {
        { "steps", "at least 1; got 0", () => OdeSolver.Fixed(Tableaus.Rk4, 0) },
        { "steps", $"at least 1; got {-3}", () => OdeSolver.Fixed(ImplicitTableaus.Rodas4, -3) },
        { "steps", "at least 1; got 0", () => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 0) },
        { "relativeTolerance", "positive and finite; got 0", () => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 5, relativeTolerance: 0.0) },
        { "relativeTolerance", $"positive and finite; got {double.PositiveInfinity}", () => OdeSolver.Adaptive(Tableaus.DormandPrince54, double.PositiveInfinity) },
        { "absoluteTolerance", $"positive and finite; got {double.NaN}", () => OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-6, double.NaN) },
        { "absoluteTolerance", $"positive and finite; got {-1.0}", () => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 5, 1e-6, -1.0) },
        { "initialStep", $"got {-0.5}", () => OdeSolver.Adaptive(Tableaus.DormandPrince54, initialStep: -0.5) },
        { "initialStep", $"got {double.NaN}", () => OdeSolver.Adaptive(ImplicitTableaus.Rodas4, initialStep: double.NaN) },
        { "initialStep", $"got {double.PositiveInfinity}", () => OdeSolver.Adaptive(ImplicitTableaus.Kvaerno5, initialStep: double.PositiveInfinity) },
        { "maxSteps", "at least 1; got 0", () => OdeSolver.Adaptive(Tableaus.DormandPrince54, maxSteps: 0) },
        { "maxSteps", "at least 1; got 0", () => OdeSolver.Adaptive(ImplicitTableaus.Rodas4, maxSteps: 0) },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Factory_SettingOutOfRange_ThrowsNamingItAndItsValue(string name, string words, Func<OdeSolver> create)
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => create());

        Assert.Equal(name, error.ParamName);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factories_NullTableau_ThrowNamingIt()
    {
        Assert.Equal("tableau", Assert.Throws<ArgumentNullException>(() => OdeSolver.Fixed((ButcherTableau)null!, 1)).ParamName);
        Assert.Equal("tableau", Assert.Throws<ArgumentNullException>(() => OdeSolver.Fixed((RosenbrockTableau)null!, 1)).ParamName);
        Assert.Equal("tableau", Assert.Throws<ArgumentNullException>(() => OdeSolver.Fixed((DiagonallyImplicitTableau)null!, 1)).ParamName);
        Assert.Equal("tableau", Assert.Throws<ArgumentNullException>(() => OdeSolver.Adaptive((ButcherTableau)null!)).ParamName);
        Assert.Equal("tableau", Assert.Throws<ArgumentNullException>(() => OdeSolver.Adaptive((RosenbrockTableau)null!)).ParamName);
        Assert.Equal("tableau", Assert.Throws<ArgumentNullException>(() => OdeSolver.Adaptive((DiagonallyImplicitTableau)null!)).ParamName);
    }

    [Fact]
    public void Adaptive_TableauWithoutEmbeddedWeights_ThrowsNamingIt()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => OdeSolver.Adaptive(Tableaus.Rk4));

        Assert.Equal("tableau", error.ParamName);
        Assert.Contains($"'{Tableaus.Rk4.Name}' has no embedded error estimate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_Explicit_KeepsItsSettings()
    {
        OdeSolver solver = OdeSolver.Rk4(7);

        Assert.Equal(SolverFamily.ExplicitRungeKutta, solver.Family);
        Assert.False(solver.IsImplicit);
        Assert.False(solver.IsAdaptive);
        Assert.Same(Tableaus.Rk4, solver.Tableau);
        Assert.Null(solver.RosenbrockTableau);
        Assert.Null(solver.DiagonallyImplicitTableau);
        Assert.Equal(7, solver.Steps);
        Assert.Equal(4, solver.Order);
        Assert.Equal(Tableaus.Rk4.Name, solver.MethodName);
        Assert.Equal($"{Tableaus.Rk4.Name} (7 steps)", solver.ToString());
    }

    [Fact]
    public void Adaptive_Explicit_KeepsItsSettings()
    {
        OdeSolver solver = OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-5, 1e-7, initialStep: 0.01, maxSteps: 123);

        Assert.True(solver.IsAdaptive);
        Assert.Equal(0, solver.Steps);
        Assert.Equal(1e-5, solver.RelativeTolerance);
        Assert.Equal(1e-7, solver.AbsoluteTolerance);
        Assert.Equal(0.01, solver.InitialStep);
        Assert.Equal(123, solver.MaxSteps);
        Assert.Equal(5, solver.Order);
        Assert.Equal($"{Tableaus.DormandPrince54.Name} (rtol {1e-5}, atol {1e-7})", solver.ToString());
    }

    [Fact]
    public void Rosenbrock_IsImplicitAndHasNoButcherTableau()
    {
        OdeSolver solver = OdeSolver.Rodas4(1e-4, 1e-6);

        Assert.Equal(SolverFamily.Rosenbrock, solver.Family);
        Assert.True(solver.IsImplicit);
        Assert.Same(ImplicitTableaus.Rodas4, solver.RosenbrockTableau);
        Assert.Null(solver.DiagonallyImplicitTableau);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => solver.Tableau);
        Assert.Contains($"{solver.MethodName} is a Rosenbrock method", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Esdirk_Fixed_KeepsItsNewtonTolerances()
    {
        OdeSolver solver = OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, 20, 1e-9, 1e-11);

        Assert.Equal(SolverFamily.Esdirk, solver.Family);
        Assert.True(solver.IsImplicit);
        Assert.False(solver.IsAdaptive);
        Assert.Same(ImplicitTableaus.Kvaerno5, solver.DiagonallyImplicitTableau);
        Assert.Null(solver.RosenbrockTableau);
        Assert.Equal(20, solver.Steps);
        Assert.Equal(1e-9, solver.RelativeTolerance);
        Assert.Equal(1e-11, solver.AbsoluteTolerance);
        Assert.Equal(ImplicitTableaus.Kvaerno5.Order, solver.Order);
    }

    [Fact]
    public void Adaptive_ZeroInitialStep_MeansAutomatic()
    {
        Assert.Equal(0.0, OdeSolver.Adaptive(ImplicitTableaus.Kvaerno5, initialStep: 0.0).InitialStep);
    }

    [Theory]
    [InlineData(1.0, 1.0, 10)] // the whole horizon: the nominal count
    [InlineData(0.35, 1.0, 4)] // 3.5 nominal steps round up
    [InlineData(0.3, 1.0, 3)] // 0.3/1·10 = 3.0000000000000004 in binary: the 1e-9 slack keeps it at 3
    [InlineData(0.0, 1.0, 1)] // an empty interval still takes one step
    [InlineData(1.0, 2.0, 5)] // half of a horizon of 2
    public void StepsFor_IntervalOfTheHorizon_SplitsItIntoEqualNominalSteps(double length, double horizon, int expected)
    {
        Assert.Equal(expected, OdeSolver.Rk4(10).StepsFor(length, horizon));
    }

    [Fact]
    public void FixedStepSizeAndAdaptive_RangeMessages_NameTheValue()
    {
        Assert.Equal("tableau", Assert.Throws<ArgumentNullException>(() => OdeSolver.FixedStepSize(null!, 0.1)).ParamName);
        Assert.StartsWith(
            "The step size must be positive and finite; got 0.",
            Assert.Throws<ArgumentOutOfRangeException>(() => OdeSolver.FixedStepSize(Tableaus.Rk4, 0.0)).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "The maximum step must be positive and finite, or 0 for no limit; got -1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, maxStep: -1.0)).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "The minimum step must be positive and finite, or 0 for no limit; got -1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, minStep: -1.0)).Message,
            StringComparison.Ordinal);
        Assert.Equal("errorNorm", Assert.Throws<ArgumentNullException>(() => OdeSolver.Dopri5().WithErrorNorm(null!)).ParamName);
    }

    [Fact]
    public void Adaptive_MinimumStepEqualToTheMaximum_IsAllowed()
    {
        // Only a minimum above the maximum is refused; equal limits pin the step.
        OdeSolver solver = OdeSolver.Adaptive(Tableaus.DormandPrince54, maxStep: 0.1, minStep: 0.1);

        Assert.Equal((0.1, 0.1), (solver.MinStep, solver.MaxStep));
    }

    [Fact]
    public void StepsFor_AtAndPastTheIntegerLimit_CountsOrRefuses()
    {
        // Steps of 1 over 2³¹ − 1 is exactly int.MaxValue steps (allowed); over 3·10⁹ it is more than a solve can take.
        OdeSolver solver = OdeSolver.FixedStepSize(Tableaus.Rk4, 1.0);

        Assert.Equal(int.MaxValue, solver.StepsFor(int.MaxValue, 1.0));
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => solver.StepsFor(3e9, 1.0));
        Assert.Equal("length", error.ParamName);
        Assert.StartsWith(
            $"An interval of length 3000000000 needs 3000000000 steps of {solver}, more than a solve can take (2147483647).",
            error.Message,
            StringComparison.Ordinal);
    }
}
