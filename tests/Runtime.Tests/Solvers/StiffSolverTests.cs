using System;
using NeuralOdeGen.Runtime.Tests.Generated;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// The implicit solvers on the classic stiff problems against tight references, and their observed orders.
/// </summary>
/// <remarks>
/// References: SciPy 1.10.1 (Debian python3-scipy, /usr/bin/python3), Radau IIA with the exact Jacobian, e.g. for Robertson
/// <code>
/// solve_ivp(lambda t, y: [-0.04*y[0] + 1e4*y[1]*y[2], 0.04*y[0] - 1e4*y[1]*y[2] - 3e7*y[1]**2, 3e7*y[1]**2],
///           (0, T), [1, 0, 0], method='Radau', rtol=1e-13, atol=1e-16, jac=...).y[:, -1]
/// </code>
/// and for Van der Pol (<c>[y[1], 1000*(1 - y[0]**2)*y[1] - y[0]]</c> on (0, 2000) from [2, 0]) <c>rtol=1e-13, atol=1e-15</c>. A second run at rtol 1e-12,
/// atol 1e-14 agrees with each reference to the accuracy quoted next to it, well inside every tolerance below.
/// </remarks>
public sealed class StiffSolverTests(ITestOutputHelper output)
{
    // Robertson at t = 1e5 and 1e11 (SciPy Radau, rtol 1e-13, atol 1e-16; the rtol-1e-12 run agrees to 4e-12 resp. 1e-8 relative).
    private static readonly double[] Robertson1e5 = [0.017865921142103402, 7.274751468437972e-08, 0.982134006110379];
    private static readonly double[] Robertson1e11 = [2.0833401479638333e-08, 8.333360763384971e-14, 0.9999999791665115];

    // Van der Pol, μ = 1 000, at t = 2 000 (SciPy Radau, rtol 1e-13, atol 1e-15; the rtol-1e-12 run agrees to 4e-14 relative,
    // LSODA at rtol 1e-13 to 2e-10): 386 time units into the third slow branch, past one full period (≈ 1 614) and two jumps.
    private static readonly double[] VanDerPol2000 = [1.7061677321704731, -0.0008928097010248079];

    public static TheoryData<string> Methods => ["Rodas4", "Rodas5P", "Kvaerno5"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void Robertson_To1e5_MatchesReference(string method)
    {
        double[] final = new double[3];
        var integrator = new OdeIntegrator<GeneratedRobertson>(Adaptive(method, 1e-8, 1e-14));
        SolverStatistics statistics = integrator.Solve(0.0, 1e5, [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], final);
        output.WriteLine($"{method} Robertson 1e5: {statistics}; final [{string.Join(", ", final)}]");

        // rtol 1e-8 per step over ~100 steps of a dissipative problem: the global error stays within 100× rtol per component.
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(final[i] - Robertson1e5[i]) <= 1e-6 * Math.Abs(Robertson1e5[i]), $"component {i}: {final[i]:R} vs {Robertson1e5[i]:R}");
        }

        // Mass conservation a + b + c = 1 is a linear invariant that both methods keep to rounding.
        Assert.Equal(1.0, final[0] + final[1] + final[2], 1e-13);

