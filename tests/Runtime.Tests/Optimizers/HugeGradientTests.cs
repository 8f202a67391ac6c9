using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

/// <summary>
/// Adam and RMSprop divide by the root of a squared-gradient average; with |g| above ~1e154 a naive g² overflows and
/// the step silently becomes 0. Both rules are invariant to scaling the gradient (ε aside), so the steps under a
/// gradient scaled by 1e200 must equal the textbook steps under the unscaled gradient.
/// </summary>
public sealed class HugeGradientTests
{
    private const double Scale = 1e200;

    // ε this small is negligible next to both |g| ~ 1 and |g| ~ 1e200, so scale invariance holds to rounding.
    private const double TinyEpsilon = 1e-300;

    private static readonly double[][] Gradients = [[3.0, -0.002], [-1.0, 0.004], [2.5, 0.001], [0.5, -0.003]];

    private static OptimizerContext EmptyContext => new(0.0, 1.0, 1, [1.0], [], null);

    [Fact]
    public void Adam_GradientScaledBy1e200_StepsLikeTheTextbookRuleOnTheUnscaledGradient()
    {
        const double Eta = 0.1, Beta1 = 0.9, Beta2 = 0.999;
        var adam = new Adam(Eta, Beta1, Beta2, TinyEpsilon);
        double[] theta = [0.0, 0.0];
        double[] expected = [0.0, 0.0];
        double[] m = [0.0, 0.0];
        double[] v = [0.0, 0.0];
        for (int step = 1; step <= Gradients.Length; step++)
        {
            double[] g = Gradients[step - 1];
            adam.Step(theta, [g[0] * Scale, g[1] * Scale], EmptyContext);

            // Kingma & Ba, Algorithm 1, on the unscaled gradient (g² ≤ 9: no overflow).
            for (int k = 0; k < 2; k++)
            {
                m[k] = (Beta1 * m[k]) + ((1 - Beta1) * g[k]);
                v[k] = (Beta2 * v[k]) + ((1 - Beta2) * g[k] * g[k]);
                double mHat = m[k] / (1 - Math.Pow(Beta1, step));
                double vHat = v[k] / (1 - Math.Pow(Beta2, step));
                expected[k] -= Eta * mHat / (Math.Sqrt(vHat) + TinyEpsilon);
            }

            // A few roundings per step in either form: relative 1e-13 of the accumulated step (≤ 4η).
            Assert.Equal(expected[0], theta[0], 1e-13);
            Assert.Equal(expected[1], theta[1], 1e-13);
        }

        Assert.True(Math.Abs(theta[0]) > 0.1, $"θ₀ = {theta[0]}: the run must move, not freeze");
    }

    [Fact]
    public void RmsProp_GradientScaledBy1e200_StepsLikeTheTextbookRuleOnTheUnscaledGradient()
    {
        const double Eta = 0.01, Rho = 0.9;
        var rmsProp = new RmsProp(Eta, Rho, TinyEpsilon);
        double[] theta = [0.0, 0.0];
        double[] expected = [0.0, 0.0];
        double[] v = [0.0, 0.0];
        foreach (double[] g in Gradients)
        {
            rmsProp.Step(theta, [g[0] * Scale, g[1] * Scale], EmptyContext);
            for (int k = 0; k < 2; k++)
            {
                v[k] = (Rho * v[k]) + ((1 - Rho) * g[k] * g[k]);
                expected[k] -= Eta * g[k] / (Math.Sqrt(v[k]) + TinyEpsilon);
            }

            // A few roundings per step: relative 1e-13 of the accumulated step (≤ 4η√10).
            Assert.Equal(expected[0], theta[0], 1e-13);
            Assert.Equal(expected[1], theta[1], 1e-13);
        }
    }

    [Theory]
    [InlineData(double.MaxValue)]
    [InlineData(-double.MaxValue)]
    [InlineData(1e300)]
    public void AdamAndRmsProp_LargestFiniteGradients_GiveFiniteNonZeroSteps(double g)
    {
        double[] adamTheta = [0.0];
        double[] rmsTheta = [0.0];
        var adam = new Adam(0.5);
        var rmsProp = new RmsProp(0.5);
        for (int step = 0; step < 3; step++)
        {
            adam.Step(adamTheta, [g], EmptyContext);
            rmsProp.Step(rmsTheta, [g], EmptyContext);
        }

        // Constant gradient: Adam moves exactly η per step against its sign; RMSprop moves η/√(1 − ρᵏ) per step.
        Assert.Equal(-Math.Sign(g) * 1.5, adamTheta[0], 1e-12);
        double rms = 0.5 * ((1 / Math.Sqrt(0.01)) + (1 / Math.Sqrt(1 - (0.99 * 0.99))) + (1 / Math.Sqrt(1 - (0.99 * 0.99 * 0.99))));
        Assert.Equal(-Math.Sign(g) * rms, rmsTheta[0], 1e-10);
    }

    [Fact]
    public void Adam_StateAfterHugeGradient_IsFiniteAndResumesIdentically()
    {
        var original = new Adam(0.1);
        double[] theta = [1.0];
        original.Step(theta, [1e250], EmptyContext);
        OptimizerState state = original.GetState();
        foreach (double[] array in state.Arrays.Values)
        {
            Assert.All(array, value => Assert.True(double.IsFinite(value), $"state value {value}"));
        }

        var restored = new Adam(0.1);
        restored.SetState(state);
        double[] a = (double[])theta.Clone();
        double[] b = (double[])theta.Clone();
        original.Step(a, [-3e249], EmptyContext);
        restored.Step(b, [-3e249], EmptyContext);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Adam_LegacySecondMomentState_ResumesAsBefore()
    {
        // Checkpoints written before the scaled form store v = E[g²] under "v"; they must still load.
        var legacy = new OptimizerState("Adam", 1, new System.Collections.Generic.Dictionary<string, double[]> { ["m"] = [0.2], ["v"] = [0.004] });
        var adam = new Adam(0.1);
        adam.SetState(legacy);
        double[] theta = [0.8];
        adam.Step(theta, [-1.0], EmptyContext);

        // The hand computation of FirstOrderOptimizerTests.Adam_SecondStep: m₂ = 0.08, v₂ = 0.004996.
        double expected = 0.8 - (0.1 * (0.08 / 0.19) / (Math.Sqrt(0.004996 / (1.0 - (0.999 * 0.999))) + 1e-8));
        Assert.Equal(expected, theta[0], 1e-14);
    }
}
