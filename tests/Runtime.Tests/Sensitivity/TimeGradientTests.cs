using System;
using NeuralOdeGen.Runtime.Tests.Models;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// <c>∂L/∂τ_k = g_k·f(τ_k, x(τ_k))</c> for the observation times and <c>∂L/∂t0 = −λ(t0)·f(t0, x0)</c> (issue #13, item 2)
/// from every sensitivity method, forwards from <c>t0 = 0.5</c> and backwards from <c>t0 = 2.5</c>, against central
/// differences of the loss in each time, and the shift invariance of an autonomous model.
/// </summary>
public sealed class TimeGradientTests(ITestOutputHelper output)
{
    private static readonly GradientOptions WithTimes = new() { TimeGradients = true };

    // Offsets from t0 chosen so that no interval holds a whole number of RK4's steps (200 over the span of 2: 33.3, 57.7,
    // 56.1, 52.9): a moved time then changes no interval's step count, and the fixed-step loss is smooth in the times.
    private static readonly double[] TrajectoryOffsets = [0.333, 0.91, 1.471, 2.0];

    public static TheoryData<string, string, string, bool> Combinations
    {
        get
        {
            var data = new TheoryData<string, string, string, bool>();
            foreach (var row in GradientCombinations.All)
            {
                data.Add((string)row[0], (string)row[1], (string)row[2], false);
                data.Add((string)row[0], (string)row[1], (string)row[2], true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Gradient_TimeGradients_MatchCentralDifferences(string method, string solver, string loss, bool backwards)
    {
        double startTime = backwards ? 2.5 : 0.5;
        double[] times = Times(loss, startTime, backwards ? -1.0 : 1.0);
        OdeProblem<LotkaVolterra> problem = GradientCombinations.Problem(method, solver, times, startTime, WithTimes);
        double[] targets = problem.Data.Targets.ToArray();
        GradientResult result = problem.Gradient(GradientCombinations.Theta);
        double[] actual = [.. result.ObservationTimeGradients, result.StartTimeGradient];

        const double step = 1e-5;
        double[] expected = new double[times.Length + 1];
        for (int k = 0; k < times.Length; k++)
        {
            double[] plus = (double[])times.Clone();
            double[] minus = (double[])times.Clone();
            plus[k] += step;
            minus[k] -= step;
            expected[k] = (Loss(method, solver, plus, startTime, targets) - Loss(method, solver, minus, startTime, targets)) / (2.0 * step);
        }

        expected[^1] = (Loss(method, solver, times, startTime + step, targets) - Loss(method, solver, times, startTime - step, targets)) / (2.0 * step);
        double error = GradientChecks.RelativeError(actual, expected);
        output.WriteLine($"{method} {solver} {loss} {(backwards ? "backwards" : "forwards")}: [∂L/∂τ_k…, ∂L/∂t0] {GradientChecks.Format(actual)}");
        output.WriteLine($"  central differences {GradientChecks.Format(expected)}; relative error {error:E2}");

        // RK4 (h = 0.01): moving a time moves the grid with it, so the fixed-step loss differs from the exact flow's by
        // O(h⁴) smoothly in the times and its derivative by O(h⁴) ≈ 1e-8·C; the adaptive and implicit solvers' step
        // sequences (and Kvaerno5's Newton iterations) follow the times at O(tol), seen by the quotient as O(tol)/δ = 1e-6
        // at worst. Measured ≤ 7.5e-8 (Kvaerno5 ≤ 1.6e-7); 1e-6
        // would still catch a sign error, f taken at the wrong end or a gradient of the wrong observation (all O(1)).
        Assert.True(error < 1e-6, $"relative error {error:E2}");
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    [InlineData("Checkpointed")]
    [InlineData("Forward")]
    public void Gradient_AutonomousModel_TimeGradientsSumToZero(string method)
    {
        // Lotka–Volterra is autonomous: shifting t0 and every τ_k together leaves the loss unchanged, so
        // Σ_k ∂L/∂τ_k + ∂L/∂t0 = 0 (λ·f is constant between observations and jumps by g_k·f at each). The discrete methods
        // hold it to the solver's accuracy, Dopri5 at rtol 1e-11: 1e-8 of the largest term.
        double[] times = Times("Trajectory", 0.5, 1.0);
        GradientResult result = GradientCombinations.Problem(method, "Dopri5", times, 0.5, WithTimes).Gradient(GradientCombinations.Theta);
        double sum = result.StartTimeGradient;
        double scale = Math.Abs(result.StartTimeGradient);
        foreach (double gradient in result.ObservationTimeGradients)
        {
            sum += gradient;
            scale = Math.Max(scale, Math.Abs(gradient));
        }

        output.WriteLine($"{method}: Σ = {sum:E2} against terms up to {scale:E2}");
        Assert.True(Math.Abs(sum) < 1e-8 * scale, $"sum {sum:E2}, scale {scale:E2}");
    }

    [Fact]
    public void Gradient_TimeGradientsNotRequested_EmptyAndZero()
    {
        GradientResult result = GradientCombinations.Problem("Discrete", "Rk4", [1.0], 0.0, GradientOptions.None).Gradient(GradientCombinations.Theta);
        Assert.False(result.HasTimeGradients);
        Assert.True(result.ObservationTimeGradients.IsEmpty);
        Assert.Equal(0.0, result.StartTimeGradient);
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Forward")]
    public void Gradient_TimeGradientsRequested_ParameterGradientBitIdentical(string method)
    {
        // With a fixed-step solver neither method changes ∂L/∂θ for the extra outputs (the discrete adjoint then solves the
        // samples one by one instead of in groups, with the same bits).
        double[] times = Times("Trajectory", 0.5, 1.0);
        GradientResult plain = GradientCombinations.Problem(method, "Rk4", times, 0.5, GradientOptions.None).Gradient(GradientCombinations.Theta);
        GradientResult timed = GradientCombinations.Problem(method, "Rk4", times, 0.5, WithTimes).Gradient(GradientCombinations.Theta);
        Assert.Equal(plain.Loss, timed.Loss);
        Assert.Equal(plain.Gradient.ToArray(), timed.Gradient.ToArray());
    }

    private static double[] Times(string loss, double startTime, double direction)
    {
        if (loss == "Terminal")
        {
            return [startTime + (direction * 2.0)];
        }

        double[] times = new double[TrajectoryOffsets.Length];
        for (int k = 0; k < times.Length; k++)
        {
            times[k] = startTime + (direction * TrajectoryOffsets[k]);
        }

        return times;
    }

    private static double Loss(string method, string solver, double[] times, double startTime, double[] targets) =>
        GradientCombinations.Problem(method, solver, times, startTime, GradientOptions.None, targets).EvaluateLoss(GradientCombinations.Theta);
}
