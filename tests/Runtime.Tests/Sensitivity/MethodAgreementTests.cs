using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>Every sensitivity method agrees with central finite differences of the loss, on nonlinear models.</summary>
public sealed class MethodAgreementTests(ITestOutputHelper output)
{
    public static TheoryData<string> Methods => AllocationTests.Methods;

    [Theory]
    [MemberData(nameof(Methods))]
    public void LotkaVolterraTerminal_Rk4_GradientMatchesFiniteDifferences(string method)
    {
        Dataset data = Dataset.SampleTerminal<LotkaVolterra>(20, new ContinuousUniform(0.5, 1.5, new MersenneTwister(5)), [1.5, 1.0, 1.0, 3.0], horizon: 1.0);
        var problem = new TerminalProblem<LotkaVolterra>(data, OdeSolver.Rk4(200), AllocationTests.MethodByName(method));
        double error = Compare(problem, [1.3, 0.9, 1.1, 2.8], method);

        // FD of the discretised loss: truncation (1e-6)²·L''' ~1e-12, rounding 1e-16/1e-6 ~1e-10 relative. Discrete and
        // forward differentiate the discretisation itself; the continuous adjoints differ from it by the RK4 error
        // O(h⁴) = 1.6e-9 × the problem's constants. 1e-7 covers both; the exact-gradient methods are checked tighter below.
        Assert.True(error < 1e-7, $"{method}: relative error {error:E3}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void SineGrowthTerminal_Rk4_GradientMatchesFiniteDifferences(string method)
    {
        Dataset data = Dataset.SampleTerminal<SineGrowth>(40, seed: 9, [1.1, -0.4], horizon: 1.5);
        var problem = new TerminalProblem<SineGrowth>(data, OdeSolver.Rk4(150), AllocationTests.MethodByName(method));
        double error = Compare(problem, [0.9, -0.3], method);

        // Same budget as for Lotka–Volterra (see there).
        Assert.True(error < 1e-7, $"{method}: relative error {error:E3}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void LotkaVolterraTrajectory_Rk4_GradientMatchesFiniteDifferences(string method)
    {
        double[] times = [0.25, 0.5, 0.75, 1.0];
        Dataset data = Dataset.SampleTrajectory<LotkaVolterra>(10, new ContinuousUniform(0.5, 1.5, new MersenneTwister(6)), [1.5, 1.0, 1.0, 3.0], times, noiseStandardDeviation: 0.01, noiseSeed: 1);
        var problem = new TrajectoryProblem<LotkaVolterra>(data, OdeSolver.Rk4(200), AllocationTests.MethodByName(method));
        double error = Compare(problem, [1.3, 0.9, 1.1, 2.8], method);

        // The trajectory loss exercises the adjoint jumps at τ_k; same error budget as the terminal case.
        Assert.True(error < 1e-7, $"{method}: relative error {error:E3}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void LotkaVolterraTrajectory_Dopri5_GradientMatchesFiniteDifferences(string method)
    {
        double[] times = [0.3, 0.6, 1.0];
        Dataset data = Dataset.SampleTrajectory<LotkaVolterra>(10, new ContinuousUniform(0.5, 1.5, new MersenneTwister(8)), [1.5, 1.0, 1.0, 3.0], times);
        var problem = new TrajectoryProblem<LotkaVolterra>(data, OdeSolver.Dopri5(1e-10, 1e-10), AllocationTests.MethodByName(method));
        double error = Compare(problem, [1.3, 0.9, 1.1, 2.8], method);

        // Adaptive steps depend on θ, so the FD loss is only piecewise smooth: where the accepted step sequence changes
        // it jumps by ~tol·|L| = 1e-10·|L|, i.e. up to 1e-10/2e-6 = 5e-5 relative in a difference quotient. Bound 1e-4.
        Assert.True(error < 1e-4, $"{method}: relative error {error:E3}");
    }

    [Fact]
    public void AllMethods_SineGrowthAndLotkaVolterraTightDopri5_AgreeWithEachOther()
    {
        Dataset sine = Dataset.SampleTerminal<SineGrowth>(30, seed: 12, [1.1, -0.4], horizon: 2.0);
        Dataset predatorPrey = Dataset.SampleTerminal<LotkaVolterra>(15, new ContinuousUniform(0.5, 1.5, new MersenneTwister(13)), [1.5, 1.0, 1.0, 3.0], horizon: 2.0);
        double worst = 0.0;
        foreach (string first in AllocationTests.Methods)
        {
            foreach (string second in AllocationTests.Methods)
            {
                double sineGap = GradientChecks.RelativeError(
                    new TerminalProblem<SineGrowth>(sine, OdeSolver.Dopri5(1e-11, 1e-11), AllocationTests.MethodByName(first)).Gradient([0.9, -0.3]).Gradient,
                    new TerminalProblem<SineGrowth>(sine, OdeSolver.Dopri5(1e-11, 1e-11), AllocationTests.MethodByName(second)).Gradient([0.9, -0.3]).Gradient);
                double predatorPreyGap = GradientChecks.RelativeError(
                    new TerminalProblem<LotkaVolterra>(predatorPrey, OdeSolver.Dopri5(1e-11, 1e-11), AllocationTests.MethodByName(first)).Gradient([1.3, 0.9, 1.1, 2.8]).Gradient,
                    new TerminalProblem<LotkaVolterra>(predatorPrey, OdeSolver.Dopri5(1e-11, 1e-11), AllocationTests.MethodByName(second)).Gradient([1.3, 0.9, 1.1, 2.8]).Gradient);
                worst = Math.Max(worst, Math.Max(sineGap, predatorPreyGap));
            }
        }

        output.WriteLine($"largest pairwise relative gap between methods at DP5 1e-11: {worst:E2}");

        // Each method approximates the exact gradient to about the tolerance times the problem's sensitivity to local
        // errors (measured ≤ 2e-10); 1e-8 leaves a factor 50 of margin and still fails on any real disagreement.
        Assert.True(worst < 1e-8, $"methods disagree by {worst:E3}");
    }

    private double Compare<TModel>(OdeProblem<TModel> problem, double[] theta, string method)
        where TModel : struct, IOdeModel<TModel>
    {
        double[] gradient = problem.Gradient(theta).Gradient.ToArray();
        double[] finiteDifferences = GradientChecks.CentralDifferences(problem, theta);
        double error = GradientChecks.RelativeError(gradient, finiteDifferences);
        output.WriteLine($"{method} on {TModel.Info.Name} with {problem.Solver}: gradient {GradientChecks.Format(gradient)}, FD {GradientChecks.Format(finiteDifferences)}, rel err {error:E2}");
        return error;
    }
}
