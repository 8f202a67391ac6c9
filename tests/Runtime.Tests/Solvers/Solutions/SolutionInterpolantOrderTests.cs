using System;
using NeuralOdeGen.Runtime.Tests.Models;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Solvers.Solutions;

/// <summary>
/// <see cref="Solution.Evaluate"/> between the steps of a real solve uses each method's own interpolant, at its order.
/// </summary>
/// <remarks>
/// On the harmonic oscillator (<c>ẍ = −x</c>) the exact flow from any point is a rotation, so the interpolant's error can
/// be measured against the exact solution through each step's start <c>(t_k, y_k)</c>: <c>e(θ) = Evaluate(t_k + θh) −
/// Φ_{θh}(y_k)</c>. That is the interpolant's local error, <c>O(h^{q+1})</c> for an interpolant of order <c>q</c> (the
/// step's own error, <c>O(h^{p+1})</c> with <c>p ≥ q</c>, is no larger), free of the global error that would otherwise
/// mask it (for BS3, <c>p = q = 3</c>, the global error <c>O(h³)</c> would show a ratio of 8). Halving a fixed step divides it by <c>2^{q+1}</c>: 16 for a cubic (Hermite, BS3's own),
/// 32 for the fourth-order extensions of Dormand–Prince (Shampine's) and Tsitouras, and Rodas5P's fourth-order dense output.
/// </remarks>
public sealed class SolutionInterpolantOrderTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, double, double> Methods
    {
        get
        {
            var data = new TheoryData<string, int, double, double>();
            foreach (string method in new[] { "Tsitouras54", "DormandPrince54", "BogackiShampine32", "Rk4", "Rodas5P", "Rodas4", "Kvaerno5" })
            {
                data.Add(method, InterpolantOrder(method), 0.0, 2.0);      // forwards from 0
                data.Add(method, InterpolantOrder(method), 1.5, -0.5);     // backwards from t0 = 1.5
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Evaluate_BetweenSteps_LocalErrorShrinksAtTheInterpolantOrder(string method, int order, double t0, double t1)
    {
        double coarse = MaxInterpolationError(method, t0, t1, steps: 20);
        double fine = MaxInterpolationError(method, t0, t1, steps: 40);
        double observed = Math.Log2(coarse / fine);
        output.WriteLine($"{method} [{t0} → {t1}]: max local error {coarse:E3} (h = {(t1 - t0) / 20}) → {fine:E3} (h/2), ratio {coarse / fine:F2}, order + 1 = {observed:F3}");

        // Asymptotic ratio 2^{q+1}; at h = 0.1 the next term (relative O(h)) moves the exponent by a few hundredths, and
        // the errors (≥ 1e-10) are far above rounding (1e-16). 0.3 in the exponent separates neighbouring orders.
        Assert.InRange(observed, order + 1 - 0.3, order + 1 + 0.3);
    }

    // The interpolant order each method's dense output has: its tableau's continuous extension, Rodas' own dense
    // output, or cubic Hermite (order 3) for the methods without one (RK4, Kvaerno5).
    private static int InterpolantOrder(string method) => method switch
    {
        "Rodas5P" => 4,
        "Rodas4" => 3,
        "Kvaerno5" or "Rk4" => 3,
        _ => ButcherTableauTests.ByName(method).ContinuousExtension!.Order,
    };

    private static OdeSolver FixedSolver(string method, int steps) => method switch
    {
        "Rodas5P" => OdeSolver.Fixed(ImplicitTableaus.Rodas5P, steps),
        "Rodas4" => OdeSolver.Fixed(ImplicitTableaus.Rodas4, steps),

        // Newton to 1e-14 so that the stage iteration's error stays far below the interpolation error measured.
        "Kvaerno5" => OdeSolver.Fixed(ImplicitTableaus.Kvaerno5, steps, 1e-14, 1e-16),
        _ => OdeSolver.Fixed(ButcherTableauTests.ByName(method), steps),
    };

    // max over steps k and θ ∈ {0.2, 0.4, 0.6, 0.8} of |Evaluate(t_k + θh) − Φ_{θh}(y_k)|, Φ the exact rotation.
    private static double MaxInterpolationError(string method, double t0, double t1, int steps)
    {
        var integrator = new OdeIntegrator<HarmonicOscillator>(FixedSolver(method, steps));
        Solution solution = integrator.Solve(t0, t1, [1.0, 0.5], [1.0], SaveAt.Dense);
        Assert.Equal(steps + 1, solution.Count);
        double[] y = new double[2];
        double worst = 0.0;
        for (int k = 0; k < steps; k++)
        {
            double start = solution.Times[k];
            double h = solution.Times[k + 1] - start;
            ReadOnlySpan<double> yk = solution.State(k);
            foreach (double theta in (ReadOnlySpan<double>)[0.2, 0.4, 0.6, 0.8])
            {
                double tau = theta * h;
                solution.Evaluate(start + tau, y);
                double x = (yk[0] * Math.Cos(tau)) + (yk[1] * Math.Sin(tau));
                double v = (-yk[0] * Math.Sin(tau)) + (yk[1] * Math.Cos(tau));
                worst = Math.Max(worst, Math.Max(Math.Abs(y[0] - x), Math.Abs(y[1] - v)));
            }
        }

        return worst;
    }
}
