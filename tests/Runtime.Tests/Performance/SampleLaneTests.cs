using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>
/// Fixed-step adjoints solve consecutive samples in groups (one block-diagonal system). Each component sees the
/// same arithmetic as in its own solve, so the grouped and one-by-one paths must agree to the last bit.
/// </summary>
public sealed class SampleLaneTests
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string method in new[] { "Discrete", "Continuous" })
            {
                foreach (string tableau in new[] { "RK4", "ThreeEighths", "Midpoint" })
                {
                    data.Add(method, tableau);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_SamplesInGroups_IdenticalToOneByOne(string method, string tableauName)
    {
        ButcherTableau tableau = tableauName switch
        {
            "RK4" => Tableaus.Rk4,
            "ThreeEighths" => Tableaus.Rk4ThreeEighths,
            _ => Tableaus.Midpoint,
        };

        // 45 samples (< 256, so blocks of 8): five blocks of one whole group each, and a partial block of 5 done one by one.
        Dataset data = Dataset.SampleTerminal<LotkaVolterra>(45, new ContinuousUniform(0.5, 1.5, new MersenneTwister(5)), [1.5, 1.0, 1.0, 3.0], horizon: 1.5);
        OdeSolver solver = OdeSolver.Fixed(tableau, 60);
        double[] theta = [1.4, 1.1, 0.9, 3.1];
        var grouped = new TerminalProblem<LotkaVolterra>(data, solver, Method(method, useLanes: true), maxDegreeOfParallelism: 1);
        var oneByOne = new TerminalProblem<LotkaVolterra>(data, solver, Method(method, useLanes: false), maxDegreeOfParallelism: 1);

        GradientResult expected = oneByOne.Gradient(theta);
        GradientResult actual = grouped.Gradient(theta);

        // Exact: the same floating-point operations, summed in the same order.
        Assert.Equal(expected.Loss, actual.Loss);
        Assert.Equal(expected.Gradient.ToArray(), actual.Gradient.ToArray());
        Assert.Equal(expected.TerminalStates.ToArray(), actual.TerminalStates.ToArray());
        Assert.Equal(expected.Statistics, actual.Statistics);
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void Gradient_OneSampleOfAGroupOverflows_ExceptionNamesThatSample(string method)
    {
        double[] initialStates = new double[16];
        double[] targets = new double[16];
        for (int i = 0; i < initialStates.Length; i++)
        {
            initialStates[i] = 1.0 + (0.01 * i);
        }

        // ẋ = 100 x: from 1e306 the first stage already overflows; from ~1 it stays finite (e^100 ≈ 2.7e43).
        initialStates[5] = 1e306;
        Dataset data = Dataset.Terminal(1, initialStates, targets, 1.0);
        var problem = new TerminalProblem<Decay>(data, OdeSolver.Rk4(100), Method(method, useLanes: true), maxDegreeOfParallelism: 1);

        OdeSolverException failure = Assert.Throws<OdeSolverException>(() => problem.Gradient([100.0]));

        Assert.Equal(5, failure.Sample);
        Assert.Equal(OdeSolverFailure.NonFiniteState, failure.Reason);
    }

    private static ISensitivityMethod Method(string name, bool useLanes) =>
        name == "Discrete" ? new DiscreteAdjoint(useLanes) : new ContinuousAdjoint(useLanes);
}
