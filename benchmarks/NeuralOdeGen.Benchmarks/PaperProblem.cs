using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Benchmarks.HandDerived;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// The paper problem exactly as in the torchdiffeq anchor: <c>f(x) = a·x</c>, <c>a0 = 0.5</c>, <c>a* = −1</c>,
/// <c>t = 1</c>, <c>x0 ~ N(0, 1)</c>, exact targets <c>e^{−t} x0</c>, loss <c>mean ½ (x_t − x_t*)²</c>.
/// </summary>
public static class PaperProblem
{
    public const double Horizon = 1.0;
    public const double InitialA = 0.5;
    public const double TrueA = -1.0;
    public const int Rk4Steps = 100;

    public static Dataset CreateData(int sampleCount, int seed = 1)
    {
        double[] initialStates = Dataset.SampleInitialStates(sampleCount, 1, new Normal(0.0, 1.0, new MersenneTwister(seed)));
        double[] targets = new double[sampleCount];
        for (int i = 0; i < sampleCount; i++)
        {
            targets[i] = Math.Exp(TrueA * Horizon) * initialStates[i];
        }

        return Dataset.Terminal(1, initialStates, targets, Horizon);
    }

    public static ISensitivityMethod Method(string name) => name switch
    {
        "Discrete" => new DiscreteAdjoint(),
        "Continuous" => new ContinuousAdjoint(),
        "DiscreteShared" => new DiscreteAdjoint(StepSharing.PerGroup),
        "ContinuousShared" => new ContinuousAdjoint(StepSharing.PerGroup),
        "Forward" => new ForwardSensitivity(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Expected Discrete, Continuous, DiscreteShared, ContinuousShared or Forward."),
    };

    public static (double Loss, double Gradient) HandGradient(string method, Dataset data, double a, double[] trajectory) => method switch
    {
        "Discrete" => HandPaperGradient.DiscreteAdjoint(data.InitialStates, data.Targets, a, Horizon, Rk4Steps, trajectory),
        _ => HandPaperGradient.ContinuousAdjoint(data.InitialStates, data.Targets, a, Horizon, Rk4Steps),
    };

    public static (double Loss, double Gradient) HandSimdGradient(string method, Dataset data, double a, LanePair[] trajectory) => method switch
    {
        "Discrete" => HandPaperGradientSimd.DiscreteAdjoint(data.InitialStates, data.Targets, a, Horizon, Rk4Steps, trajectory),
        _ => HandPaperGradientSimd.ContinuousAdjoint(data.InitialStates, data.Targets, a, Horizon, Rk4Steps),
    };

    /// <summary>Fails loudly unless the SIMD hand loop computes the scalar hand loop's loss and gradient.</summary>
    public static void CheckSimdAgreement(Dataset data, string method, double[] trajectory, LanePair[] lanes)
    {
        (double loss, double gradient) = HandGradient(method, data, InitialA, trajectory);
        (double simdLoss, double simdGradient) = HandSimdGradient(method, data, InitialA, lanes);

        // Same algorithm, summed lane-wise instead of sample by sample: agreement to a few ulps of the result.
        if (Math.Abs(simdLoss - loss) > 1e-12 * Math.Abs(loss) || Math.Abs(simdGradient - gradient) > 1e-12 * Math.Abs(gradient))
        {
            throw new InvalidOperationException(
                $"{method}: SIMD hand loop (loss {simdLoss:R}, gradient {simdGradient:R}) and scalar hand loop (loss {loss:R}, gradient {gradient:R}) disagree.");
        }
    }

    /// <summary>Fails loudly unless the runtime and the hand-written loop compute the same loss and gradient.</summary>
    public static void CheckAgreement(TerminalProblem<Decay> problem, string method, double[] trajectory)
    {
        GradientResult result = problem.Gradient([InitialA]);
        (double loss, double gradient) = HandGradient(method, problem.Data, InitialA, trajectory);

        // Same algorithm, different summation order: agreement to a few ulps of the result.
        if (Math.Abs(result.Loss - loss) > 1e-12 * Math.Abs(loss) || Math.Abs(result.Gradient[0] - gradient) > 1e-12 * Math.Abs(gradient))
        {
            throw new InvalidOperationException(
                $"{method}: runtime (loss {result.Loss:R}, gradient {result.Gradient[0]:R}) and hand loop (loss {loss:R}, gradient {gradient:R}) disagree.");
        }
    }
}
