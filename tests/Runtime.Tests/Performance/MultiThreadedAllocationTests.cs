using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>
/// A gradient on several threads allocates nothing once warmed up. Worker threads' allocations are invisible to the
/// per-thread counter, so this counts the whole process, in a collection that runs after (not beside) the others.
/// </summary>
[Collection(ProcessWideAllocationCollection.Name)]
public sealed class MultiThreadedAllocationTests
{
    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void Gradient_WarmedUpPaperProblemThreeThreads_AllocatesZeroBytes(string method)
    {
        Dataset data = Dataset.SampleTerminal<Decay>(1_000, seed: 1, [-1.0], horizon: 1.0);
        var problem = new TerminalProblem<Decay>(data, OdeSolver.Rk4(100), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 3);
        double[] theta = [0.5];
        for (int i = 0; i < 5; i++)
        {
            problem.Gradient(theta);
        }

        // The runtime itself may allocate now and then (a tiered-JIT recompilation, the thread pool adding a
        // thread); a per-call allocation shows in every trial, so the quietest of up to 25 trials of ten calls must be 0.
        long quietest = long.MaxValue;
        for (int trial = 0; trial < 25 && quietest > 0; trial++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int call = 0; call < 10; call++)
            {
                problem.Gradient(theta);
            }

            quietest = Math.Min(quietest, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Assert.Equal(0, quietest);
    }
}

/// <summary>Tests that count the whole process's allocations: run alone, after the parallel collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideAllocationCollection
{
    public const string Name = "Process-wide allocation counts";
}
