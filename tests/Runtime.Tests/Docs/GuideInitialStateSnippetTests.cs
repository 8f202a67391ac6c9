using System;
using Growth = NeuralOdeGen.Runtime.Tests.Generated.GeneratedDecay;

namespace NeuralOdeGen.Runtime.Tests.Docs;

/// <summary>
/// The guide's "Gradients with respect to initial states and times" blocks, verbatim (the guide's <c>Growth</c> is
/// <c>dx/dt = a·x</c>, as <see cref="Generated.GeneratedDecay"/> here), against the closed form
/// <c>x(τ) = x0·e^{a(τ − t0)}</c>. The Examples tests compile the same lines in GuideSnippets.cs.
/// </summary>
public sealed class GuideInitialStateSnippetTests
{
    [Fact]
    public void GuideInitialStateGradients_AreTheClosedForm()
    {
        // <guide:initial-state-gradients>
        Dataset data = Dataset.Generate<Growth>(initialStates: [1.0, 2.0], trueParameters: [-0.5],
            observationTimes: [3.0, 2.0, 1.0], startTime: 4.0);         // x0 at t0 = 4, observed before it: solved backwards
        var problem = new TrajectoryProblem<Growth>(data, OdeSolver.Dopri5(1e-10, 1e-12), new DiscreteAdjoint(),
            options: new GradientOptions { InitialStateGradients = true, TimeGradients = true });
        GradientResult r = problem.Gradient([-0.4]);
        ReadOnlySpan<double> dLdx0 = r.InitialStateGradient(sample: 1);  // ∂L/∂x0 of sample 1
        ReadOnlySpan<double> dLdtau = r.ObservationTimeGradients;        // ∂L/∂τ_k for τ = 3, 2, 1
        double dLdt0 = r.StartTimeGradient;                              // ∂L/∂t0
        // </guide:initial-state-gradients>

        // L = (1/6) Σ_i Σ_k ½(x_ik − y_ik)², x_ik = x0_i e^{a(τ_k − 4)}, y_ik the same with a* = −0.5.
        double[] x0 = [1.0, 2.0], tau = [3.0, 2.0, 1.0];
        const double a = -0.4, aTrue = -0.5, w = 1.0 / 6.0;
        double[] expectedTau = new double[3];
        double[] expectedX0 = new double[2];
        for (int i = 0; i < 2; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                double x = x0[i] * Math.Exp(a * (tau[k] - 4.0));
                double residual = x - (x0[i] * Math.Exp(aTrue * (tau[k] - 4.0)));
                expectedX0[i] += w * residual * Math.Exp(a * (tau[k] - 4.0));
                expectedTau[k] += w * residual * a * x;
            }
        }

        double expectedT0 = -((expectedX0[0] * a * x0[0]) + (expectedX0[1] * a * x0[1]));

        // Dopri5 at rtol 1e-10 for the data and the solve: 1e-8 relative is two orders of margin.
        Assert.Equal(expectedX0[1], dLdx0[0], Math.Abs(expectedX0[1]) * 1e-8);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(expectedTau[k], dLdtau[k], Math.Abs(expectedTau[k]) * 1e-8);
        }

        Assert.Equal(expectedT0, dLdt0, Math.Abs(expectedT0) * 1e-8);
    }

    [Fact]
    public void GuideTrainableInitialStates_RecoverTheTruth()
    {
        Dataset data = Dataset.Generate<Growth>([1.0, 2.0], [-0.5], [3.0, 2.0, 1.0], startTime: 4.0);
        var problem = new TrajectoryProblem<Growth>(data, OdeSolver.Dopri5(1e-10, 1e-12), new DiscreteAdjoint(),
            options: new GradientOptions { InitialStateGradients = true });

        // <guide:trainable-initial-states>
        var objective = new InitialStateObjective<Growth>(problem, InitialStateSharing.PerSample);  // trains [a, x0⁽¹⁾, x0⁽²⁾]
        double[] start = objective.Concatenate([-0.4], [0.8, 2.5]);
        TrainingResult fit = new Trainer(objective, new Momentum(0.005), new TrainerOptions { MaxIterations = 2000 }).Run(start);
        ReadOnlySpan<double> fitted = objective.InitialStatesOf(fit.Parameters);                 // ≈ [1.0, 2.0]
        // </guide:trainable-initial-states>

        // The data are exact (Dopri5, rtol 1e-10), so the minimum is the truth to ≈ 1e-9; 1e-6 leaves the optimizer room.
        Assert.Equal(-0.5, fit.Parameters[0], 1e-6);
        Assert.Equal(1.0, fitted[0], 1e-6);
        Assert.Equal(2.0, fitted[1], 1e-6);
    }
}
