using System;
using System.Globalization;
using System.Linq;
using NeuralOdeGen;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Training;

/// <summary>The paper's §6 observations on f(x) = a·x, a* = −1, t = 1, η = 0.5, measured rather than assumed.</summary>
public sealed class PaperObservationTests
{
    private const double TargetRate = -1.0;
    private readonly ITestOutputHelper _output;

    public PaperObservationTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public void VarianceCorrected_EveryInitialValue_ConvergesLinearlyAtRateOneMinusEtaSquared(double eta)
    {
        // Linearising a_{k+1} − a* = (a_k − a*) − η(1 − e^{−(a_k−a*)}) gives the factor (1 − η), so the loss ratio tends to
        // (1 − η)², which agrees with the paper's (1 − 2η) only to first order in η (0.25 versus 0 at η = 0.5).
        LinearDecayObjective objective = LinearDecayObjective.Sample(TargetRate, 1.0, sampleCount: 1000, seed: 0);
        double expectedRate = (1.0 - eta) * (1.0 - eta);
        foreach (double a0 in new[] { -3.0, -2.0, -1.5, -0.5, 0.0, 0.5, 1.0, 2.0 })
        {
            TrainingResult result = new Trainer(objective, new VarianceCorrected(eta), new TrainerOptions { MaxIterations = 60 }).Run([a0]);
            double[] ratios = LossRatios(result);
            int last = eta == 0.5 ? 20 : 59;
            _output.WriteLine(FormattableString.Invariant(
                $"η={eta} a0={a0}: ratios k=0..4 {string.Join(" ", ratios.Take(5).Select(r => r.ToString("F4", CultureInfo.InvariantCulture)))}, k={last - 1}: {ratios[last - 1]:F4}; paper 1−2η = {1 - (2 * eta):F2}"));

            // Near a* the ratio is (1 − η)² + O(a − a*): at η = 0.5, by k = 20 |a − a*| < 1e-4; at η = 0.1 after 59 steps |a − a*| < 0.05 (ratio within 0.02).
            Assert.Equal(expectedRate, ratios[last - 1], eta == 0.5 ? 1e-3 : 2e-2);
            Assert.Equal(TrainingStatus.MaxIterations, result.Status);
        }
    }

    [Fact]
    public void GradientDescent_Eta05_StallsOrIsThrownAwayDependingOnInitialValue()
    {
        LinearDecayObjective objective = LinearDecayObjective.Sample(TargetRate, 1.0, sampleCount: 1000, seed: 0);
        double floor = objective.EvaluateLoss([-1e3]);

        // Below a*: the gradient σ²e^{a}(e^{a} − e^{a*}) vanishes exponentially; after 50 steps a is still far from a*.
        TrainingResult below = new Trainer(objective, new Sgd(0.5), new TrainerOptions { MaxIterations = 50 }).Run([-3.0]);
        Assert.True(below.Parameters[0] < -2.0, $"a_50 = {below.Parameters[0]}");

        // Above a*: the first gradient (≈ e⁴ at a = 2) throws a to ≈ −24, where the loss sits at its a → −∞ plateau ½σ²e^{−2}.
        TrainingResult above = new Trainer(objective, new Sgd(0.5), new TrainerOptions { MaxIterations = 50 }).Run([2.0]);
        Assert.True(above.History[1].Parameters[0] < -20.0);
        Assert.Equal(floor, above.Loss, floor * 1e-6);

        // Far above a*: the first step itself overflows (e^{2·400}), so the run diverges at iteration 0.
        TrainingResult far = new Trainer(objective, new Sgd(0.5), new TrainerOptions { MaxIterations = 50 }).Run([400.0]);
        Assert.Equal(TrainingStatus.Diverged, far.Status);
        _output.WriteLine(FormattableString.Invariant($"GD a0=−3 → {below.Parameters[0]:R} (loss {below.Loss:R}); a0=2 → a1={above.History[1].Parameters[0]:R}, a50={above.Parameters[0]:R}; a0=400: {far.Reason}"));
    }

    [Fact]
    public void Adam_Eta05_OscillatesAroundTarget()
    {
        LinearDecayObjective objective = LinearDecayObjective.Sample(TargetRate, 1.0, sampleCount: 1000, seed: 0);
        foreach (double a0 in new[] { -3.0, -2.0, -0.5 })
        {
            TrainingResult result = new Trainer(objective, new Adam(0.5), new TrainerOptions { MaxIterations = 100 }).Run([a0]);
            double[] path = result.History.Select(r => r.Parameters[0]).ToArray();
            int crossings = Enumerable.Range(1, path.Length - 1).Count(k => (path[k] - TargetRate) * (path[k - 1] - TargetRate) < 0.0);
            int lossIncreases = Enumerable.Range(1, path.Length - 1).Count(k => result.History[k].Loss > result.History[k - 1].Loss);
            _output.WriteLine(FormattableString.Invariant($"Adam a0={a0}: {crossings} crossings of a*, {lossIncreases} loss increases in 100 steps"));

            // A monotone (non-oscillating) method crosses a* at most once and never raises the loss for long; Adam does both repeatedly.
            Assert.True(crossings >= 5, $"{crossings} crossings");
            Assert.True(lossIncreases >= 10, $"{lossIncreases} increases");
        }
    }

