using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers.StepControl;

/// <summary>Each step-control option keeps a warmed solve allocation-free.</summary>
public sealed class StepControlAllocationTests
{
    public static TheoryData<string> Options => ["MinStep", "Seminorm", "StopTimes", "Pid", "Everything", "ImplicitSeminorm"];

    [Theory]
    [MemberData(nameof(Options))]
    public void Solve_WarmedWithTheOption_AllocatesNothing(string option)
    {
        OdeSolver solver = option switch
        {
            "MinStep" => OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-6, 1e-9, minStep: 0.05),
            "Seminorm" => OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10, errorNorm: new LeadingComponentsErrorNorm(1)),
            "StopTimes" => OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-8, 1e-10, stopTimes: [0.7, 1.9]),
            "Pid" => OdeSolver.Adaptive(Tableaus.BogackiShampine32, 1e-6, 1e-9, controller: new PidController(0.4, 0.3)),
            "Everything" => OdeSolver.Adaptive(
                Tableaus.Tsitouras54, 1e-8, 1e-10, controller: new PidController(0.2, 0.4), maxStep: 0.3, stopTimes: [1.5], minStep: 1e-4,
                errorNorm: new LeadingComponentsErrorNorm(2)),
            _ => OdeSolver.Adaptive(ImplicitTableaus.Rodas5P, 1e-8, 1e-10, errorNorm: new LeadingComponentsErrorNorm(1)),
        };
        var integrator = new OdeIntegrator<LotkaVolterra>(solver);
        double[] x0 = [1.0, 1.0];
        double[] rates = [1.5, 1.0, 1.0, 3.0];
        double[] final = new double[2];
        double[] times = [0.5, 1.0, 2.5];
        double[] outputs = new double[6];
        var solution = new Solution();
        var observer = new Silent();
        void SolveAll()
        {
            integrator.Solve(0.0, 3.0, x0, rates, final);
            integrator.Solve(0.0, times, x0, rates, outputs);
            integrator.Solve(3.0, 0.0, x0, rates, SaveAt.Dense, solution, observer);
        }

        SolveAll();
        long before = GC.GetAllocatedBytesForCurrentThread();
        SolveAll();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact: any per-step or per-call allocation shows up as a positive count.
        Assert.Equal(0, allocated);
    }

    private sealed class Silent : IStepObserver
    {
        public bool AfterStep(double t, double h, ReadOnlySpan<double> state) => true;
    }
}
