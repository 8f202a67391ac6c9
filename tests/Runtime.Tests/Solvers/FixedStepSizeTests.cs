using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>Fixed-step solvers given a step size instead of a count (torchdiffeq's <c>step_size</c>).</summary>
public sealed class FixedStepSizeTests
{
    [Fact]
    public void StepSizeDividingTheSpan_IsTheSameGridAsTheCount_BitForBit()
    {
        // 1 / 0.01 rounds to exactly 100, so the grid is RK4(100)'s: same steps, same bits.
        var bySize = new OdeIntegrator<LotkaVolterra>(OdeSolver.FixedStepSize(Tableaus.Rk4, 0.01));
        var byCount = new OdeIntegrator<LotkaVolterra>(OdeSolver.Rk4(100));
        double[] sizeFinal = new double[2], countFinal = new double[2];
        SolverStatistics work = bySize.Solve(0.0, 1.0, [1.0, 0.5], [1.5, 1.0, 1.0, 3.0], sizeFinal);
        byCount.Solve(0.0, 1.0, [1.0, 0.5], [1.5, 1.0, 1.0, 3.0], countFinal);

        Assert.Equal(100, work.Steps);
        Assert.Equal(countFinal, sizeFinal);
    }

    [Fact]
    public void StepSizeNotDividingTheSpan_TakesCeilingManyEqualSteps()
    {
        // ⌈1 / 0.03⌉ = 34 equal steps of 1/34 ≤ 0.03: the grid of Fixed(RK4, 34).
        var bySize = new OdeIntegrator<Decay>(OdeSolver.FixedStepSize(Tableaus.Rk4, 0.03));
        var byCount = new OdeIntegrator<Decay>(OdeSolver.Rk4(34));
        double[] sizeFinal = new double[1], countFinal = new double[1];
        SolverStatistics work = bySize.Solve(0.0, 1.0, [2.0], [-1.3], sizeFinal);
        byCount.Solve(0.0, 1.0, [2.0], [-1.3], countFinal);

        Assert.Equal(34, work.Steps);
        Assert.Equal(countFinal[0], sizeFinal[0]);
    }

    [Fact]
    public void Gradient_WithAStepSize_LandsOnEveryObservationAndIsAccurate()
    {
        // Observations at 0.25 and 1: ⌈0.25/0.1⌉ = 3 and ⌈0.75/0.1⌉ = 8 steps. ẋ = a·x has x = x0·e^{aτ}; an RK4 step
        // with |ah| ≤ 0.08 has relative error about |ah|⁵/120 ≈ 3e-8, so 11 steps stay below 1e-6 relative (x0 = 1.5:
        // 1.5e-6 absolute); the step count shows the grid.
        Dataset data = Dataset.Create(1, [1.5], [0.25, 1.0], [1.0, 0.5]);
        var problem = new TrajectoryProblem<Decay>(data, OdeSolver.FixedStepSize(Tableaus.Rk4, 0.1), new ForwardSensitivity(), maxDegreeOfParallelism: 1);

        GradientResult result = problem.Gradient([-0.8]);

        Assert.Equal(1.5 * Math.Exp(-0.2), result.ObservedState(0, 0)[0], 1.5e-6);
        Assert.Equal(1.5 * Math.Exp(-0.8), result.ObservedState(0, 1)[0], 1.5e-6);
        Assert.Equal(11, result.Statistics.Steps);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BadStepSize_NamesItAndItsValue(double stepSize)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OdeSolver.FixedStepSize(Tableaus.Rk4, stepSize));
        Assert.Equal("stepSize", error.ParamName);
        Assert.Contains(stepSize.ToString(System.Globalization.CultureInfo.CurrentCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepSizeSolver_IsFixedStepAndSaysItsStep()
    {
        OdeSolver solver = OdeSolver.FixedStepSize(Tableaus.Rk4ThreeEighths, 0.05);
        Assert.False(solver.IsAdaptive);
        Assert.Equal(0, solver.Steps);
        Assert.Equal(0.05, solver.StepSize);
        Assert.Contains("step 0.05", solver.ToString(), StringComparison.Ordinal);
    }
}
