using System;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

/// <summary>
/// <see cref="GaussNewton"/>'s Levenberg–Marquardt bookkeeping on systems small enough to solve by hand: where μ is seeded
/// (10⁻³ · max diag G, or 10⁻³ when G = 0), how many trials a step makes, that an equal loss is accepted, that a fixed μ
/// stays fixed, and that G sums over every state of every sample.
/// </summary>
public sealed class GaussNewtonDampingTests
{
    [Fact]
    public void Step_SingularMatrixWithDiagonalFour_SeedsDampingAtATenThousandthOfIt()
    {
        // One residual r = 2θ₀ + 2θ₁ + 1 (S = [2, 2]): G = [[4, 4], [4, 4]] is singular, so μ = 0 fails and μ is seeded at
        // 10⁻³ · 4. g = r·S = [2, 2] is an eigenvector of G + μI with eigenvalue 8 + μ, so θ = −2/8.004 in both components.
        var optimizer = new GaussNewton(1.0);
        double[] theta = [0.0, 0.0];
        optimizer.Step(theta, [2.0, 2.0], new OptimizerContext(0.5, 1.0, 1, [1.0], [2.0, 2.0], new ResidualLoss(2.0)));

        Assert.Equal(1, optimizer.LastRejections);

        // cond(G + μI) = 8.004/0.004 ≈ 2000 amplifies rounding to ~2000·ε (a seed of 10⁻³ instead would move θ by 9e-5).
        Assert.Equal(-2.0 / 8.004, theta[0], 1e-12);
        Assert.Equal(-2.0 / 8.004, theta[1], 1e-12);

        // Accepted: μ is lowered by the default factor 0.1.
        Assert.Equal(4e-4, optimizer.Damping, 1e-18);
        Assert.False(optimizer.LastStepFailed);
    }

    [Fact]
    public void Step_ZeroMatrix_SeedsDampingAtOneThousandth()
    {
        // S = 0 gives G = 0 (max diag 0): the seed falls back to 10⁻³ · 1, so (G + μI) d = g gives d = 1000 g.
        var optimizer = new GaussNewton(1.0);
        double[] theta = [0.0, 0.0];
        optimizer.Step(theta, [1e-3, 2e-3], new OptimizerContext(1.0, 1.0, 1, [1.0], [0.0, 0.0], new ConstantLoss(0.0)));

        // A diagonal solve: two roundings.
        Assert.Equal(-1.0, theta[0], 1e-14);
        Assert.Equal(-2.0, theta[1], 1e-14);
        Assert.Equal(1, optimizer.LastRejections);
    }

    [Fact]
    public void Step_EveryTrialWorse_MakesOneTrialPlusMaxRejectionsRetries()
    {
        // maxRejections = 3: μ = 0, then 10⁻³ (seed, max diag G = 1), 10⁻², 10⁻¹ are tried and rejected; μ ends at 1.
        var optimizer = new GaussNewton(maxRejections: 3);
        double[] theta = [2.0];
        optimizer.Step(theta, [1.0], new OptimizerContext(0.0, 1.0, 1, [1.0], [1.0], new ConstantLoss(1.0)));

        Assert.Equal(4, optimizer.LastRejections);
        Assert.True(optimizer.LastStepFailed);
        Assert.Equal(1.0, optimizer.Damping, 1e-15); // 10⁻³ · 10 · 10 · 10: three roundings
        Assert.Equal(2.0, theta[0]);
        Assert.Equal(1, optimizer.GetState().StepCount); // a failed step still counts
    }

    [Fact]
    public void Step_TrialLossEqualToCurrent_IsAccepted()
    {
        // "Does not raise the loss": a trial with exactly the current loss is taken. G = 1, g = 1: θ = 2 − 1 = 1.
        var optimizer = new GaussNewton(1.0);
        double[] theta = [2.0];
        optimizer.Step(theta, [1.0], new OptimizerContext(1.0, 1.0, 1, [1.0], [1.0], new ConstantLoss(1.0)));

        Assert.Equal(0, optimizer.LastRejections);
        Assert.Equal(1.0, theta[0]); // 2 − 1·1/1, exact
        Assert.Equal(1, optimizer.GetState().StepCount);
    }

    [Fact]
    public void Step_FixedDamping_KeepsDampingAndStepsWithIt()
    {
        // adaptDamping: false with μ = 2: d = g/(G + μ) = 3/(1 + 2) = 1, and μ is not lowered afterwards.
        var optimizer = new GaussNewton(1.0, initialDamping: 2.0, adaptDamping: false);
        double[] theta = [5.0];
        optimizer.Step(theta, [3.0], new OptimizerContext(0.0, 1.0, 1, [1.0], [1.0], null));

        Assert.Equal(4.0, theta[0], 1e-15); // a 1×1 Cholesky solve: one or two roundings
        Assert.Equal(2.0, optimizer.Damping);
        Assert.False(optimizer.LastStepFailed);
        Assert.Equal(1, optimizer.GetState().StepCount);
    }

    [Fact]
    public void Step_TwoStatesOneSample_SumsTheOuterProductsOfBothStates()
    {
        // n = 2, N = 1, m = 1 with ∂x/∂θ = [1, 2]: G = 1² + 2² = 5, so the full step is g/5 = 10/5 = 2.
        var optimizer = new GaussNewton(1.0, adaptDamping: false);
        double[] theta = [3.0];
        optimizer.Step(theta, [10.0], new OptimizerContext(0.0, 1.0, 2, [0.0, 0.0], [1.0, 2.0], null));

        Assert.Equal(1.0, theta[0], 1e-15); // 10/√5/√5: two roundings
    }

    [Fact]
    public void Step_SingularMatrixWithoutAdaptation_ThrowsNamingTheDamping()
    {
        // G = [[1, 1], [1, 1]] and μ = 0 fixed: no finite step exists and the optimizer may not raise μ.
        var optimizer = new GaussNewton(1.0, adaptDamping: false);
        double[] theta = [0.0, 0.0];

        OptimizerException error = Assert.Throws<OptimizerException>(
            () => optimizer.Step(theta, [1.0, 1.0], new OptimizerContext(0.0, 1.0, 1, [1.0], [1.0, 1.0], null)));
        Assert.Contains("μ = 0", error.Message, StringComparison.Ordinal);
        Assert.Equal([0.0, 0.0], theta);
    }

    private sealed class ResidualLoss(double slope) : ILossEvaluator
    {
        public double EvaluateLoss(ReadOnlySpan<double> parameters)
        {
            double r = (slope * parameters[0]) + (slope * parameters[1]) + 1.0;
            return 0.5 * r * r;
        }
    }

    private sealed class ConstantLoss(double value) : ILossEvaluator
    {
        public double EvaluateLoss(ReadOnlySpan<double> parameters) => value;
    }
}
