using System;
using NeuralOdeGen.Runtime.Tests.Generated;
using NeuralOdeGen.Runtime.Tests.Solvers;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>A warmed gradient through an implicit solver allocates nothing, as on the explicit path (AllocationTests).</summary>
public sealed class StiffGradientAllocationTests
{
    [Theory]
    [MemberData(nameof(StiffGradientTests.Combinations), MemberType = typeof(StiffGradientTests))]
    public void Gradient_WarmedUpImplicitProblem_AllocatesNothing(string method, string solver)
    {
        // Robertson (Jacobian, LU, Newton and adjoint buffers) and Prothero–Robinson (time-dependent: the ∂F/∂t differences
        // of the augmented systems run too), two samples each so the workspaces are reused within a call.
        Dataset robertsonData = Dataset.Generate<GeneratedRobertson>([1.0, 0.0, 0.0, 0.9, 0.05, 0.05], [0.04, 3e7, 1e4], [1.0, 10.0, 100.0], OdeSolver.Rodas5P(1e-8, 1e-12));
        Dataset protheroData = Dataset.Create(1, [1.0, 0.5], [1e-3, 0.5], [0.3, 0.4, 0.2, 0.5]);
        var robertson = new TrajectoryProblem<GeneratedRobertson>(robertsonData, StiffSolverTests.Adaptive(solver, 1e-6, 1e-10), AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);
        var prothero = new TrajectoryProblem<GeneratedProtheroRobinson>(protheroData, StiffSolverTests.Adaptive(solver, 1e-6, 1e-10), AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);
        double[] rates = [0.05, 2.5e7, 1.2e4];
        double[] lambda = [-1e3];
        void Run()
        {
            robertson.Gradient(rates);
            robertson.EvaluateLoss(rates);
            prothero.Gradient(lambda);
            prothero.EvaluateLoss(lambda);
        }

        Run();
        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Exact: steppers, records and systems' scratch are allocated with the workspaces; the trajectory record has grown.
        Assert.True(allocated == 0, $"{allocated} bytes allocated");
    }
}
