using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>
/// A warmed gradient with every new option on (∂L/∂x0, time gradients, replaced initial states) and a start time other
/// than 0, forwards and backwards, allocates nothing: the extra outputs live in the result and the workspaces.
/// </summary>
public sealed class GradientOptionsAllocationTests
{
    private static readonly GradientOptions Everything = new() { InitialStateGradients = true, TimeGradients = true };

    public static TheoryData<string, string, bool> Cases
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (string method in new[] { "Discrete", "Continuous", "Checkpointed", "Forward" })
            {
                foreach (bool backwards in new[] { false, true })
                {
                    data.Add(method, "Dopri5", backwards);
                    if (method is "Checkpointed" or "Forward")
                    {
                        data.Add(method, "Rodas5P", backwards);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_WarmedUpWithAllOptions_AllocatesNothing(string method, string solver, bool backwards)
    {
        double[] initialStates = Dataset.SampleInitialStates(50, 2, new ContinuousUniform(0.5, 1.5, new MersenneTwister(3)));
        double[] times = backwards ? [1.5, 0.8, 0.0] : [1.5, 2.2, 3.0];
        OdeSolver odeSolver = solver == "Dopri5" ? OdeSolver.Dopri5(1e-8, 1e-8) : OdeSolver.Rodas5P(1e-6, 1e-9);
        Dataset data = Dataset.Generate<LotkaVolterra>(initialStates, [1.5, 1.0, 1.0, 3.0], times, startTime: backwards ? 2.0 : 1.0);
        var problem = new TrajectoryProblem<LotkaVolterra>(data, odeSolver, Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1, options: Everything);
        double[] theta = [1.4, 1.1, 0.9, 3.1];
        GradientResult result = problem.CreateResult();
        problem.Gradient(theta, initialStates, result);
        problem.Gradient(theta, initialStates, result);

        long before = GC.GetAllocatedBytesForCurrentThread();
        problem.Gradient(theta, initialStates, result);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact: any allocation per sample, per step or per call shows up as a positive count.
        Assert.True(allocated == 0, $"{allocated} bytes allocated; loss {result.Loss}, ∂L/∂t0 {result.StartTimeGradient}");
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void Gradient_WarmedUpLanesWithInitialStateGradients_AllocatesNothing(string method)
    {
        // The grouped fixed-step paths (terminal loss, RK4) write ∂L/∂x0 straight into the result.
        Dataset data = Dataset.SampleTerminal<LotkaVolterra>(40, new ContinuousUniform(0.5, 1.5, new MersenneTwister(3)), [1.5, 1.0, 1.0, 3.0], horizon: 1.0);
        var problem = new TerminalProblem<LotkaVolterra>(
            data, OdeSolver.Rk4(100), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1, options: new GradientOptions { InitialStateGradients = true });
        double[] theta = [1.4, 1.1, 0.9, 3.1];
        problem.Gradient(theta);
        problem.Gradient(theta);

        long before = GC.GetAllocatedBytesForCurrentThread();
        GradientResult result = problem.Gradient(theta);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact, as above.
        Assert.True(allocated == 0, $"{allocated} bytes allocated; loss {result.Loss}");
    }
}
