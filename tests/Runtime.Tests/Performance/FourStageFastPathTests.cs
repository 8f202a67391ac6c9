using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>
/// Four-stage fixed-step methods (RK4, the 3/8 rule) are the hot case of the one lane-generic step
/// (<see cref="RungeKuttaStep"/>, <see cref="RungeKuttaReverseStep"/>): their combinations fit one fused pass. The
/// reference is the same method padded with a fifth stage of zero weight, whose combinations take a second pass
/// and whose reverse sweep leaves the unused stage out: the padding adds exact zeros, so every result must be
/// identical to the last bit.
/// </summary>
public sealed class FourStageFastPathTests
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string tableau in new[] { "RK4", "ThreeEighths" })
            {
                foreach (string method in new[] { "Discrete", "Continuous", "Checkpointed", "Forward" })
                {
                    data.Add(tableau, method);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_FourStageFixedStep_IdenticalToGeneralPath(string tableauName, string method)
    {
        ButcherTableau tableau = tableauName == "RK4" ? Tableaus.Rk4 : Tableaus.Rk4ThreeEighths;
        Dataset data = Dataset.SampleTerminal<LotkaVolterra>(
            6, new MathNet.Numerics.Distributions.ContinuousUniform(0.5, 1.5, new MathNet.Numerics.Random.MersenneTwister(7)), [1.5, 1.0, 1.0, 3.0], horizon: 2.0);
        double[] theta = [1.4, 1.1, 0.9, 3.1];
        var fast = new TerminalProblem<LotkaVolterra>(data, OdeSolver.Fixed(tableau, 37), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);
        var general = new TerminalProblem<LotkaVolterra>(data, OdeSolver.Fixed(PadWithZeroStage(tableau), 37), Solvers.AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1);

        GradientResult expected = general.Gradient(theta);
        GradientResult actual = fast.Gradient(theta);

        // Exact: the same floating-point operations in the same order.
        Assert.Equal(expected.Loss, actual.Loss);
        Assert.Equal(expected.Gradient.ToArray(), actual.Gradient.ToArray());
        Assert.Equal(expected.TerminalStates.ToArray(), actual.TerminalStates.ToArray());
        Assert.Equal(expected.Sensitivities.ToArray(), actual.Sensitivities.ToArray());
    }

    [Fact]
    public void PaperGradient_Rk4FastPath_IdenticalToGeneralPath()
    {
        Dataset data = Dataset.SampleTerminal<Decay>(50, seed: 11, [-1.0], horizon: 1.0);
        var fast = new TerminalProblem<Decay>(data, OdeSolver.Rk4(100), new DiscreteAdjoint(), maxDegreeOfParallelism: 1);
        var general = new TerminalProblem<Decay>(data, OdeSolver.Fixed(PadWithZeroStage(Tableaus.Rk4), 100), new DiscreteAdjoint(), maxDegreeOfParallelism: 1);

        GradientResult expected = general.Gradient([0.5]);
        GradientResult actual = fast.Gradient([0.5]);

        // Exact: the same floating-point operations in the same order.
        Assert.Equal(expected.Loss, actual.Loss);
        Assert.Equal(expected.Gradient[0], actual.Gradient[0]);
    }

    [Fact]
    public void Solve_Rk4FastPathWithDenseOutput_IdenticalToGeneralPath()
    {
        var fast = new OdeIntegrator<LotkaVolterra>(OdeSolver.Rk4(50));
        var general = new OdeIntegrator<LotkaVolterra>(OdeSolver.Fixed(PadWithZeroStage(Tableaus.Rk4), 50));
        double[] x0 = [1.0, 1.0];
        double[] parameters = [1.5, 1.0, 1.0, 3.0];
        double[] times = [0.3, 1.7, 2.0];
        double[] expected = new double[6];
        double[] actual = new double[6];

        general.Solve(0.0, times, x0, parameters, expected);
        fast.Solve(0.0, times, x0, parameters, actual);

        // Exact: same steps, and the Hermite interpolant reads the same stored stages.
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Solve_NonFiniteStateOnFastPath_ThrowsWithTimeAndStep()
    {
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Rk4(10));
        double[] final = new double[1];

        // ẋ = 1e300·x overflows in the first step from x0 = 1 with h = 0.1.
        OdeSolverException failure = Assert.Throws<OdeSolverException>(() => integrator.Solve(0.0, 1.0, [1.0], [1e300], final));

        Assert.Equal(OdeSolverFailure.NonFiniteState, failure.Reason);
        Assert.Equal(0.0, failure.Time);
        Assert.Equal(0.1, failure.StepSize);
    }

    // The same method with a fifth stage (c = 0, no couplings, weight 0): a five-stage tableau takes the general code.
    private static ButcherTableau PadWithZeroStage(ButcherTableau tableau)
    {
        int s = tableau.StageCount;
        double[] a = new double[(s + 1) * (s + 1)];
        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j < s; j++)
            {
                a[(i * (s + 1)) + j] = tableau.A[(i * s) + j];
            }
        }

        double[] b = [.. tableau.B, 0.0];
        double[] c = [.. tableau.C, 0.0];
        return new ButcherTableau(tableau.Name + " (padded)", a, b, c, tableau.Order, null, 0, isFirstSameAsLast: false, "Test padding.");
    }
}
