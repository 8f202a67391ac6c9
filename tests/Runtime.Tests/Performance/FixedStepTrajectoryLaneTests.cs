using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Generated;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>
/// Fixed-step trajectory losses (several observation times) in vector lanes, for the discrete, continuous (backsolve) and
/// checkpointed adjoints: every interval between observations is
/// crossed on the solver's grid for that interval, as the one-by-one stepper does, and every lane repeats the scalar
/// arithmetic in the scalar order, so the lane path must agree with the one-by-one path to the last bit — loss, gradient,
/// <c>∂L/∂x0</c>, terminal states and work — for any thread count.
/// </summary>
public sealed class FixedStepTrajectoryLaneTests
{
    private static readonly double[] TrueParameters = [1.5, 1.0, 1.0, 3.0];
    private static readonly double[] Theta = [1.4, 1.1, 0.9, 3.1];

    // With 60 steps over [0, 3] the grid step is 0.05: 0.33 and 2.51 are not on it (7 steps of 0.33/7 reach the first,
    // 17 of 0.81/17 the fourth), 1.0 and 1.7 are.
    private static readonly double[] Times = [0.33, 1.0, 1.7, 2.51, 3.0];

    public static TheoryData<string, string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, string, int>();
            foreach (string method in new[] { "Discrete", "Continuous", "Checkpointed" })
            {
                foreach (string tableau in new[] { "RK4", "ThreeEighths" })
                {
                    data.Add(method, tableau, 1);
                    data.Add(method, tableau, 2);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrajectoryGradient_FixedStepLanes_IdenticalToOneByOne(string method, string tableauName, int threads)
    {
        ButcherTableau tableau = tableauName == "RK4" ? Tableaus.Rk4 : Tableaus.Rk4ThreeEighths;
        OdeSolver solver = OdeSolver.Fixed(tableau, 60);

        // 300 samples: two full groups of 128 and one of 44 (11 vectors, none padded).
        Dataset data = Dataset.SampleTrajectory<GeneratedLotkaVolterra>(300, new ContinuousUniform(0.5, 2.0, new MersenneTwister(11)), TrueParameters, Times);
        AssertTakesTheLanePath<GeneratedLotkaVolterra>(Method(method, useLanes: true), solver, data);

        AssertIdenticalToOneByOne<GeneratedLotkaVolterra>(method, solver, data, Theta, threads);
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    [InlineData("Checkpointed")]
    public void TrajectoryGradient_TimeForcedModelObservedAtTheStartTime_IdenticalToOneByOne(string method)
    {
        // f(t, x) = a·x + b·sin(t) from t0 = 0.4: the lane code sees every stage time t + c_i·h of every interval, and the
        // first observation is t0 itself (no step before it, only its loss and its jump).
        Dataset data = Dataset.SampleTrajectory<GeneratedForcedGrowth>(
            181, new ContinuousUniform(0.5, 1.5, new MersenneTwister(5)), [-0.7, 0.8], [0.4, 0.9, 1.37, 2.2], startTime: 0.4);

        AssertIdenticalToOneByOne<GeneratedForcedGrowth>(method, OdeSolver.Rk4(40), data, [-0.5, 1.1], threads: 1);
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    [InlineData("Checkpointed")]
    public void TrajectoryGradient_BackwardsInTime_IdenticalToOneByOne(string method)
    {
        // From t0 = 2 down to −0.3: negative steps, the grid of each interval spread from its later end.
        Dataset data = Dataset.SampleTrajectory<GeneratedForcedGrowth>(
            70, new ContinuousUniform(0.5, 1.5, new MersenneTwister(6)), [-0.7, 0.8], [1.5, 0.77, -0.3], startTime: 2.0);

        AssertIdenticalToOneByOne<GeneratedForcedGrowth>(method, OdeSolver.Fixed(Tableaus.Rk4ThreeEighths, 25), data, [-0.5, 1.1], threads: 1);
    }

    [Theory]
    [InlineData("Discrete", 21)]
    [InlineData("Continuous", 21)]
    [InlineData("Checkpointed", 21)]
    [InlineData("Discrete", 293)]
    [InlineData("Continuous", 293)]
    [InlineData("Checkpointed", 293)]
    public void TrajectoryGradient_OneSampleOfAVectorGroupOverflows_ExceptionNamesThatSample(string method, int failing)
    {
        double[] initialStates = new double[2 * 300];
        for (int i = 0; i < initialStates.Length; i++)
        {
            initialStates[i] = 1.0 + (0.01 * i);
        }

        // Sample 21 (first, full group) or 293 (the last group of 44) starts at a prey count whose first stage overflows:
        // the group fails in its first interval and is redone one sample at a time, which names the sample.
        initialStates[2 * failing] = 1e306;
        Dataset data = Dataset.Create(2, initialStates, Times, new double[2 * 300 * Times.Length]);
        var problem = new TrajectoryProblem<GeneratedLotkaVolterra>(data, OdeSolver.Rk4(60), Method(method, useLanes: true), maxDegreeOfParallelism: 1);

        OdeSolverException failure = Assert.Throws<OdeSolverException>(() => problem.Gradient(Theta));

        Assert.Equal(failing, failure.Sample);
        Assert.Equal(OdeSolverFailure.NonFiniteState, failure.Reason);
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    [InlineData("Checkpointed")]
    public void TrajectoryGradient_WarmedUpFixedStepLanesOneThread_AllocatesZeroBytes(string method)
    {
        Dataset data = Dataset.SampleTrajectory<GeneratedLotkaVolterra>(300, new ContinuousUniform(0.5, 2.0, new MersenneTwister(3)), TrueParameters, Times);
        var problem = new TrajectoryProblem<GeneratedLotkaVolterra>(
            data, OdeSolver.Rk4(60), Method(method, useLanes: true), maxDegreeOfParallelism: 1, options: new GradientOptions { InitialStateGradients = true, TimeGradients = true });
        GradientResult result = problem.CreateResult();
        problem.Gradient(Theta, result);
        problem.Gradient(Theta, result);

        // Exact: any allocation per group, per interval or per step shows up in every trial; the runtime's own occasional
        // work on this thread does not, so the quietest of five calls must be 0.
        long quietest = long.MaxValue;
        for (int trial = 0; trial < 5 && quietest > 0; trial++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            problem.Gradient(Theta, result);
            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, quietest);
    }

    private static void AssertIdenticalToOneByOne<TModel>(string method, OdeSolver solver, Dataset data, double[] theta, int threads)
        where TModel : struct, IOdeModel<TModel>
    {
        Assert.True(VectorLanes.IsAvailable<TModel>(), $"the generated lane code of {typeof(TModel).Name} must run natively for this test");

        // With ∂L/∂x0, then with the time gradients too (each sample's ∂L/∂τ_k and ∂L/∂t0, kept by the lane groups' loss).
        foreach (var options in new[] { new GradientOptions { InitialStateGradients = true }, new GradientOptions { InitialStateGradients = true, TimeGradients = true } })
        {
            var oneByOne = new TrajectoryProblem<TModel>(data, solver, Method(method, useLanes: false), maxDegreeOfParallelism: 1, options: options);
            var lanes = new TrajectoryProblem<TModel>(data, solver, Method(method, useLanes: true), maxDegreeOfParallelism: threads, options: options);

            GradientResult expected = oneByOne.Gradient(theta);
            GradientResult actual = lanes.Gradient(theta);

            // Exact: the same floating-point operations per sample, summed in the same order.
            Assert.Equal(expected.Loss, actual.Loss);
            Assert.Equal(expected.Gradient.ToArray(), actual.Gradient.ToArray());
            Assert.Equal(expected.InitialStateGradients.ToArray(), actual.InitialStateGradients.ToArray());
            Assert.Equal(expected.TerminalStates.ToArray(), actual.TerminalStates.ToArray());
            Assert.Equal(expected.ObservationTimeGradients.ToArray(), actual.ObservationTimeGradients.ToArray());
            Assert.Equal(expected.StartTimeGradient, actual.StartTimeGradient);
            Assert.Equal(expected.Statistics, actual.Statistics);
        }
    }

    // The comparison means something only if the lane workspace really groups 128 samples for this loss.
    private static void AssertTakesTheLanePath<TModel>(ISensitivityMethod method, OdeSolver solver, Dataset data)
        where TModel : struct, IOdeModel<TModel>
    {
        SensitivityWorkspace<TModel> workspace = method.CreateWorkspace<TModel>(solver, new TrajectoryMse(data));
        Assert.Equal(VectorLanes.SamplesPerGroup, workspace.LaneCount);
        Assert.True(workspace.FillsPartialGroups);
    }

    [Theory]
    [InlineData("RK4")]
    [InlineData("Midpoint")]
    public void TerminalGradient_CheckpointedInLanes_IdenticalToOneByOne(string tableauName)
    {
        // One observation time: the forward record, the Hermite reads and the backward [λ, z] solve without any jump.
        ButcherTableau tableau = tableauName == "RK4" ? Tableaus.Rk4 : Tableaus.Midpoint;
        Dataset data = Dataset.SampleTerminal<GeneratedLotkaVolterra>(301, new ContinuousUniform(0.5, 1.5, new MersenneTwister(8)), TrueParameters, horizon: 1.5);

        AssertIdenticalToOneByOne<GeneratedLotkaVolterra>("Checkpointed", OdeSolver.Fixed(tableau, 60), data, Theta, threads: 1);
    }

    private static ISensitivityMethod Method(string name, bool useLanes) => name switch
    {
        "Discrete" => new DiscreteAdjoint(useLanes),
        "Continuous" => new ContinuousAdjoint(useLanes),
        _ => new CheckpointedAdjoint(useLanes),
    };
}
