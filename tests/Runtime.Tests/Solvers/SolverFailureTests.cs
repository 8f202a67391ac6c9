using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

public sealed class SolverFailureTests
{
    [Fact]
    public void FixedStep_OverflowingState_ThrowsNonFiniteStateWithRemedy()
    {
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Rk4(10));
        double[] final = new double[1];

        // ẋ = 1e3·x from 1e300 overflows in the first step.
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 1.0, [1e300], [1e3], final));
        Assert.Equal(OdeSolverFailure.NonFiniteState, exception.Reason);
        Assert.Equal(0.0, exception.Time);
        Assert.Equal(0.1, exception.StepSize, 1e-15);
        Assert.Equal([1e300], exception.State);
        Assert.Contains("smaller learning rate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adaptive_ImpossibleTolerance_ThrowsStepSizeUnderflowWithRemedy()
    {
        // rtol = atol = 1e-300 cannot be met: the controller shrinks h until it vanishes against t. The solve starts at
        // t = 1, where "vanishes" means h below 8ε·|t| ≈ 1.8e-15 (at t = 0 any h > 0 is resolvable; see MinStepTests).
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-300, 1e-300));
        double[] final = new double[2];
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(1.0, 2.0, [1.0, 1.0], [1.5, 1.0, 1.0, 3.0], final));
        Assert.Equal(OdeSolverFailure.StepSizeUnderflow, exception.Reason);
        Assert.True(Math.Abs(exception.StepSize) < 1e-14, $"step {exception.StepSize}");
        Assert.Equal(2, exception.State.Length);
        Assert.Contains("stiff solver", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adaptive_TooFewSteps_ThrowsMaxStepsExceededWithRemedy()
    {
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-10, 1e-10, maxSteps: 5));
        double[] final = new double[2];
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 10.0, [1.0, 1.0], [1.5, 1.0, 1.0, 3.0], final));
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, exception.Reason);
        Assert.InRange(exception.Time, 1e-6, 10.0);
        Assert.Contains("raise maxSteps", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemGradient_OneSampleBlowsUp_ExceptionNamesThatSample()
    {
        // ẋ = a·x with a = 800 from x0 = 1e-300 stays finite except for the sample starting at 1e200 (e^800·1e200 overflows).
        Dataset data = Dataset.Terminal(1, [1e-300, 1e-300, 1e200, 1e-300], [0.0, 0.0, 0.0, 0.0], 1.0);
        var problem = new TerminalProblem<Decay>(data, OdeSolver.Rk4(100), maxDegreeOfParallelism: 1);
        var exception = Assert.Throws<OdeSolverException>(() => problem.Gradient([800.0]));
        Assert.Equal(2, exception.Sample);
        Assert.Equal(OdeSolverFailure.NonFiniteState, exception.Reason);
        Assert.StartsWith("Sample 2: ", exception.Message, StringComparison.Ordinal);
        Assert.IsType<OdeSolverException>(exception.InnerException);
    }
}
