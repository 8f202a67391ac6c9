using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Generated;
using NeuralOdeGen.Runtime.Tests.Sensitivity;
using NeuralOdeGen.Runtime.Tests.Solvers;

namespace NeuralOdeGen.Runtime.Tests.Losses;

/// <summary>
/// The mean-absolute-error trajectory loss on a generated Lotka–Volterra model, with an observation at τ = 0 as in
/// torchdiffeq's spiral demo: its value against a direct computation, its gradient against finite differences of the
/// loss through the solve, and the t = 0 observation's contribution (loss, but no gradient).
/// </summary>
public sealed class TrajectoryMaeTests
{
    private static readonly double[] TrueParameters = [1.5, 1.0, 1.0, 3.0];
    private static readonly double[] Theta = [1.3, 0.9, 1.1, 2.8];
    private static readonly double[] Times = [0.0, 0.3, 0.6, 1.0];

    public static TheoryData<string> Methods => AllocationTests.Methods;

    [Fact]
    public void Evaluate_ResidualSigns_GradientIsSignOverEntryCount()
    {
        // 2 samples × 2 observation times × 2 states = 8 entries, so each entry weighs 1/8.
        Dataset data = Dataset.Create(2, [0.0, 0.0, 0.0, 0.0], [0.5, 1.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]);
        var loss = new TrajectoryMae(data);
        double[] gradient = new double[2];

        double term = loss.Evaluate(1, 0, [5.5, 6.0], gradient);

        // |5.5 − 5| + |6 − 6| = 0.5 over 8 entries; exact in binary floating point.
        Assert.Equal(0.5 / 8, term);
        Assert.Equal(1.0 / 8, gradient[0]);
        Assert.Equal(0.0, gradient[1]);
        term = loss.Evaluate(0, 1, [2.0, 4.5], gradient);
        Assert.Equal(1.5 / 8, term);
        Assert.Equal(-1.0 / 8, gradient[0]);
        Assert.Equal(1.0 / 8, gradient[1]);
    }

    [Fact]
    public void Constructor_NullDataset_ThrowsNamingData()
    {
        ArgumentNullException error = Assert.Throws<ArgumentNullException>(() => new TrajectoryMae(null!));
        Assert.Equal("data", error.ParamName);
    }

