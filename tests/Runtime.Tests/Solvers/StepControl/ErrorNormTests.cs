using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers.StepControl;

/// <summary>The error norm as a strategy: the default is Hairer's RMS norm, and the adjoint seminorm is expressible.</summary>
public sealed class ErrorNormTests
{
    private static readonly double[] Prey = [1.0, 1.0];
    private static readonly double[] Rates = [1.5, 1.0, 1.0, 3.0];

    [Fact]
    public void RmsErrorNorm_IsHairersFormula()
    {
        double[] error = [1e-7, -3e-7];
        double[] start = [2.0, -0.5];
        double[] candidate = [1.5, -1.0];

        // scale_i = atol + rtol·max(|y_i|, |ŷ_i|) = 1e-9 + 1e-6·(2, 1); ratios 1e-7/2.001e-6, −3e-7/1.001e-6.
        double r0 = 1e-7 / (1e-9 + (1e-6 * 2.0));
        double r1 = -3e-7 / (1e-9 + (1e-6 * 1.0));
        double expected = Math.Sqrt(((r0 * r0) + (r1 * r1)) / 2.0);

        // Same operations in the same order: equal to the bit.
        Assert.Equal(expected, RmsErrorNorm.Instance.Measure(error, start, candidate, 1e-6, 1e-9));
    }

    [Theory]
    [InlineData("Tsit5")]
    [InlineData("Bs3")]
    [InlineData("Rodas5P")]
    public void DefaultNorm_IsBitIdenticalToAHandWrittenRmsNorm(string method)
    {
        // A user norm computing Hairer's formula by hand must reproduce the default solve exactly (so the default is that
        // norm, and the strategy is what the solver calls).
        OdeSolver Make(IErrorNorm? norm) => method switch
        {
            "Tsit5" => OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10, errorNorm: norm),
            "Bs3" => OdeSolver.Adaptive(Tableaus.BogackiShampine32, 1e-6, 1e-9, errorNorm: norm),
            _ => OdeSolver.Adaptive(ImplicitTableaus.Rodas5P, 1e-8, 1e-10, errorNorm: norm),
        };
        double[] byDefault = new double[2], byHand = new double[2];
        var hand = new HandRms();
        SolverStatistics defaultWork = new OdeIntegrator<LotkaVolterra>(Make(null)).Solve(0.0, 5.0, Prey, Rates, byDefault);
        SolverStatistics handWork = new OdeIntegrator<LotkaVolterra>(Make(hand)).Solve(0.0, 5.0, Prey, Rates, byHand);

        Assert.Equal(byDefault, byHand);
        Assert.Equal(defaultWork, handWork);
        Assert.Equal(defaultWork.Steps + defaultWork.RejectedSteps, hand.Calls);
    }

    [Fact]
    public void LeadingComponentsNorm_MeasuresOnlyTheFirstComponents()
    {
        // The seminorm of an augmented state [x (2), λ (2)]: the λ part may be anything, even NaN, without changing the norm.
        double[] error = [1e-7, -3e-7, double.NaN, 1e300];
        double[] start = [2.0, -0.5, 0.0, 0.0];
        double[] candidate = [1.5, -1.0, 0.0, 0.0];
        double r0 = 1e-7 / (1e-9 + (1e-6 * 2.0));
        double r1 = -3e-7 / (1e-9 + (1e-6 * 1.0));
        double expected = Math.Sqrt(((r0 * r0) + (r1 * r1)) / 2.0);

        var seminorm = new LeadingComponentsErrorNorm(2);

        // The RMS of the first two components, computed as above: equal to the bit, and equal to the full norm of those two.
        Assert.Equal(expected, seminorm.Measure(error, start, candidate, 1e-6, 1e-9));
        Assert.Equal(RmsErrorNorm.Instance.Measure(error.AsSpan(0, 2), start.AsSpan(0, 2), candidate.AsSpan(0, 2), 1e-6, 1e-9), seminorm.Measure(error, start, candidate, 1e-6, 1e-9));
    }

    [Fact]
    public void LeadingComponentsNorm_LongerThanTheState_ThrowsNamingBoth()
    {
        var exception = Assert.Throws<ArgumentException>(() => new LeadingComponentsErrorNorm(3).Measure(new double[2], new double[2], new double[2], 1e-6, 1e-9));
        Assert.Contains("first 3 components", exception.Message, StringComparison.Ordinal);
        Assert.Contains("only 2", exception.Message, StringComparison.Ordinal);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new LeadingComponentsErrorNorm(0)).ParamName);
    }

    [Fact]
    public void Seminorm_OverTheStateOfAnAugmentedSolve_TakesFewerStepsAndKeepsTheStateAccurate()
    {
        // Harmonic oscillator as [x, v]: controlling x only is the seminorm's situation (v rides along, as λ and the
        // parameter quadrature do in a backward adjoint solve). Fewer components to satisfy: no more steps than the full
        // norm, and x stays within the tolerance's reach of the exact cos t (rtol 1e-8 over 10 time units: ≲ 1e-6).
        var full = new OdeIntegrator<HarmonicOscillator>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-8));
        OdeSolver semi = OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-8).WithErrorNorm(new LeadingComponentsErrorNorm(1));
        double[] a = new double[2], b = new double[2];
        SolverStatistics fullWork = full.Solve(0.0, 10.0, [1.0, 0.0], [1.0], a);
        SolverStatistics semiWork = new OdeIntegrator<HarmonicOscillator>(semi).Solve(0.0, 10.0, [1.0, 0.0], [1.0], b);

        Assert.True(semiWork.Steps + semiWork.RejectedSteps <= fullWork.Steps + fullWork.RejectedSteps, $"semi {semiWork}, full {fullWork}");
        Assert.Equal(Math.Cos(10.0), b[0], 1e-6);
        Assert.IsType<LeadingComponentsErrorNorm>(semi.ErrorNorm);
        Assert.Same(RmsErrorNorm.Instance, full.Solver.ErrorNorm);
    }

    [Fact]
    public void WithErrorNorm_KeepsEveryOtherSetting()
    {
        OdeSolver solver = OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-7, 1e-9, initialStep: 0.01, maxSteps: 500,
            controller: new PidController(0.4, 0.3), maxStep: 0.5, stopTimes: [1.0, 2.0], minStep: 1e-4);
        OdeSolver copy = solver.WithErrorNorm(new LeadingComponentsErrorNorm(1));

        Assert.Same(solver.Tableau, copy.Tableau);
        Assert.Equal((1e-7, 1e-9, 0.01, 500, 0.5, 1e-4), (copy.RelativeTolerance, copy.AbsoluteTolerance, copy.InitialStep, copy.MaxSteps, copy.MaxStep, copy.MinStep));
        Assert.Same(solver.StepSizeController, copy.StepSizeController);
        Assert.Equal(solver.StopTimes.ToArray(), copy.StopTimes.ToArray());
    }

    private sealed class HandRms : IErrorNorm
    {
        public long Calls { get; private set; }

        public double Measure(ReadOnlySpan<double> error, ReadOnlySpan<double> start, ReadOnlySpan<double> candidate, double relativeTolerance, double absoluteTolerance)
        {
            Calls++;
            double sum = 0.0;
            for (int i = 0; i < error.Length; i++)
            {
                double scale = absoluteTolerance + (relativeTolerance * Math.Max(Math.Abs(start[i]), Math.Abs(candidate[i])));
                double ratio = error[i] / scale;
                sum += ratio * ratio;
            }

            return Math.Sqrt(sum / error.Length);
        }
    }
}
