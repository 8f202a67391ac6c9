using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Sensitivity;
using NeuralOdeGen.Runtime.Tests.Solvers;

namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>
/// The runtime driven by generator output rather than hand-written models: every solver path and sensitivity method
/// must give the numbers the hand-derived twin gives. The generator reorders commutative operands, so agreement is to
/// rounding (a few ulps per evaluation, amplified by at most the problem's condition), not bit-for-bit.
/// </summary>
public sealed class GeneratedModelRuntimeTests
{
    public static TheoryData<string> Methods => AllocationTests.Methods;

    [Theory]
    [MemberData(nameof(Methods))]
    public void LotkaVolterra_GeneratedAndHandWritten_SameLossAndGradient(string method)
    {
        var initial = new ContinuousUniform(0.5, 1.5, new MersenneTwister(21));
        Dataset data = Dataset.SampleTerminal<LotkaVolterra>(16, initial, [1.5, 1.0, 1.0, 3.0], horizon: 1.0);
        double[] theta = [1.3, 0.9, 1.1, 2.8];

        GradientResult generated = new TerminalProblem<GeneratedLotkaVolterra>(data, OdeSolver.Rk4(100), AllocationTests.MethodByName(method)).Gradient(theta);
        GradientResult handWritten = new TerminalProblem<LotkaVolterra>(data, OdeSolver.Rk4(100), AllocationTests.MethodByName(method)).Gradient(theta);

        // 100 steps × 4 stages of ulp-level differences (1e-16) in a contractive-to-mildly-expansive flow: 1e-12 is ample.
        Assert.Equal(handWritten.Loss, generated.Loss, 1e-12 * Math.Abs(handWritten.Loss));
        Assert.True(GradientChecks.RelativeError(generated.Gradient, handWritten.Gradient) < 1e-12);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void SineGrowth_GeneratedAdaptive_MatchesHandWritten(string method)
    {
        Dataset data = Dataset.SampleTerminal<SineGrowth>(24, seed: 4, [1.1, -0.4], horizon: 1.5);
        double[] theta = [0.9, -0.3];

        GradientResult generated = new TerminalProblem<GeneratedSineGrowth>(data, OdeSolver.Dopri5(1e-9, 1e-9), AllocationTests.MethodByName(method)).Gradient(theta);
        GradientResult handWritten = new TerminalProblem<SineGrowth>(data, OdeSolver.Dopri5(1e-9, 1e-9), AllocationTests.MethodByName(method)).Gradient(theta);

        // Ulp-level differences can flip an accepted/rejected step decision only at a knife edge; the step sequence is
        // otherwise identical, so the two agree to rounding. 1e-10 leaves room for one such flip at tolerance 1e-9·|g|.
        Assert.True(GradientChecks.RelativeError(generated.Gradient, handWritten.Gradient) < 1e-10);
    }

    [Fact]
    public void Decay_GeneratedModel_MatchesPaperClosedForm()
    {
        Dataset data = Dataset.SampleTerminal<GeneratedDecay>(sampleCount: 300, seed: 7, trueParameters: [-1.0], horizon: 1.0);
        GradientResult result = new TerminalProblem<GeneratedDecay>(data, OdeSolver.Rk4(100), new ContinuousAdjoint()).Gradient([0.5]);

        double secondMoment = 0.0;
        foreach (double x0 in data.InitialStates)
        {
            secondMoment += x0 * x0 / data.SampleCount;
        }

        // DESIGN §1 with the sample's own mean(x0²): Loss'(a) = m·t·e^{at}(e^{at} − e^{a*t}). The targets come from DP5 at
        // 1e-10 and the model from RK4 (local error (ah)^5/120 ≈ 3e-14 per step): 1e-9 relative bounds both.
        double gap = Math.Exp(0.5) - Math.Exp(-1.0);
        Assert.Equal(secondMoment / 2 * gap * gap, result.Loss, 1e-9 * secondMoment);
        Assert.Equal(secondMoment * Math.Exp(0.5) * gap, result.Gradient[0], 1e-9 * secondMoment);
    }
}
