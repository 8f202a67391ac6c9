using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>The paper problem's gradient (RK4, 100 steps, t = 1) allocates nothing once warmed up, on one thread.</summary>
public sealed class PaperGradientAllocationTests
{
    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void Gradient_WarmedUpPaperProblemOneThread_AllocatesZeroBytes(string method)
    {
        Dataset data = Dataset.SampleTerminal<Decay>(1_000, seed: 1, [-1.0], horizon: 1.0);
        var problem = new TerminalProblem<Decay>(data, OdeSolver.Rk4(100), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);
        double[] theta = [0.5];
        problem.Gradient(theta);
        problem.Gradient(theta);

        long before = GC.GetAllocatedBytesForCurrentThread();
        GradientResult result = problem.Gradient(theta);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact: any allocation per sample, per step or per call shows up as a positive count.
        Assert.True(allocated == 0, $"{allocated} bytes allocated by one gradient (loss {result.Loss})");

        // The gradient is the paper's: Loss'(a) = mean((x_t − x_t*) · t · x_t) holds for the RK4 flow to O(h⁴).
        double expected = 0.0;
        for (int i = 0; i < data.SampleCount; i++)
        {
            double xt = result.TerminalState(i)[0];
            expected += (xt - data.Target(i, 0)[0]) * xt / data.SampleCount;
        }

        // RK4's amplification factor differs from e^{a h} by O(h⁵) per step: 1e-8 relative is far above that.
        Assert.Equal(expected, result.Gradient[0], Math.Abs(expected) * 1e-8);
    }
}
