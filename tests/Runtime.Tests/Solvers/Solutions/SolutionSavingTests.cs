using System;
using NeuralOdeGen.Runtime.Tests.Generated;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers.Solutions;

/// <summary>Saving at given times, at every step and densely, in both directions and from any t0.</summary>
public sealed class SolutionSavingTests
{
    private static readonly double[] Prey = [1.0, 1.0];
    private static readonly double[] Rates = [1.5, 1.0, 1.0, 3.0];

    public static TheoryData<string> Solvers => ["Tsit5", "Dopri5", "Bs3", "Rk4", "Rodas5P", "Kvaerno5"];

    internal static OdeSolver ByName(string name) => name switch
    {
        "Tsit5" => OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10),
        "Dopri5" => OdeSolver.Dopri5(1e-8, 1e-10),
        "Bs3" => OdeSolver.Adaptive(Tableaus.BogackiShampine32, 1e-6, 1e-9),
        "Rk4" => OdeSolver.Rk4(50),
        "Rodas5P" => OdeSolver.Rodas5P(1e-8, 1e-10),
        "Kvaerno5" => OdeSolver.Kvaerno5(1e-8, 1e-10),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown solver."),
    };

    [Theory]
    [MemberData(nameof(Solvers))]
    public void SaveAtTimes_EqualsTheOutputTimeSolve_BitForBit(string name)
    {
        // The same steps and the same interpolation as Solve(t0, outputTimes, …): a new option that changes nothing.
        var integrator = new OdeIntegrator<LotkaVolterra>(ByName(name));
        double[] times = [0.5, 1.0, 2.25, 3.0];
        double[] expected = new double[8];
        SolverStatistics work = integrator.Solve(0.0, times, Prey, Rates, expected);

        Solution solution = integrator.Solve(0.0, 3.0, Prey, Rates, SaveAt.Times(times));

        Assert.Equal(times, solution.Times.ToArray());
        Assert.Equal(expected, solution.States.ToArray());
        Assert.Equal(work, solution.Statistics);
        Assert.Equal(SolutionStatus.Completed, solution.Status);
        Assert.False(solution.IsDense);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void SaveAtSteps_EndsOnTheFinalStateOfSolve_WithOnePointPerStep(string name)
    {
        var integrator = new OdeIntegrator<LotkaVolterra>(ByName(name));
        double[] final = new double[2];
        SolverStatistics work = integrator.Solve(0.5, 3.0, Prey, Rates, final);

        Solution solution = integrator.Solve(0.5, 3.0, Prey, Rates, SaveAt.Steps);

        // The initial point and one per accepted step; the last is the plain solve's final state, to the bit.
        Assert.Equal(work.Steps + 1, solution.Count);
        Assert.Equal(0.5, solution.Times[0]);
        Assert.Equal(Prey, solution.State(0).ToArray());
        Assert.Equal(3.0, solution.Times[^1]);
        Assert.Equal(final, solution.State(solution.Count - 1).ToArray());
        for (int k = 1; k < solution.Count; k++)
        {
            Assert.True(solution.Times[k] > solution.Times[k - 1], $"times[{k}] = {solution.Times[k]}");
        }
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Evaluate_AtSavedPoints_IsTheSavedStateBitForBit(string name)
    {
        var integrator = new OdeIntegrator<LotkaVolterra>(ByName(name));
        double[] y = new double[2];

        // Dense: every step's end is a saved point.
        Solution dense = integrator.Solve(0.0, 3.0, Prey, Rates, SaveAt.Dense);
        for (int k = 0; k < dense.Count; k++)
        {
            dense.Evaluate(dense.Times[k], y);
            Assert.Equal(dense.State(k).ToArray(), y);
        }

        // Times with dense output: the saved states were interpolated during the solve; Evaluate interpolates afterwards
        // from what the solution kept, with the same data and formula, so again to the bit (backwards, from t0 = 3).
        Solution timed = integrator.Solve(3.0, 0.0, Prey, Rates, SaveAt.Times([2.9, 2.0, 1.234, 0.5, 0.0], dense: true));
        Assert.Equal(5, timed.Count);
        for (int k = 0; k < timed.Count; k++)
        {
            timed.Evaluate(timed.Times[k], y);
            Assert.Equal(timed.State(k).ToArray(), y);
        }
    }

    [Theory]
    [InlineData(0.0, 2.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(-1.0, 1.5)]
    [InlineData(1.5, -1.0)]
    public void Evaluate_AnywhereInTheSpan_IsTheExactSolution(double t0, double t1)
    {
        // ẋ = v, v̇ = −x from (x, v)(t0) = (1, 0): x = cos(t − t0), v = −sin(t − t0).
        var integrator = new OdeIntegrator<HarmonicOscillator>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-10, 1e-12));
        Solution solution = integrator.Solve(t0, t1, [1.0, 0.0], [1.0], SaveAt.Dense);
        double[] y = new double[2];
        for (int i = 0; i <= 100; i++)
        {
            double t = t0 + ((t1 - t0) * i / 100.0);
            solution.Evaluate(t, y);

            // rtol 1e-10 per step over ~2.5 time units: global error ≲ 1e-9; Tsit5's interpolant adds O(h⁵) of the same size.
            Assert.Equal(Math.Cos(t - t0), y[0], 1e-8);
            Assert.Equal(-Math.Sin(t - t0), y[1], 1e-8);
        }

        Assert.Equal(t0, solution.InitialTime);
        Assert.Equal(t1, solution.FinalTime);
    }

    [Theory]
    [InlineData(0.0, 2.0, -0.001)]
    [InlineData(0.0, 2.0, 2.5)]
    [InlineData(2.0, -1.0, 2.0000001)]
    [InlineData(2.0, -1.0, -3.0)]
    [InlineData(0.0, 2.0, double.NaN)]
    public void Evaluate_OutsideTheSpan_ThrowsNamingTAndTheSpan(double t0, double t1, double t)
    {
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Dopri5());
        Solution solution = integrator.Solve(t0, t1, [1.0], [-0.5], SaveAt.Dense);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => solution.Evaluate(t, new double[1]));
        Assert.Equal("t", exception.ParamName);
        Assert.Contains($"t = {t:R}", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"[{Math.Min(t0, t1):R}, {Math.Max(t0, t1):R}]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WithoutDenseSaving_ThrowsSayingHowToGetIt()
    {
        Solution solution = new OdeIntegrator<Decay>(OdeSolver.Dopri5()).Solve(0.0, 1.0, [1.0], [-0.5], SaveAt.Steps);
        var exception = Assert.Throws<InvalidOperationException>(() => solution.Evaluate(0.5, new double[1]));
        Assert.Contains("SaveAt.Dense", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_NoIntegration_SavesTheInitialStateAndEvaluatesToIt()
    {
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Dopri5());
        Solution solution = integrator.Solve(1.0, 1.0, [2.0], [-0.5], SaveAt.Times([1.0], dense: true));
        double[] y = new double[1];
        solution.Evaluate(1.0, y);

        Assert.Equal(1, solution.Count);
        Assert.Equal(2.0, solution.State(0)[0]);
        Assert.Equal(2.0, y[0]);
        Assert.Equal(0, solution.Statistics.Steps);
    }

    [Fact]
    public void Solve_ReusedSolution_HoldsOnlyTheLastSolve()
    {
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Dopri5(1e-10, 1e-12));
        var solution = new Solution();
        integrator.Solve(0.0, 5.0, [1.0], [-0.5], SaveAt.Dense, solution);
        integrator.Solve(0.0, -1.0, [3.0], [2.0], SaveAt.Times([-0.5, -1.0]), solution);

        // x = 3·e^{2t} at t = −0.5, −1; rtol 1e-10 leaves a relative error of ~1e-10.
        Assert.Equal(2, solution.Count);
        Assert.Equal(3.0 * Math.Exp(-1.0), solution.State(0)[0], 1e-9);
        Assert.Equal(3.0 * Math.Exp(-2.0), solution.State(1)[0], 1e-9);
        Assert.False(solution.IsDense);
    }

    [Theory]
    [InlineData(0.0, 1.0, new[] { 0.5, 1.5 })]      // beyond t1
    [InlineData(0.0, 1.0, new[] { -0.1, 0.5 })]     // before t0
    [InlineData(1.0, 0.0, new[] { 0.2, 0.8 })]      // increasing for a backwards solve
    [InlineData(0.0, 1.0, new[] { 0.8, 0.2 })]      // decreasing for a forwards solve
    public void SaveAtTimes_OutsideTheSpanOrAgainstTheDirection_ThrowsNamingSaveAt(double t0, double t1, double[] times)
    {
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Dopri5());
        var exception = Assert.Throws<ArgumentException>(() => integrator.Solve(t0, t1, [1.0], [-0.5], SaveAt.Times(times)));
        Assert.Equal("saveAt", exception.ParamName);
        Assert.Contains("times[", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 0.5, double.NaN })]
    [InlineData(new[] { double.PositiveInfinity })]
    [InlineData(new[] { 0.1, 0.5, 0.3 })]
    [InlineData(new[] { 0.5, 0.5 })]
    [InlineData(new double[0])]
    public void SaveAtTimes_NotFiniteOrNotMonotonic_ThrowsNamingTimes(double[] times)
    {
        var exception = Assert.Throws<ArgumentException>(() => SaveAt.Times(times));
        Assert.Equal("times", exception.ParamName);
    }

    [Fact]
    public void DenseSolve_ImplicitMethods_UseTheirOwnInterpolantToo()
    {
        // Robertson with Rodas5P (own dense output) and Kvaerno5 (Hermite): the dense solution between steps matches the
        // times-saved solve (same interpolant) to the bit at 1e3, and the mass A + B + C stays 1 (conserved by every linear
        // interpolant of states that conserve it, up to rounding).
        foreach (OdeSolver solver in new[] { OdeSolver.Rodas5P(1e-8, 1e-12), OdeSolver.Kvaerno5(1e-8, 1e-12) })
        {
            var integrator = new OdeIntegrator<GeneratedRobertson>(solver);
            Solution dense = integrator.Solve(0.0, 1e5, [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], SaveAt.Dense);
            Solution timed = integrator.Solve(0.0, 1e5, [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], SaveAt.Times([1e3]));
            double[] y = new double[3];
            dense.Evaluate(1e3, y);
            Assert.Equal(timed.State(0).ToArray(), y);
            Assert.Equal(1.0, y[0] + y[1] + y[2], 1e-12);
        }
    }
}
