using System;
using NeuralOdeGen.Runtime.Tests.Generated;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers.Solutions;

/// <summary>Only the saved output grows: a warmed solve into a reused <see cref="Solution"/> allocates nothing.</summary>
public sealed class SolutionAllocationTests
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string solver in SolutionSavingTests.Solvers)
            {
                foreach (string save in new[] { "Times", "Steps", "Dense", "DenseTimes" })
                {
                    data.Add(solver, save);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Solve_WarmedIntoAReusedSolution_AllocatesNothing(string solverName, string save)
    {
        var integrator = new OdeIntegrator<LotkaVolterra>(SolutionSavingTests.ByName(solverName));
        SaveAt saveAt = save switch
        {
            "Times" => SaveAt.Times([0.5, 1.0, 2.5]),
            "Steps" => SaveAt.Steps,
            "Dense" => SaveAt.Dense,
            _ => SaveAt.Times([2.5, 1.0, 0.0], dense: true),
        };
        bool backwards = save == "DenseTimes";
        var solution = new Solution();
        var observer = new CountingObserver();
        double[] x0 = [1.0, 1.0];
        double[] rates = [1.5, 1.0, 1.0, 3.0];
        double[] y = new double[2];
        void SolveAndEvaluate()
        {
            integrator.Solve(backwards ? 3.0 : 0.0, backwards ? 0.0 : 3.0, x0, rates, saveAt, solution, observer);
            if (solution.IsDense)
            {
                solution.Evaluate(0.77, y);
            }
        }

        SolveAndEvaluate();
        long before = GC.GetAllocatedBytesForCurrentThread();
        SolveAndEvaluate();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact: the first solve grew the buffers to this solve's size; the second (the same steps) fits in them.
        Assert.Equal(0, allocated);
        Assert.Equal(solution.Statistics.Steps * 2, observer.Calls);
    }

    [Fact]
    public void Solve_ImplicitIntoAReusedSolution_AllocatesNothing()
    {
        var integrator = new OdeIntegrator<GeneratedRobertson>(OdeSolver.Rodas5P(1e-6, 1e-10));
        var solution = new Solution();
        double[] x0 = [1.0, 0.0, 0.0];
        double[] rates = [0.04, 3e7, 1e4];
        integrator.Solve(0.0, 100.0, x0, rates, SaveAt.Dense, solution);
        long before = GC.GetAllocatedBytesForCurrentThread();
        integrator.Solve(0.0, 100.0, x0, rates, SaveAt.Dense, solution);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact, as above.
        Assert.Equal(0, allocated);
    }

    private sealed class CountingObserver : IStepObserver
    {
        public long Calls { get; private set; }

        public bool AfterStep(double t, double h, ReadOnlySpan<double> state)
        {
            Calls++;
            return true;
        }
    }
}
