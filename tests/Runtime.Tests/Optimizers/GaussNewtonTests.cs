using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

public sealed class GaussNewtonTests
{
    [Theory]
    [InlineData(0.5, -2.5)]
    [InlineData(0.5, 1.0)]
    [InlineData(0.1, -0.5)]
    public void Step_ZeroDampingOnDecay_ReproducesVarianceCorrectedIterates(double eta, double a0)
    {
        LinearDecayObjective objective = LinearDecayObjective.Sample(-1.0, 1.0, sampleCount: 300, seed: 5);
        var gaussNewton = new GaussNewton(eta, initialDamping: 0.0, adaptDamping: false);
        var varianceCorrected = new VarianceCorrected(eta);
        var evaluation = new ObjectiveEvaluation(1, 1, 300, includeSensitivities: true);
        double[] viaGaussNewton = [a0];
        double[] viaVariance = [a0];
        for (int k = 0; k < 20; k++)
        {
            objective.Evaluate(viaGaussNewton, evaluation);
            gaussNewton.Step(viaGaussNewton, evaluation.Gradient, Context(objective, evaluation));
            objective.Evaluate(viaVariance, evaluation);
            varianceCorrected.Step(viaVariance, evaluation.Gradient, Context(objective, evaluation));

            // G = (1/N)Σ(t x_t)² versus t²·(1/N)Σx_t²: the same number up to ~N·ε rounding, slightly amplified over steps.
            Assert.Equal(viaVariance[0], viaGaussNewton[0], 1e-11);
        }
    }

    [Fact]
    public void Step_FarBelowTarget_RejectsOvershootAndRaisesDamping()
    {
        // From a = −10 the undamped step lands at ≈ +4041, where the loss overflows; LM must reject it.
        LinearDecayObjective objective = LinearDecayObjective.Sample(-1.0, 1.0, sampleCount: 100, seed: 2);
        var evaluation = new ObjectiveEvaluation(1, 1, 100, includeSensitivities: true);
        var optimizer = new GaussNewton(0.5);
        double[] theta = [-10.0];
        objective.Evaluate(theta, evaluation);
        optimizer.Step(theta, evaluation.Gradient, Context(objective, evaluation));

        Assert.True(optimizer.LastRejections > 0);
        Assert.True(theta[0] > -10.0 && objective.EvaluateLoss(theta) <= evaluation.Loss);
    }

    [Fact]
    public void Step_TwoParameterLinearLeastSquares_SolvesNormalEquationsInOneStep()
    {
        // Terminal states linear in θ: x = Sθ − y per sample, so one full GN step (η = 1, μ = 0) reaches the least-squares solution.
        // Samples (n = 1): S₁ = [1, 0], S₂ = [1, 1], S₃ = [1, 2]; y = [1, 2, 4]. Normal equations give θ* = [5/6, 3/2].
        double[] sensitivities = [1, 0, 1, 1, 1, 2];
        double[] theta = [0.0, 0.0];
        double[] residual = [-1.0, -2.0, -4.0];
        double[] gradient = new double[2];
        for (int i = 0; i < 3; i++)
        {
            gradient[0] += residual[i] * sensitivities[2 * i] / 3.0;
            gradient[1] += residual[i] * sensitivities[(2 * i) + 1] / 3.0;
        }

        var optimizer = new GaussNewton(1.0, initialDamping: 0.0, adaptDamping: false);
        optimizer.Step(theta, gradient, new OptimizerContext(1.0, 1.0, 1, [0, 0, 0], sensitivities, null));

        // A 2×2 Cholesky solve: a few ulps.
        Assert.Equal(5.0 / 6.0, theta[0], 1e-14);
        Assert.Equal(1.5, theta[1], 1e-14);
    }