        // A stiff solver needs hundreds of steps here, not the hundreds of thousands an explicit one does.
        Assert.InRange(statistics.Steps, 10, 2_000);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Robertson_To1e11_MatchesReference(string method)
    {
        double[] final = new double[3];
        var integrator = new OdeIntegrator<GeneratedRobertson>(Adaptive(method, 1e-8, 1e-20));
        SolverStatistics statistics = integrator.Solve(0.0, 1e11, [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], final);
        output.WriteLine($"{method} Robertson 1e11: {statistics}; final [{string.Join(", ", final)}]");

        // rtol 1e-8 over ~1 600 steps (Rodas4) of decay towards c = 1: 1e-5 relative in the tiny a and b is 1 000× rtol,
        // still 1 000× tighter than a solution that lost the slow phase; the reference is good to ~1e-8 relative here.
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(final[i] - Robertson1e11[i]) <= 1e-5 * Math.Abs(Robertson1e11[i]), $"component {i}: {final[i]:R} vs {Robertson1e11[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void VanDerPol_OverOnePeriod_MatchesReference(string method)
    {
        double[] final = new double[2];
        var integrator = new OdeIntegrator<GeneratedVanDerPol>(Adaptive(method, 1e-8, 1e-10));
        SolverStatistics statistics = integrator.Solve(0.0, 2_000.0, [2.0, 0.0], [1_000.0], final);
        output.WriteLine($"{method} Van der Pol 2000: {statistics}; final [{string.Join(", ", final)}]");

        // The jumps amplify local errors into a phase error of order rtol·μ; on the slow branch that moves x by ~|x'|·Δt.
        // 1e-5 relative leaves room for that at rtol 1e-8 and still fails for a solution one jump off or a step too coarse.
        for (int i = 0; i < 2; i++)
        {
            Assert.True(Math.Abs(final[i] - VanDerPol2000[i]) <= 1e-5 * Math.Abs(VanDerPol2000[i]), $"component {i}: {final[i]:R} vs {VanDerPol2000[i]:R}");
        }

        Assert.InRange(statistics.Steps, 10, 20_000);
    }

    [Fact]
    public void Robertson_Rodas4Statistics_CountOneJacobianPerStepAndOneLuPerAttempt()
    {
        double[] final = new double[3];
        var integrator = new OdeIntegrator<GeneratedRobertson>(OdeSolver.Rodas4(1e-6, 1e-10));
        SolverStatistics statistics = integrator.Solve(0.0, 1e5, [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], final);

        // Exact bookkeeping: one Jacobian per accepted step (reused after rejections), one LU per attempt, five new
        // right-hand sides per attempt plus F(t, y) once per step and two for Hairer's initial step; no Newton iterations.
        Assert.Equal(statistics.Steps, statistics.JacobianEvaluations);
        Assert.Equal(statistics.Steps + statistics.RejectedSteps, statistics.Factorizations);
        Assert.Equal((5 * statistics.Factorizations) + statistics.Steps + 1, statistics.FunctionEvaluations);
        Assert.Equal(0, statistics.NewtonIterations);
    }

    [Fact]
    public void ProtheroRobinson_Rodas4Statistics_CountTheTimeDerivativeDifferencePerStep()
    {
        double[] final = new double[1];
        var integrator = new OdeIntegrator<GeneratedProtheroRobinson>(OdeSolver.Rodas4(1e-6, 1e-9));
        SolverStatistics statistics = integrator.Solve(0.0, 2.0, [0.0], [-1e6], final);

        // A [Time] model: ∂f/∂t by a central difference costs two evaluations per step, on top of the five per attempt,
        // F(t, y) per step and the initial-step probe. The global error stays within rtol·|y| ≈ 1e-6 (measured 7e-8).
        Assert.Equal((5 * statistics.Factorizations) + (3 * statistics.Steps) + 1, statistics.FunctionEvaluations);
        Assert.Equal(Math.Sin(2.0), final[0], 1e-6);
    }

    [Fact]
    public void Dopri5_Robertson_ExhaustsItsStepBudgetAndSaysItLooksStiff()
    {
        // The explicit method's step is pinned near 3.3/|λ| ≈ 3e-4 by stability: 1e5 time units need ~3e8 steps.
        var integrator = new OdeIntegrator<GeneratedRobertson>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-8, 1e-14));
        double[] final = new double[3];
        var exception = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 1e5, [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], final));
        output.WriteLine($"Dopri5 Robertson 1e5: {exception.Reason} at t = {exception.Time:R}, h = {exception.StepSize:R}");
        Assert.Equal(OdeSolverFailure.MaxStepsExceeded, exception.Reason);
        Assert.True(exception.LooksStiff);
        Assert.InRange(exception.Time, 0.0, 1e3);
    }

    [Theory]
    [InlineData("Rodas4", -1.0, 20, 4.0)]
    [InlineData("Rodas5P", -1.0, 10, 5.0)]
    [InlineData("Kvaerno5", -1.0, 20, 5.0)]
    [InlineData("Rodas4", -1e6, 20, 1.0)]
    [InlineData("Rodas5P", -1e6, 10, 3.0)]
    [InlineData("Kvaerno5", -1e6, 20, 2.0)]
    public void ProtheroRobinson_FixedStepHalving_ObservedOrderMatchesTheory(string method, double lambda, int steps, double expected)
    {
        // λ = −1: the classical order. λ = −1e6 (|hλ| ≥ 1e4): the stiff limit, where the global error is C·h^q/|λ| with
        // q the stage order for a stiffly accurate ESDIRK (2: an explicit first stage and a trapezoidal second);
        // q = 1 for Rodas4, which does not satisfy the extra Prothero–Robinson conditions, and q = 3 for Rodas5P, built by
        // Steinebach to satisfy them (2.9–3.0 also in an independent Python re-implementation of both tableaus).
        // steps → 2·steps over [0, 1]: asymptotic, errors (≥ 5e-13) far above rounding. ±0.2 as the issue asks.
        double coarse = ProtheroRobinsonError(method, lambda, steps);
        double fine = ProtheroRobinsonError(method, lambda, 2 * steps);
        double observed = Math.Log2(coarse / fine);
        output.WriteLine($"{method} λ = {lambda}: errors {coarse:E3}, {fine:E3}, order {observed:F3}");
        Assert.InRange(observed, expected - 0.2, expected + 0.2);
    }

    [Theory]
    [InlineData("Rodas4", 3.0)]
    [InlineData("Rodas5P", 4.0)]
    [InlineData("Kvaerno5", 4.0)]
    public void EmbeddedSolution_FixedStepHalving_ObservedOrderMatchesEmbeddedOrder(string method, double expected)
    {
        // The embedded solution as a method of its own: Rodas4's m̂ (its fifth stage state), and Kvaerno5's first six
        // stages (its sixth stage is the stiffly accurate order-4 solution). Non-stiff λ = −1, 20 → 40 steps; ±0.2.
        OdeSolver Embedded(int steps) => method == "Kvaerno5" ? OdeSolver.Fixed(EmbeddedKvaerno5(), steps) : OdeSolver.Fixed(EmbeddedRosenbrock(method), steps);
        double coarse = Math.Abs(Solve(Embedded(20), -1.0) - Math.Sin(1.0));
        double fine = Math.Abs(Solve(Embedded(40), -1.0) - Math.Sin(1.0));
        double observed = Math.Log2(coarse / fine);
        output.WriteLine($"{method} embedded: order {observed:F3}");
        Assert.InRange(observed, expected - 0.2, expected + 0.2);
    }

    [Theory]
    [InlineData("Rodas4", 4.0)]
    [InlineData("Rodas5P", 5.0)]
    [InlineData("Kvaerno5", 4.0)]
    public void DenseOutput_MidpointsOfFixedSteps_ObservedOrderIsDenseOrderPlusOne(string method, double expected)
    {
        // An order-q interpolant adds O(h^{q+1}) at each output without accumulating: Rodas4's own order-3 interpolant and
        // Kvaerno5's cubic Hermite give order 4 at step midpoints, below their global orders; Rodas5P's order-4 one gives 5
        // (as does its global error). λ = −1; ±0.2.
        double coarse = MidpointError(method, 20);
        double fine = MidpointError(method, 40);
        double observed = Math.Log2(coarse / fine);
        output.WriteLine($"{method} dense output: errors {coarse:E3}, {fine:E3}, order {observed:F3}");
        Assert.InRange(observed, expected - 0.2, expected + 0.2);
    }

    internal static OdeSolver Adaptive(string method, double rtol, double atol) => method switch
    {
        "Rodas4" => OdeSolver.Rodas4(rtol, atol),
        "Rodas5P" => OdeSolver.Rodas5P(rtol, atol),
        "Kvaerno5" => OdeSolver.Kvaerno5(rtol, atol),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };

    private static OdeSolver Fixed(string method, int steps) => method switch
    {
        "Rodas4" => OdeSolver.Fixed(ImplicitTableaus.Rodas4, steps),
        "Rodas5P" => OdeSolver.Fixed(ImplicitTableaus.Rodas5P, steps),
        "Kvaerno5" => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, steps, 1e-14, 1e-16),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };

    private static double ProtheroRobinsonError(string method, double lambda, int steps) => Math.Abs(Solve(Fixed(method, steps), lambda) - Math.Sin(1.0));

    private static double Solve(OdeSolver solver, double lambda)
    {
        double[] final = new double[1];
        new OdeIntegrator<GeneratedProtheroRobinson>(solver).Solve(0.0, 1.0, [0.0], [lambda], final);
        return final[0];
    }

    private static double MidpointError(string method, int steps)
    {
        double[] times = new double[steps];
        for (int k = 0; k < steps; k++)
        {
            times[k] = (k + 0.5) / steps;
        }

        // The last output must be the end of the interval.
        times[^1] = 1.0;
        double[] outputs = new double[steps];
        new OdeIntegrator<GeneratedProtheroRobinson>(Fixed(method, steps)).Solve(0.0, times, [0.0], [-1.0], outputs);
        double largest = 0.0;
        for (int k = 0; k < steps - 1; k++)
        {
            largest = Math.Max(largest, Math.Abs(outputs[k] - Math.Sin(times[k])));
        }

        return largest;
    }

    private static RosenbrockTableau EmbeddedRosenbrock(string method)
    {
        RosenbrockTableau rodas = method == "Rodas4" ? ImplicitTableaus.Rodas4 : ImplicitTableaus.Rodas5P;
        return new RosenbrockTableau(
            method + " embedded", rodas.Gamma, rodas.A.ToArray(), rodas.Coupling.ToArray(), rodas.Nodes.ToArray(), rodas.TimeWeights.ToArray(),
            rodas.EmbeddedM.ToArray(), rodas.EmbeddedM.ToArray(), [], rodas.EmbeddedOrder, rodas.EmbeddedOrder, 1, rodas.Citation);
    }

    private static DiagonallyImplicitTableau EmbeddedKvaerno5()
    {
        DiagonallyImplicitTableau kvaerno = ImplicitTableaus.Kvaerno5;
        const int Stages = 6;
        double[] a = new double[Stages * Stages];
        for (int i = 0; i < Stages; i++)
        {
            kvaerno.A.Slice(i * 7, Stages).CopyTo(a.AsSpan(i * Stages, Stages));
        }

        double[] b = a.AsSpan((Stages - 1) * Stages, Stages).ToArray();
        return new DiagonallyImplicitTableau("Kvaerno5 embedded", a, b, kvaerno.C[..Stages].ToArray(), b, kvaerno.EmbeddedOrder, kvaerno.EmbeddedOrder, kvaerno.Citation);
    }
}
