using System;
using NeuralOdeGen.Runtime.Tests.Models;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>Adaptive pairs meet their tolerance against exact or tightly computed references.</summary>
public sealed class AdaptiveAccuracyTests(ITestOutputHelper output)
{
    public static TheoryData<string, double> Cases => new()
    {
        { "BogackiShampine32", 1e-6 },
        { "BogackiShampine32", 1e-9 },
        { "DormandPrince54", 1e-6 },
        { "DormandPrince54", 1e-10 },
        { "Tsitouras54", 1e-6 },
        { "Tsitouras54", 1e-10 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Adaptive_Exponential_MeetsTolerance(string name, double tolerance)
    {
        OdeSolver solver = OdeSolver.Adaptive(ButcherTableauTests.ByName(name), tolerance, tolerance);
        double[] final = new double[1];
        new OdeIntegrator<PeriodicGrowth>(solver).Solve(0.0, 5.0, [1.0], [1.0], final);
        double error = Math.Abs(final[0] - Math.Exp(Math.Sin(5.0))) / Math.Exp(Math.Sin(5.0));
        output.WriteLine($"{name} tol {tolerance:E0}: relative error {error:E2}");

        // Local error per step ≤ tol; over a few dozen steps on a non-stiff problem the global error stays within 20·tol.
        Assert.True(error <= 20 * tolerance, $"relative error {error:E3} > 20·{tolerance:E0}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Adaptive_HarmonicOscillator_MeetsTolerance(string name, double tolerance)
    {
        OdeSolver solver = OdeSolver.Adaptive(ButcherTableauTests.ByName(name), tolerance, tolerance);
        double[] final = new double[2];
        const double Omega = 2.0;
        const double Horizon = 5.0;
        new OdeIntegrator<HarmonicOscillator>(solver).Solve(0.0, Horizon, [1.0, 0.5], [Omega], final);
        double x = Math.Cos(Omega * Horizon) + (0.5 / Omega * Math.Sin(Omega * Horizon));
        double v = (-Omega * Math.Sin(Omega * Horizon)) + (0.5 * Math.Cos(Omega * Horizon));
        double error = Math.Max(Math.Abs(final[0] - x), Math.Abs(final[1] - v));
        output.WriteLine($"{name} tol {tolerance:E0}: max abs error {error:E2}");

        // About 1.6 periods with |state| ≈ 1: the phase error accumulates; 50·tol bounds it with margin.
        Assert.True(error <= 50 * tolerance, $"error {error:E3} > 50·{tolerance:E0}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Adaptive_LotkaVolterra_MeetsToleranceAgainstTightReference(string name, double tolerance)
    {
        double[] parameters = [1.5, 1.0, 1.0, 3.0];
        double[] x0 = [1.0, 1.0];
        double[] reference = new double[2];
        double[] final = new double[2];

        // Reference: RK4 with 20 000 steps on [0, 5], error ~ C·h⁴ = C·1.6e-13, far below every tolerance tested.
        new OdeIntegrator<LotkaVolterra>(OdeSolver.Rk4(20_000)).Solve(0.0, 5.0, x0, parameters, reference);
        OdeSolver solver = OdeSolver.Adaptive(ButcherTableauTests.ByName(name), tolerance, tolerance);
        new OdeIntegrator<LotkaVolterra>(solver).Solve(0.0, 5.0, x0, parameters, final);
        double error = Math.Max(Math.Abs(final[0] - reference[0]), Math.Abs(final[1] - reference[1]));
        output.WriteLine($"{name} tol {tolerance:E0}: max abs error {error:E2}");

        // A full predator–prey cycle amplifies local errors more than the linear problems: allow 100·tol.
        Assert.True(error <= 100 * tolerance, $"error {error:E3} > 100·{tolerance:E0}");
    }

    [Theory]
    [InlineData("DormandPrince54", 1e-7, 5e-6)]
    [InlineData("BogackiShampine32", 1e-5, 5e-4)]
    public void DenseOutput_HarmonicOscillatorBetweenSteps_MatchesExactSolution(string name, double tolerance, double bound)
    {
        const double Omega = 2.0;
        double[] times = new double[400];
        for (int k = 0; k < times.Length; k++)
        {
            times[k] = 0.0125 * (k + 1) - 0.00371;
        }

        double[] outputs = new double[times.Length * 2];
        var integrator = new OdeIntegrator<HarmonicOscillator>(OdeSolver.Adaptive(ButcherTableauTests.ByName(name), tolerance, tolerance));
        integrator.Solve(0.0, times, [1.0, 0.0], [Omega], outputs);
        double worst = 0.0;
        for (int k = 0; k < times.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(outputs[2 * k] - Math.Cos(Omega * times[k])));
        }

        output.WriteLine($"{name} dense output max error {worst:E2}, steps {integrator.Statistics.Steps}");

        // Outputs outnumber steps, so most are interpolated; a fourth-order interpolant (DP5's own, or cubic
        // Hermite) keeps the interpolation error at the size of the global error, bounded by 50·tol as in the test above.
        Assert.True(integrator.Statistics.Steps < times.Length / 2, "most outputs must fall between steps");
        Assert.True(worst < bound, $"dense output error {worst:E3} ≥ {bound:E1}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Solve_BackwardsInTime_MatchesExactSolution(bool adaptive)
    {
        // From t = 3 back to t = 0.5 on ẋ = cos(t)·x: x(0.5) = x(3)·exp(sin 0.5 − sin 3).
        OdeSolver solver = adaptive ? OdeSolver.Dopri5(1e-10, 1e-10) : OdeSolver.Rk4(200);
        double[] final = new double[1];
        new OdeIntegrator<PeriodicGrowth>(solver).Solve(3.0, 0.5, [2.0], [1.0], final);
        double exact = 2.0 * Math.Exp(Math.Sin(0.5) - Math.Sin(3.0));

        // RK4 with |h| = 0.0125: error ~h⁴ ≈ 2.4e-8 × O(1) constants; DP5 at 1e-10 within 20·tol as above.
        Assert.Equal(exact, final[0], adaptive ? 2e-9 * exact : 1e-7 * exact);
    }

    [Fact]
    public void DenseOutput_FixedStepAtGridTimes_EqualsPlainSolve()
    {
        var integrator = new OdeIntegrator<LotkaVolterra>(OdeSolver.Rk4(10));
        double[] outputs = new double[4];
        double[] final = new double[2];
        double[] parameters = [1.5, 1.0, 1.0, 3.0];
        integrator.Solve(0.0, [0.0, 1.0], [1.0, 2.0], parameters, outputs);
        integrator.Solve(0.0, 1.0, [1.0, 2.0], parameters, final);

        // Same grid, same arithmetic: bit-identical; the first output is the initial state itself.
        Assert.Equal([1.0, 2.0], outputs[..2]);
        Assert.Equal(final, outputs[2..]);
    }
}