    [Fact]
    public void Step_SingularGaussNewtonMatrix_RejectsUndampedSolveThenSolvesDampedSystem()
    {
        // One residual r = θ₀ + θ₁ + 1 with S = [1, 1]: G = [[1, 1], [1, 1]] is singular, so the μ = 0 solve (Cholesky, then LU)
        // is not finite. μ is seeded at 1e-3·max diag G = 1e-3; g = [1, 1] is an eigenvector of G + μI with eigenvalue 2 + μ.
        var evaluator = new SumResidualLoss();
        var optimizer = new GaussNewton(1.0);
        double[] theta = [0.0, 0.0];
        optimizer.Step(theta, [1.0, 1.0], new OptimizerContext(0.5, 1.0, 1, [1.0], [1.0, 1.0], evaluator));

        Assert.Equal(1, optimizer.LastRejections);

        // cond(G + μI) = (2 + μ)/μ ≈ 2000 amplifies rounding to ~2000·ε.
        Assert.Equal(-1.0 / 2.001, theta[0], 1e-12);
        Assert.Equal(-1.0 / 2.001, theta[1], 1e-12);

        // Accepted, so μ is lowered by the default factor 0.1.
        Assert.Equal(1e-4, optimizer.Damping, 1e-19);
    }

    [Fact]
    public void Step_NoAcceptableTrial_LeavesParametersAndKeepsDampingFinite()
    {
        // Every trial is worse than the current loss 0, so each step gives up after MaxRejections; μ must stay finite so the
        // state still round-trips through SetState.
        var optimizer = new GaussNewton(maxRejections: 40);
        double[] theta = [2.0];
        for (int k = 0; k < 10; k++)
        {
            optimizer.Step(theta, [1.0], new OptimizerContext(0.0, 1.0, 1, [1.0], [1.0], new AlwaysWorseLoss()));
            Assert.True(optimizer.LastStepFailed);
        }

        Assert.Equal(2.0, theta[0]);
        Assert.True(double.IsFinite(optimizer.Damping));
        new GaussNewton().SetState(optimizer.GetState());
    }

    [Fact]
    public void Step_WithoutSensitivities_ThrowsSayingWhatIsNeeded()
    {
        var optimizer = new GaussNewton();
        double[] theta = [1.0];

        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(
            () => optimizer.Step(theta, [1.0], new OptimizerContext(1.0, 1.0, 1, [1.0], [], null)));

        Assert.Contains("sensitivities", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trainer_ObjectiveWithoutSensitivities_RejectsGaussNewtonUpFront()
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(
            () => new Trainer(new NoSensitivityObjective(), new GaussNewton()));

        Assert.Equal("optimizer", exception.ParamName);
    }

    [Fact]
    public void SetState_RestoresDamping()
    {
        var optimizer = new GaussNewton(initialDamping: 3.5);
        var restored = new GaussNewton();
        restored.SetState(optimizer.GetState());

        Assert.Equal(3.5, restored.Damping);
    }

    private static OptimizerContext Context(LinearDecayObjective objective, ObjectiveEvaluation evaluation) =>
        new(evaluation.Loss, objective.Horizon, 1, evaluation.TerminalStates, evaluation.Sensitivities, objective);

    private sealed class SumResidualLoss : ILossEvaluator
    {
        public double EvaluateLoss(ReadOnlySpan<double> parameters)
        {
            double r = parameters[0] + parameters[1] + 1.0;
            return 0.5 * r * r;
        }
    }

    private sealed class AlwaysWorseLoss : ILossEvaluator
    {
        public double EvaluateLoss(ReadOnlySpan<double> parameters) => 1.0;
    }

    private sealed class NoSensitivityObjective : ITrainingObjective
    {
        public int ParameterCount => 1;

        public int StateCount => 1;

        public int SampleCount => 1;

        public double Horizon => 1.0;

        public bool CanProvideSensitivities => false;

        public void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result) => result.Loss = parameters[0] * parameters[0];

        public double EvaluateLoss(ReadOnlySpan<double> parameters) => parameters[0] * parameters[0];
    }
}
