using System;
using System.Linq;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using NeuralOdeGen;
using NeuralOdeGen.Runtime.Tests.Models;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Training;

/// <summary>Training through RT's solver-backed problems (RK4, adjoint and forward sensitivities).</summary>
public sealed class OdeProblemTrainingTests
{
    private const double TargetRate = -1.0;
    private readonly ITestOutputHelper _output;

    public OdeProblemTrainingTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(0.1, -2.0)]
    [InlineData(0.5, -2.0)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.5, 1.5)]
    public void VarianceCorrected_Rk4Decay_FollowsClosedFormRecursionToSolverAccuracy(double eta, double a0)
    {
        TerminalProblem<Decay> problem = DecayProblem(sensitivity: null);
        TrainingResult result = problem.Train(new VarianceCorrected(eta), [a0], new TrainerOptions { MaxIterations = 15 });
        double expected = a0;
        double worst = 0.0;
        foreach (TrainingRecord record in result.History)
        {
            worst = Math.Max(worst, Math.Abs(record.Parameters[0] - expected));

            // RK4 with h = 0.01 has relative error ≈ (a h)⁵/120 per step, ≲ 1e-8 over the run for |a| ≤ 2.5 (targets from
            // Dormand–Prince at 1e-10); a first-step amplification of up to |1 − η e^{a*−a}| ≈ 2.7 keeps iterates within 1e-7.
            Assert.Equal(expected, record.Parameters[0], 1e-7);
            expected -= eta * (1.0 - Math.Exp(TargetRate - expected));
        }

        _output.WriteLine(FormattableString.Invariant($"η={eta} a0={a0}: max |a_k(RK4) − a_k(closed form)| = {worst:E2}"));
    }

    [Fact]
    public void GaussNewtonWithoutDamping_Rk4DecayWithForwardSensitivities_MatchesVarianceCorrected()
    {
        TerminalProblem<Decay> problem = DecayProblem(new ForwardSensitivity());
        var options = new TrainerOptions { MaxIterations = 12 };
        TrainingResult gaussNewton = problem.Train(new GaussNewton(0.5, initialDamping: 0.0, adaptDamping: false), [0.5], options);
        TrainingResult variance = problem.Train(new VarianceCorrected(0.5), [0.5], options);

        for (int k = 0; k < gaussNewton.History.Count; k++)
        {
            // For RK4, S = x0·n h R'(ah) R^{n−1} differs from t·x_t = x0·n h Rⁿ by the factor R'/R = 1 − O((ah)⁴/24) ≈ 1 − 1e-9.
            Assert.Equal(variance.History[k].Parameters[0], gaussNewton.History[k].Parameters[0], 1e-8);
        }
    }

    [Fact]
    public void GaussNewton_Rk4DecayFromMinusTen_ConvergesWhereVarianceCorrectedDiverges()
    {
        TerminalProblem<Decay> problem = DecayProblem(new ForwardSensitivity());
        TrainingResult variance = problem.Train(new VarianceCorrected(0.5), [-10.0], new TrainerOptions { MaxIterations = 50 });
        TrainingResult gaussNewton = problem.Train(new GaussNewton(0.5), [-10.0], new TrainerOptions { MaxIterations = 100, LossTolerance = 1e-18 });
        _output.WriteLine(variance.Reason);
        _output.WriteLine(FormattableString.Invariant($"GaussNewton from −10 (RK4): {gaussNewton.Status} at iteration {gaussNewton.Iteration}, a = {gaussNewton.Parameters[0]:R}"));

        // The RK4 flow at a ≈ 4041, h = 0.01 multiplies by R(40.4) ≈ 1.2e5 per step: 1e505 after 100 steps overflows.
        Assert.Equal(TrainingStatus.Diverged, variance.Status);
        Assert.Equal(-10.0, variance.Parameters[0]);

        // Loss 1e-18 ⇔ |a − a*| ≈ 4e-9, plus the RK4/target bias ~1e-9.
        Assert.Equal(TrainingStatus.Converged, gaussNewton.Status);
        Assert.Equal(TargetRate, gaussNewton.Parameters[0], 1e-7);
    }

    [Fact]
    public void GaussNewton_NoisyLotkaVolterra_RecoversParametersWithinNoiseLevel()
    {
        double[] truth = [1.5, 1.0, 1.0, 3.0];
        const double noise = 0.02;
        const int samples = 200;
        Dataset data = Dataset.SampleTerminal<LotkaVolterra>(
            samples, new ContinuousUniform(0.5, 2.0, new MersenneTwister(17)), truth, horizon: 1.0, noiseStandardDeviation: noise, noiseSeed: 4);
        var problem = new TerminalProblem<LotkaVolterra>(data, OdeSolver.Rk4(100), new ForwardSensitivity());
        TrainingResult fit = problem.Train(
            new GaussNewton(), [1.0, 0.5, 0.5, 2.0], new TrainerOptions { MaxIterations = 100, RelativeLossChangeTolerance = 1e-12 });

        // Asymptotic covariance of least squares: Cov θ̂ ≈ σ² (Σᵢ SᵢᵀSᵢ)⁻¹ = σ²/N · G⁻¹ at θ̂.
        GradientResult atFit = problem.Gradient(fit.Parameters);
        Matrix<double> g = Matrix<double>.Build.Dense(4, 4);
        for (int i = 0; i < samples; i++)
        {
            Matrix<double> s = Matrix<double>.Build.Dense(2, 4, (r, c) => atFit.Sensitivity(i)[(r * 4) + c]);
            g += s.TransposeThisAndMultiply(s) / samples;
        }

        Matrix<double> covariance = g.Inverse() * (noise * noise / samples);
        string[] lines = Enumerable.Range(0, 4).Select(k => FormattableString.Invariant(
            $"{LotkaVolterra.Info.ParameterNames[k]}: fit {fit.Parameters[k]:F5}, true {truth[k]}, standard error {Math.Sqrt(covariance[k, k]):F5}")).ToArray();
        _output.WriteLine($"{fit.Status} after {fit.Iteration} iterations, loss {fit.Loss:E3} (noise floor ½σ²(n − m/N) = {0.5 * noise * noise * (2.0 - (4.0 / samples)):E3})");
        foreach (string line in lines)
        {
            _output.WriteLine(line);
        }

        Assert.NotEqual(TrainingStatus.Diverged, fit.Status);

        // At the least-squares optimum the loss is ≈ the noise floor ½σ²(n − m/N) with n = 2 states: χ² with 396 degrees of
        // freedom has relative spread √(2/396) ≈ 7 %, so 30 % is four standard deviations.
        double floor = 0.5 * noise * noise * (2.0 - (4.0 / samples));
        Assert.Equal(floor, fit.Loss, floor * 0.3);
        for (int k = 0; k < 4; k++)
        {
            // Four standard errors: a Gaussian estimate falls outside with probability 6e-5.
            Assert.True(Math.Abs(fit.Parameters[k] - truth[k]) < 4.0 * Math.Sqrt(covariance[k, k]), lines[k]);
        }
    }

    [Fact]
    public void Objective_SolverFailure_ReportsDivergenceInsteadOfThrowing()
    {
        // At a = 4041 each RK4 step (h = 0.01) multiplies x by R(40.41) ≈ 1.1e5, so x passes double.MaxValue near step 62 and
        // the solver throws OdeSolverException; the adapter must turn that into a divergence, and into +∞ for trial losses.
        Dataset data = Dataset.SampleTerminal<Decay>(8, seed: 1, [TargetRate], horizon: 1.0);
        var problem = new TerminalProblem<Decay>(data, OdeSolver.Rk4(100));
        TrainingResult result = problem.Train(new Sgd(0.1), [4041.0]);
        _output.WriteLine(result.Reason);

        Assert.Equal(TrainingStatus.Diverged, result.Status);
        Assert.Equal(0, result.DivergedAtIteration);
        Assert.Contains("the objective failed", result.Reason, StringComparison.Ordinal);
        Assert.True(double.IsPositiveInfinity(problem.AsObjective().EvaluateLoss([4041.0])));
    }

    private static TerminalProblem<Decay> DecayProblem(ISensitivityMethod? sensitivity)
    {
        Dataset data = Dataset.SampleTerminal<Decay>(500, seed: 3, [TargetRate], horizon: 1.0);
        return new TerminalProblem<Decay>(data, OdeSolver.Rk4(100), sensitivity, maxDegreeOfParallelism: 1);
    }
}
