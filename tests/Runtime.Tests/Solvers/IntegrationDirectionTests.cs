using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// Forward solves from any start time, backwards in time, and requests that need no integration (torchdiffeq's
/// <c>TestNoIntegration</c>), on <c>ẋ = a·x</c> whose solution <c>x(t) = x(t₀)·e^{a(t − t₀)}</c> is known.
/// </summary>
public sealed class IntegrationDirectionTests
{
    private const double Rate = -0.9;

    public static TheoryData<string> Solvers => ["dopri5", "tsit5", "rk4", "rodas5p", "kvaerno5"];

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Backwards_OutputsMatchTheExactSolution(string name)
    {
        var integrator = new OdeIntegrator<Decay>(Solver(name));
        double[] outputs = new double[3];

        SolverStatistics work = integrator.Solve(2.0, [2.0, 1.3, 0.5], [0.7], [Rate], outputs);

        Assert.True(work.Steps > 0);
        Assert.Equal(0.7, outputs[0]);
        for (int k = 1; k < 3; k++)
        {
            double t = k == 1 ? 1.3 : 0.5;
            double exact = 0.7 * Math.Exp(Rate * (t - 2.0));
            Assert.Equal(exact, outputs[k], Tolerance(name) * exact);
        }
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void ForwardFromANonZeroStart_OutputsMatchTheExactSolution(string name)
    {
        var integrator = new OdeIntegrator<Decay>(Solver(name));
        double[] outputs = new double[2];

        integrator.Solve(-3.0, [-2.2, -1.0], [1.4], [Rate], outputs);

        Assert.Equal(1.4 * Math.Exp(Rate * 0.8), outputs[0], Tolerance(name) * outputs[0]);
        Assert.Equal(1.4 * Math.Exp(Rate * 2.0), outputs[1], Tolerance(name) * outputs[1]);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void BackwardsEndPoint_IsTheForwardSolveReversed(string name)
    {
        // Integrating forward from x0 and then backwards from the result returns to x0 up to the two solves' errors.
        var integrator = new OdeIntegrator<LotkaVolterra>(Solver(name));
        double[] theta = [1.5, 1.0, 1.0, 3.0];
        double[] forward = new double[2], back = new double[2];
        integrator.Solve(0.5, 1.5, [1.0, 0.5], theta, forward);
        integrator.Solve(1.5, 0.5, forward, theta, back);

        Assert.Equal(1.0, back[0], 20 * Tolerance(name));
        Assert.Equal(0.5, back[1], 20 * Tolerance(name));
    }

    [Fact]
    public void OnlyOutputTimeIsT0_ReturnsTheInitialStateWithoutAStep()
    {
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Dopri5());
        double[] outputs = new double[2];

        SolverStatistics work = integrator.Solve(0.25, [0.25], [1.0, 0.5], [1.5, 1.0, 1.0, 3.0], outputs);

        Assert.Equal([1.0, 0.5], outputs);
        Assert.Equal(0, work.Steps);
        Assert.Equal(0, work.FunctionEvaluations);
    }

    [Fact]
    public void EqualStartAndEnd_ReturnsTheInitialStateWithoutAStep()
    {
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Rodas5P());
        double[] final = new double[1];

        SolverStatistics work = integrator.Solve(3.0, 3.0, [0.6], [Rate], final);

        Assert.Equal(0.6, final[0]);
        Assert.Equal(0, work.Steps);
    }

    private static OdeSolver Solver(string name) => name switch
    {
        "dopri5" => OdeSolver.Dopri5(1e-10, 1e-12),
        "tsit5" => OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-10, 1e-12),
        "rk4" => OdeSolver.Rk4(400),
        "rodas5p" => OdeSolver.Rodas5P(1e-9, 1e-12),
        "kvaerno5" => OdeSolver.Kvaerno5(1e-9, 1e-12),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    // Relative error bounds: the adaptive solvers' global error stays within ~10× their rtol on this smooth, decaying
    // problem (dense output adds an interpolation error of the same order); RK4 with 400 steps over spans ≤ 2 has
    // |ah| ≤ 0.0045, a local error of |ah|⁵/120 ≈ 1.5e-14 per step, and its cubic Hermite interpolation O(h⁴) ≈ 1e-10.
    private static double Tolerance(string name) => name switch
    {
        "dopri5" or "tsit5" => 1e-8,
        "rk4" => 1e-9,
        _ => 1e-7,
    };
}