    [Fact]
    public void VarianceCorrected_FromMinusTen_OvershootsToOverflowAndDivergesKeepingLastFiniteParameters()
    {
        LinearDecayObjective objective = LinearDecayObjective.Sample(TargetRate, 1.0, sampleCount: 1000, seed: 0);
        TrainingResult result = new Trainer(objective, new VarianceCorrected(0.5), new TrainerOptions { MaxIterations = 50 }).Run([-10.0]);
        _output.WriteLine(result.Reason);

        // First step: a₁ = −10 − 0.5(1 − e⁹) ≈ 4040.9; e^{4040.9} overflows, so iteration 1 has an infinite loss.
        Assert.Equal(TrainingStatus.Diverged, result.Status);
        Assert.Equal(1, result.DivergedAtIteration);
        Assert.Equal(-10.0, result.Parameters[0]);
        // a₁ − a₀ = (η/t)(e^{(a*−a₀)t} − 1) in closed form; a₁ ≈ 4041 carries ~1e-12 absolute rounding.
        Assert.Equal(0.5 * (Math.Exp(9.0) - 1.0), result.History[0].StepNorm, 1e-9);
        Assert.Contains("iteration 1", result.Reason, StringComparison.Ordinal);
        Assert.Contains("Infinity", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GaussNewton_FromMinusTen_ConvergesWithLevenbergMarquardtDamping()
    {
        LinearDecayObjective objective = LinearDecayObjective.Sample(TargetRate, 1.0, sampleCount: 1000, seed: 0);
        var optimizer = new GaussNewton(0.5);
        var rejections = new System.Collections.Generic.List<int>();
        var options = new TrainerOptions { MaxIterations = 200, LossTolerance = 1e-20, Progress = _ => rejections.Add(optimizer.LastRejections) };
        TrainingResult result = new Trainer(objective, optimizer, options).Run([-10.0]);
        _output.WriteLine(FormattableString.Invariant(
            $"GN from −10: {result.Status} after {result.Iteration} iterations, a = {result.Parameters[0]:R}, loss {result.Loss:R}"));
        _output.WriteLine(FormattableString.Invariant(
            $"a_k: {string.Join(" ", result.History.Take(8).Select(r => r.Parameters[0].ToString("F4", CultureInfo.InvariantCulture)))}; rejected trials per step: {string.Join(" ", rejections.Take(8))}"));

        // Loss 1e-20 ⇔ |a − a*| ≈ √(2e-20)/e^{−1} ≈ 4e-10.
        Assert.Equal(TrainingStatus.Converged, result.Status);
        Assert.Equal(TargetRate, result.Parameters[0], 1e-8);
        Assert.True(result.History.Zip(result.History.Skip(1)).All(pair => pair.Second.Loss <= pair.First.Loss), "LM never accepts a loss increase");
    }

    [Fact]
    public void VarianceCorrected_EtaOne_ConvergesQuadratically()
    {
        // At η = 1, e_{k+1} = e_k − (1 − e^{−e_k}) = e_k²/2 − e_k³/6 + … with e = a − a*: Newton-like, not linear.
        LinearDecayObjective objective = LinearDecayObjective.Sample(TargetRate, 1.0, sampleCount: 1000, seed: 0);
        TrainingResult result = new Trainer(objective, new VarianceCorrected(1.0), new TrainerOptions { MaxIterations = 4 }).Run([-0.5]);
        double[] errors = result.History.Select(r => r.Parameters[0] - TargetRate).ToArray();
        _output.WriteLine(FormattableString.Invariant($"η=1 errors a_k − a*: {string.Join(" ", errors.Select(e => e.ToString("E3", CultureInfo.InvariantCulture)))}"));
        for (int k = 1; k < 4; k++)
        {
            // Relative O(e_k) correction to e_k²/2: e₀ = 0.5 gives e₀/3 ≈ 17 %, shrinking fast.
            Assert.Equal(errors[k - 1] * errors[k - 1] / 2.0, errors[k], Math.Abs(errors[k]) * 0.25);
        }
    }

    private static double[] LossRatios(TrainingResult result) =>
        Enumerable.Range(1, result.History.Count - 1).Select(k => result.History[k].Loss / result.History[k - 1].Loss).ToArray();
}
