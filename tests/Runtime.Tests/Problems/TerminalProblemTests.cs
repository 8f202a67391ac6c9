using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Problems;

public sealed class TerminalProblemTests
{
    [Fact]
    public void QuickStart_DefaultSolverAndMethod_MatchesPaperClosedForm()
    {
        // The three lines a user writes (DESIGN §1 paper problem: a* = −1, t = 1, x0 ~ N(0, 1), a = 0.5).
        Dataset data = Dataset.SampleTerminal<Decay>(sampleCount: 500, seed: 42, trueParameters: [-1.0], horizon: 1.0);
        var problem = new TerminalProblem<Decay>(data);
        GradientResult result = problem.Gradient([0.5]);

        double secondMoment = 0.0;
        foreach (double x0 in data.InitialStates)
        {
            secondMoment += x0 * x0 / data.SampleCount;
        }

        double gap = Math.Exp(0.5) - Math.Exp(-1.0);
        double loss = secondMoment / 2 * gap * gap;
        double gradient = secondMoment * Math.Exp(0.5) * gap;

        // Defaults are RK4 with 100 steps (relative error ~3e-12 here) and DP5 1e-10/1e-12 targets (~1e-10): 1e-9 bounds both.
        Assert.Equal(100, problem.Solver.Steps);
        Assert.Same(Tableaus.Rk4, problem.Solver.Tableau);
        Assert.IsType<DiscreteAdjoint>(problem.Sensitivity);
        Assert.Equal(loss, result.Loss, 1e-9 * loss);
        Assert.Equal(gradient, result.Gradient[0], 1e-9 * gradient);
        Assert.Equal(secondMoment * Math.Exp(1.0), result.TerminalSecondMoment, 1e-9 * secondMoment * Math.Exp(1.0));
        Assert.Equal(1.0, problem.Horizon);
    }

    [Fact]
    public void EvaluateLossAndExplicitResult_SameProblem_AgreeWithGradientCall()
    {
        Dataset data = Dataset.SampleTerminal<SineGrowth>(70, seed: 2, [1.1, -0.4], horizon: 1.0);
        var problem = new TerminalProblem<SineGrowth>(data, OdeSolver.Dopri5(1e-9, 1e-9), new ForwardSensitivity(), maxDegreeOfParallelism: 2);
        double[] theta = [0.8, -0.2];
        GradientResult own = problem.Gradient(theta);
        GradientResult separate = problem.CreateResult();
        problem.Gradient(theta, separate);

        // Same solver, same samples, same block order: bit-identical.
        Assert.Equal(own.Loss, separate.Loss);
        Assert.Equal(own.Gradient.ToArray(), separate.Gradient.ToArray());
        Assert.Equal(own.Sensitivities.ToArray(), separate.Sensitivities.ToArray());

        // Forward sensitivities put S under error control too, so its steps differ from a plain forward solve: the two
        // losses agree to the solver tolerance (1e-9), not bit for bit.
        Assert.Equal(own.Loss, problem.EvaluateLoss(theta), 1e-8 * own.Loss);
        Assert.True(own.Statistics.FunctionEvaluations > 0 && own.Statistics.Steps > 0);
    }

    [Fact]
    public void GaussNewtonMatrix_FromSensitivities_EqualsPaperDenominator()
    {
        // DESIGN §1: for f = a·x, S = ∂x_t/∂a = t·x_t, so (1/N) Σ SᵢᵀSᵢ = t²·σ_t².
        const double Horizon = 1.7;
        Dataset data = Dataset.SampleTerminal<Decay>(300, seed: 8, [-1.0], Horizon);
        GradientResult result = new TerminalProblem<Decay>(data, sensitivity: new ForwardSensitivity()).Gradient([0.3]);
        double gaussNewton = 0.0;
        for (int i = 0; i < result.SampleCount; i++)
        {
            gaussNewton += result.Sensitivity(i)[0] * result.Sensitivity(i)[0] / result.SampleCount;
        }

        // RK4 (100 steps) propagates S with the same relative error as x (~1e-12).
        double expected = Horizon * Horizon * result.TerminalSecondMoment;
        Assert.Equal(expected, gaussNewton, 1e-10 * expected);
    }
}
