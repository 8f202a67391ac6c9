using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Problems;

/// <summary>
/// A user's own loss through <see cref="LossProblem{TModel}"/>: the linear functional <c>L = Σ_i Σ_k g_k·x⁽ⁱ⁾(τ_k)</c>
/// of torchdiffeq's and Diffrax's gradient tests, on <c>ẋ = a·x</c> whose solution <c>x0·e^{aτ}</c> gives the loss and
/// its gradient in closed form.
/// </summary>
public sealed class LossProblemTests
{
    private const double Rate = -0.7;
    private static readonly double[] Times = [0.25, 1.0, 1.5, 2.0];
    private static readonly double[] Weights = [0.5, -1.25, 2.0, 0.75];
    private static readonly double[] InitialStates = [1.0, -0.5, 2.5];

    public static TheoryData<string> Methods => ["discrete", "continuous", "checkpointed", "forward"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void LinearFunctional_GradientAndStates_MatchClosedForm(string method)
    {
        var problem = new LossProblem<Decay>(InitialStates, new LinearFunctional(Times, Weights, InitialStates.Length),
            OdeSolver.Dopri5(1e-11, 1e-12), Sensitivity(method), maxDegreeOfParallelism: 1);

        GradientResult result = problem.Gradient([Rate]);

        // L = Σ_i x0_i Σ_k g_k e^{aτ_k} and dL/da = Σ_i x0_i Σ_k g_k τ_k e^{aτ_k}.
        double initialSum = 0.0;
        foreach (double x0 in InitialStates)
        {
            initialSum += x0;
        }

        double loss = 0.0;
        double gradient = 0.0;
        for (int k = 0; k < Times.Length; k++)
        {
            loss += initialSum * Weights[k] * Math.Exp(Rate * Times[k]);
            gradient += initialSum * Weights[k] * Times[k] * Math.Exp(Rate * Times[k]);
        }

        // Dopri5 at rtol 1e-11 keeps the global error of these decaying solutions near 1e-10 relative; the adjoint's
        // backward solve adds about as much again. 1e-8 relative leaves two orders of margin and still fails for a
        // missed observation (each term is at least 5 % of the sum).
        Assert.Equal(loss, result.Loss, Math.Abs(loss) * 1e-8);
        Assert.Equal(gradient, result.Gradient[0], Math.Abs(gradient) * 1e-8);
        Assert.Equal(Times.Length, result.ObservationCount);
        for (int i = 0; i < InitialStates.Length; i++)
        {
            for (int k = 0; k < Times.Length; k++)
            {
                double exact = InitialStates[i] * Math.Exp(Rate * Times[k]);
                Assert.Equal(exact, result.ObservedState(i, k)[0], 1e-9);
            }

            // The last observation is the horizon, where the method writes the terminal state itself.
            Assert.Equal(result.TerminalState(i)[0], result.ObservedState(i, Times.Length - 1)[0]);
        }
    }

    [Fact]
    public void LaneBatch_ObservedStatesAreTheTerminalStatesOfEverySample()
    {
        // 300 samples and two threads take the vector-lane path (groups of samples, several workers): every sample's
        // observed state must land in its own row. With one observation time it is bit for bit the terminal state the
        // lane kernel writes by another route.
        const int sampleCount = 300;
        double[] initialStates = new double[sampleCount];
        for (int i = 0; i < sampleCount; i++)
        {
            initialStates[i] = 0.5 + (0.01 * i);
        }

        var problem = new LossProblem<Decay>(initialStates, new LinearFunctional([2.0], [1.0], sampleCount),
            OdeSolver.Rk4(200), new DiscreteAdjoint(), maxDegreeOfParallelism: 2);

        GradientResult result = problem.Gradient([Rate]);

        Assert.True(result.ObservedStates.SequenceEqual(result.TerminalStates));

        // RK4 with h = 0.01 multiplies by the degree-4 Taylor polynomial of e^{ah} per step: relative error
        // 200·(ah)⁵/120 ≈ 3e-12 at the horizon, so 1e-10 is safe and still catches a state from another sample (≥ 1 % apart).
        for (int i = 0; i < sampleCount; i++)
        {
            Assert.Equal(initialStates[i] * Math.Exp(Rate * 2.0), result.ObservedState(i, 0)[0], 1e-10);
        }
    }

    [Fact]
    public void DatasetConstructor_TakesTargetsTheLossReads()
    {
        // The functional does not read targets, so a labelled dataset with the same times gives the same result as
        // the unlabelled constructor, bit for bit.
        Dataset data = Dataset.Create(1, InitialStates, Times, new double[InitialStates.Length * Times.Length]);
        var loss = new LinearFunctional(Times, Weights, InitialStates.Length);
        GradientResult fromData = new LossProblem<Decay>(data, loss, maxDegreeOfParallelism: 1).Gradient([Rate]);
        double fromDataLoss = fromData.Loss;
        double fromDataGradient = fromData.Gradient[0];

        GradientResult fromStates = new LossProblem<Decay>(InitialStates, loss, maxDegreeOfParallelism: 1).Gradient([Rate]);

        Assert.Equal(fromDataLoss, fromStates.Loss);
        Assert.Equal(fromDataGradient, fromStates.Gradient[0]);
    }

    [Fact]
    public void EvaluateLoss_EqualsGradientLoss()
    {
        var problem = new LossProblem<Decay>(InitialStates, new LinearFunctional(Times, Weights, InitialStates.Length), maxDegreeOfParallelism: 1);

        // Same solver, grid and summation order: the forward-only loss is the gradient solve's loss exactly.
        Assert.Equal(problem.Gradient([Rate]).Loss, problem.EvaluateLoss([Rate]));
    }

    [Fact]
    public void SampleCountMismatch_NamesLoss()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new LossProblem<Decay>(InitialStates, new LinearFunctional(Times, Weights, sampleCount: 2)));
        Assert.Equal("loss", error.ParamName);
        Assert.Contains("2 samples", error.Message, StringComparison.Ordinal);
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StateCountMismatch_NamesLoss()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new LossProblem<LotkaVolterra>([1.0, 2.0], new LinearFunctional(Times, Weights, sampleCount: 1)));
        Assert.Equal("loss", error.ParamName);
        Assert.Contains("1 states", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimesDifferentFromTheDataset_NamesTheFirstDifference()
    {
        Dataset data = Dataset.Unlabelled(1, InitialStates, [0.25, 1.0, 1.25, 2.0]);
        var error = Assert.Throws<ArgumentException>(() =>
            new LossProblem<Decay>(data, new LinearFunctional(Times, Weights, InitialStates.Length)));
        Assert.Equal("loss", error.ParamName);
        Assert.Contains("observation time 2 is 1.5", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.25", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullLoss_Throws() =>
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => new LossProblem<Decay>(InitialStates, null!)).ParamName);

    [Fact]
    public void UnlabelledData_BuiltInLossesRefuseIt()
    {
        Dataset data = Dataset.Unlabelled(1, InitialStates, Times);
        Assert.False(data.HasTargets);
        Assert.Throws<InvalidOperationException>(() => data.Target(0, 0));
        var error = Assert.Throws<ArgumentException>(() => new TrajectoryProblem<Decay>(data));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("unlabelled", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TrajectoryMae(data));
        Assert.Throws<ArgumentException>(() => new TerminalProblem<Decay>(Dataset.Unlabelled(1, InitialStates, [2.0])));
    }

    [Fact]
    public void ObservedState_OutOfRange_Throws()
    {
        var problem = new LossProblem<Decay>(InitialStates, new LinearFunctional(Times, Weights, InitialStates.Length), maxDegreeOfParallelism: 1);
        GradientResult result = problem.Gradient([Rate]);
        Assert.Equal("observation", Assert.Throws<ArgumentOutOfRangeException>(() => result.ObservedState(0, Times.Length)).ParamName);
        Assert.Equal("sample", Assert.Throws<ArgumentOutOfRangeException>(() => result.ObservedState(-1, 0)).ParamName);
    }

    [Fact]
    public void ResultWithAnotherObservationCount_IsRefused()
    {
        var problem = new LossProblem<Decay>(InitialStates, new LinearFunctional(Times, Weights, InitialStates.Length), maxDegreeOfParallelism: 1);
        var error = Assert.Throws<ArgumentException>(() => problem.Gradient([Rate], new GradientResult(3, 1, 1, hasSensitivities: false)));
        Assert.Equal("result", error.ParamName);
    }

    private static ISensitivityMethod Sensitivity(string name) => name switch
    {
        "discrete" => new DiscreteAdjoint(),
        "continuous" => new ContinuousAdjoint(),
        "checkpointed" => new CheckpointedAdjoint(),
        "forward" => new ForwardSensitivity(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary><c>L = Σ_i Σ_k g_k·x⁽ⁱ⁾(τ_k)</c> for a one-state model: a loss written outside the runtime.</summary>
    private sealed class LinearFunctional(double[] times, double[] weights, int sampleCount) : ILoss
    {
        public int SampleCount => sampleCount;

        public int StateCount => 1;

        public ReadOnlySpan<double> ObservationTimes => times;

        public double Evaluate(int sample, int observation, ReadOnlySpan<double> predicted, Span<double> gradient)
        {
            gradient[0] = weights[observation];
            return weights[observation] * predicted[0];
        }
    }
}