    [Fact]
    public void Loss_TightDopri5_EqualsMeanAbsoluteErrorOfIndependentSolves()
    {
        Dataset data = CreateData();
        var problem = new TrajectoryMaeProblem<GeneratedLotkaVolterra>(data, OdeSolver.Dopri5(1e-12, 1e-12));
        var integrator = new OdeIntegrator<GeneratedLotkaVolterra>(OdeSolver.Dopri5(1e-12, 1e-12));
        double[] outputs = new double[Times.Length * 2];
        double sum = 0.0;
        for (int i = 0; i < data.SampleCount; i++)
        {
            integrator.Solve(0.0, Times, data.InitialState(i), Theta, outputs);
            for (int k = 0; k < Times.Length; k++)
            {
                ReadOnlySpan<double> target = data.Target(i, k);
                sum += Math.Abs(outputs[2 * k] - target[0]) + Math.Abs(outputs[(2 * k) + 1] - target[1]);
            }
        }

        double expected = sum / (data.SampleCount * Times.Length * 2);

        // Both solves are accurate to ~1e-11 (rtol 1e-12 over a unit horizon; dense output vs stopping on τ_k), and |·|
        // is 1-Lipschitz, so the means agree to that; 1e-9 leaves two digits of margin.
        Assert.Equal(expected, problem.EvaluateLoss(Theta), 1e-9);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Gradient_Rk4WithObservationAtZero_MatchesCentralDifferences(string method)
    {
        Dataset data = CreateData();
        Assert.True(SmallestResidual(data) > 1e-3, "a residual near the kink of |·| would make the finite differences meaningless");
        var problem = new TrajectoryMaeProblem<GeneratedLotkaVolterra>(data, OdeSolver.Rk4(200), AllocationTests.MethodByName(method));
        double[] expected = GradientChecks.CentralDifferences(problem, Theta);
        double error = GradientChecks.RelativeError(problem.Gradient(Theta).Gradient, expected);

        // Every residual is ≥ 1e-3 in size (noise 0.05 on the targets), so the loss is smooth within the FD step 1e-6:
        // truncation ~1e-12, rounding ~1e-10 relative. The discrete and forward methods differentiate the RK4 grid
        // itself; the continuous adjoints differ from it by RK4's O(h⁴) error, ~1e-9 here. 1e-7 covers all of them.
        Assert.True(error < 1e-7, $"{method}: relative error {error:E3}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Gradient_ObservationAtZero_AddsLossButNoGradient(string method)
    {
        Dataset data = CreateData();
        double[] shiftedTargets = data.Targets.ToArray();
        double expectedIncrease = 0.0;
        for (int i = 0; i < data.SampleCount; i++)
        {
            // Move each sample's τ = 0 target 0.25 further from its initial state (the prediction at τ = 0).
            for (int j = 0; j < 2; j++)
            {
                int index = (i * Times.Length * 2) + j;
                double before = Math.Abs(data.InitialState(i)[j] - shiftedTargets[index]);
                shiftedTargets[index] += 0.25 * Math.Sign(shiftedTargets[index] - data.InitialState(i)[j]);
                expectedIncrease += Math.Abs(data.InitialState(i)[j] - shiftedTargets[index]) - before;
            }
        }

        expectedIncrease /= data.SampleCount * Times.Length * 2;
        Dataset shifted = Dataset.Create(2, data.InitialStates, Times, shiftedTargets);
        GradientResult original = new TrajectoryMaeProblem<GeneratedLotkaVolterra>(data, OdeSolver.Rk4(50), AllocationTests.MethodByName(method)).Gradient(Theta);
        double originalLoss = original.Loss;
        double[] originalGradient = original.Gradient.ToArray();
        GradientResult moved = new TrajectoryMaeProblem<GeneratedLotkaVolterra>(shifted, OdeSolver.Rk4(50), AllocationTests.MethodByName(method)).Gradient(Theta);

        // The loss changes by exactly the direct sum (to a few ulps of a sum of 40 terms); the gradient not at all: x(0)
        // does not depend on θ, so the τ = 0 jump must not be integrated anywhere.
        Assert.Equal(originalLoss + expectedIncrease, moved.Loss, 1e-14);
        Assert.Equal(originalGradient, moved.Gradient.ToArray());
    }

    private static double SmallestResidual(Dataset data)
    {
        var integrator = new OdeIntegrator<GeneratedLotkaVolterra>(OdeSolver.Dopri5(1e-10, 1e-10));
        double[] outputs = new double[Times.Length * 2];
        double smallest = double.PositiveInfinity;
        for (int i = 0; i < data.SampleCount; i++)
        {
            integrator.Solve(0.0, Times, data.InitialState(i), Theta, outputs);
            for (int k = 0; k < Times.Length; k++)
            {
                for (int j = 0; j < 2; j++)
                {
                    smallest = Math.Min(smallest, Math.Abs(outputs[(2 * k) + j] - data.Target(i, k)[j]));
                }
            }
        }

        return smallest;
    }

    // 10 samples, targets from the true parameters plus noise (σ = 0.05), so no residual sits near the kink of |·|.
    private static Dataset CreateData()
    {
        Dataset clean = Dataset.SampleTrajectory<GeneratedLotkaVolterra>(
            10, new ContinuousUniform(0.5, 1.5, new MersenneTwister(31)), TrueParameters, Times[1..], noiseStandardDeviation: 0.05, noiseSeed: 32);
        var noise = new Normal(0.0, 0.05, new MersenneTwister(33));
        double[] targets = new double[clean.SampleCount * Times.Length * 2];
        for (int i = 0; i < clean.SampleCount; i++)
        {
            // The τ = 0 target is the initial state plus noise, as a noisy measurement at the start would be.
            for (int j = 0; j < 2; j++)
            {
                targets[(i * Times.Length * 2) + j] = clean.InitialState(i)[j] + noise.Sample();
            }

            clean.Targets.Slice(i * (Times.Length - 1) * 2, (Times.Length - 1) * 2).CopyTo(targets.AsSpan((i * Times.Length * 2) + 2));
        }

        return Dataset.Create(2, clean.InitialStates, Times, targets);
    }
}
