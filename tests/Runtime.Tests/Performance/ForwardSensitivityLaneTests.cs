using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Generated;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>
/// <see cref="ForwardSensitivity"/> in vector lanes (fixed-step explicit solvers, generated lane code): the group's
/// augmented state <c>[x, ∂x/∂θ, ∂x/∂x0]</c> crosses every interval between observations on the solver's grid for that
/// interval, as the one-by-one stepper does, and every lane repeats the scalar arithmetic in the scalar order, so the lane
/// path must agree with the one-by-one path to the last bit — loss, gradient, <c>∂L/∂x0</c>, terminal states, the
/// per-sample sensitivities Gauss–Newton uses, and the work — for any thread count.
/// </summary>
public sealed class ForwardSensitivityLaneTests
{
    private static readonly double[] TrueParameters = [1.5, 1.0, 1.0, 3.0];
    private static readonly double[] Theta = [1.4, 1.1, 0.9, 3.1];

    // With 60 steps over [0, 3] the grid step is 0.05: 0.33 and 2.51 are not on it, 1.0 and 1.7 are.
    private static readonly double[] Times = [0.33, 1.0, 1.7, 2.51, 3.0];

    [Theory]
    [InlineData("RK4", 1)]
    [InlineData("RK4", 2)]
    [InlineData("ThreeEighths", 1)]
    [InlineData("Midpoint", 2)]
    public void TrajectoryGradient_LotkaVolterraInLanes_IdenticalToOneByOne(string tableauName, int threads)
    {
        ButcherTableau tableau = tableauName switch
        {
            "RK4" => Tableaus.Rk4,
            "ThreeEighths" => Tableaus.Rk4ThreeEighths,
            _ => Tableaus.Midpoint,
        };
        OdeSolver solver = OdeSolver.Fixed(tableau, 60);

        // 300 samples: two full groups of 128 and one of 44 (11 vectors, none padded).
        Dataset data = Dataset.SampleTrajectory<GeneratedLotkaVolterra>(300, new ContinuousUniform(0.5, 2.0, new MersenneTwister(11)), TrueParameters, Times);
        Assert.Equal(VectorLanes.SamplesPerGroup, LaneCount<GeneratedLotkaVolterra>(solver, data, initialStateGradients: true));

        AssertIdenticalToOneByOne<GeneratedLotkaVolterra>(solver, data, Theta, threads, initialStateGradients: true);
    }

    [Fact]
    public void TerminalGradient_DecayWithoutInitialStateColumns_IdenticalToOneByOne()
    {
        // The paper's problem: one state, one parameter, one observation; 73 samples end in a vector with three padded lanes.
        Dataset data = Dataset.SampleTerminal<GeneratedDecay>(73, new ContinuousUniform(0.5, 1.5, new MersenneTwister(12)), [-1.0], horizon: 1.5);

        AssertIdenticalToOneByOne<GeneratedDecay>(OdeSolver.Rk4(60), data, [0.5], threads: 1, initialStateGradients: false);
    }

    [Fact]
    public void TrajectoryGradient_TimeForcedModelObservedAtTheStartTime_IdenticalToOneByOne()
    {
        // f(t, x) = a·x + b·sin(t) from t0 = 0.4: the lane code sees every stage time of every interval, and the first
        // observation is t0 itself (no step before it, only its loss).
        Dataset data = Dataset.SampleTrajectory<GeneratedForcedGrowth>(
            181, new ContinuousUniform(0.5, 1.5, new MersenneTwister(5)), [-0.7, 0.8], [0.4, 0.9, 1.37, 2.2], startTime: 0.4);

        AssertIdenticalToOneByOne<GeneratedForcedGrowth>(OdeSolver.Rk4(40), data, [-0.5, 1.1], threads: 1, initialStateGradients: true);
    }

    [Fact]
    public void TrajectoryGradient_BackwardsInTime_IdenticalToOneByOne()
    {
        // From t0 = 2 down to −0.3: negative steps, the grid of each interval spread from its later end.
        Dataset data = Dataset.SampleTrajectory<GeneratedForcedGrowth>(
            70, new ContinuousUniform(0.5, 1.5, new MersenneTwister(6)), [-0.7, 0.8], [1.5, 0.77, -0.3], startTime: 2.0);

        AssertIdenticalToOneByOne<GeneratedForcedGrowth>(OdeSolver.Fixed(Tableaus.Rk4ThreeEighths, 25), data, [-0.5, 1.1], threads: 1, initialStateGradients: true);
    }

    [Fact]
    public void TrajectoryGradient_WideAugmentedStateInSmallerGroups_IdenticalToOneByOne()
    {
        // Four states, 17 parameters and the four ∂x/∂x0 columns: 4 × 22 = 88 doubles per sample, so 2 048 vectors hold
        // 23 vectors (92 samples) per group; 200 samples are two full groups and one of 16.
        double[] truth = [-0.5, 0.3, 0.1, 0.0, -0.2, -0.4, 0.2, 0.1, 0.0, 0.1, -0.6, 0.3, 0.1, 0.0, -0.3, -0.5, 0.05];
        double[] theta = new double[truth.Length];
        for (int k = 0; k < truth.Length; k++)
        {
            theta[k] = truth[k] + (0.01 * (k - 8));
        }

        Dataset data = Dataset.SampleTrajectory<GeneratedCoupledFour>(200, new ContinuousUniform(-1.0, 1.0, new MersenneTwister(9)), truth, [0.5, 1.25, 2.0]);
        Assert.Equal(92, LaneCount<GeneratedCoupledFour>(OdeSolver.Rk4(40), data, initialStateGradients: true));

        AssertIdenticalToOneByOne<GeneratedCoupledFour>(OdeSolver.Rk4(40), data, theta, threads: 2, initialStateGradients: true);
    }

    [Fact]
    public void GaussNewtonFit_LanesAndOneByOne_SameIterates()
    {
        // Gauss–Newton reads the per-sample sensitivities: five iterations from the same start must give the same bits.
        Dataset data = Dataset.SampleTrajectory<GeneratedLotkaVolterra>(200, new ContinuousUniform(0.5, 2.0, new MersenneTwister(4)), TrueParameters, Times);
        double[] lanes = Fit(new ForwardSensitivity(useLanes: true));
        double[] oneByOne = Fit(new ForwardSensitivity(useLanes: false));

        Assert.Equal(oneByOne, lanes);

        // And the fit did move: the data were generated without noise from TrueParameters.
        Assert.True(Math.Abs(lanes[0] - TrueParameters[0]) < Math.Abs(Theta[0] - TrueParameters[0]), $"a = {lanes[0]}");

        double[] Fit(ForwardSensitivity method)
        {
            var problem = new TrajectoryProblem<GeneratedLotkaVolterra>(data, OdeSolver.Rk4(60), method, maxDegreeOfParallelism: 1);
            return problem.Train(new GaussNewton(), Theta, new TrainerOptions { MaxIterations = 5 }).Parameters;
        }
    }

    [Fact]
    public void LaneRule_AdaptivePerSampleOrNoGeneratedProduct_KeepsTheOneByOnePath()
    {
        Dataset data = Dataset.SampleTrajectory<GeneratedLotkaVolterra>(10, new ContinuousUniform(0.5, 2.0, new MersenneTwister(4)), TrueParameters, Times);
        SensitivityWorkspace<GeneratedLotkaVolterra> timed = new ForwardSensitivity().CreateWorkspace<GeneratedLotkaVolterra>(
            OdeSolver.Rk4(60), new TrajectoryMse(data), new GradientOptions { TimeGradients = true });
        SensitivityWorkspace<GeneratedLotkaVolterra> adaptive = new ForwardSensitivity().CreateWorkspace<GeneratedLotkaVolterra>(OdeSolver.Dopri5(), new TrajectoryMse(data));

        Assert.Equal(VectorLanes.SamplesPerGroup, timed.LaneCount);
        Assert.True(timed.ComputesLaneSensitivities);
        Assert.True(timed.ComputesLaneTimeGradients);
        Assert.Equal(1, adaptive.LaneCount);

        // The loop-form spiral net has lane members for f and the VJP, but its JVP is the interface's per-lane loop.
        Assert.True(HasVectorLanes<NeuralOdeGen.Benchmarks.Models.SpiralLoopNet>());
        Assert.False(HasJacobianVectorProductLanes<NeuralOdeGen.Benchmarks.Models.SpiralLoopNet>());
        Assert.True(HasJacobianVectorProductLanes<GeneratedLotkaVolterra>());
    }

    [Theory]
    [InlineData(21)]
    [InlineData(293)]
    public void TrajectoryGradient_OneSampleOfAGroupOverflows_ExceptionNamesThatSample(int failing)
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
        var problem = new TrajectoryProblem<GeneratedLotkaVolterra>(data, OdeSolver.Rk4(60), new ForwardSensitivity(), maxDegreeOfParallelism: 1);

        OdeSolverException failure = Assert.Throws<OdeSolverException>(() => problem.Gradient(Theta));

        Assert.Equal(failing, failure.Sample);
        Assert.Equal(OdeSolverFailure.NonFiniteState, failure.Reason);
    }

    [Fact]
    public void TrajectoryGradient_WarmedUpLanesOneThread_AllocatesZeroBytes()
    {
        Dataset data = Dataset.SampleTrajectory<GeneratedLotkaVolterra>(300, new ContinuousUniform(0.5, 2.0, new MersenneTwister(3)), TrueParameters, Times);
        var problem = new TrajectoryProblem<GeneratedLotkaVolterra>(
            data, OdeSolver.Rk4(60), new ForwardSensitivity(), maxDegreeOfParallelism: 1, options: new GradientOptions { InitialStateGradients = true, TimeGradients = true });
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

    private static void AssertIdenticalToOneByOne<TModel>(OdeSolver solver, Dataset data, double[] theta, int threads, bool initialStateGradients)
        where TModel : struct, IOdeModel<TModel>
    {
        Assert.True(VectorLanes.IsAvailable<TModel>(), $"the generated lane code of {typeof(TModel).Name} must run natively for this test");
        Assert.True(LaneCount<TModel>(solver, data, initialStateGradients) > 1, "the lane workspace must group samples for this test");

        // Without, then with the time gradients (the ∂x/∂t0 column and each observation's ∂L/∂τ_k).
        foreach (bool timeGradients in new[] { false, true })
        {
            var options = new GradientOptions { InitialStateGradients = initialStateGradients, TimeGradients = timeGradients };
            var oneByOne = new TrajectoryProblem<TModel>(data, solver, new ForwardSensitivity(useLanes: false), maxDegreeOfParallelism: 1, options: options);
            var lanes = new TrajectoryProblem<TModel>(data, solver, new ForwardSensitivity(useLanes: true), maxDegreeOfParallelism: threads, options: options);

            GradientResult expected = oneByOne.Gradient(theta);
            GradientResult actual = lanes.Gradient(theta);

            // Exact: the same floating-point operations per sample, summed in the same order.
            Assert.True(double.IsFinite(expected.Loss) && expected.Loss > 0.0, $"loss {expected.Loss}");
            Assert.Equal(expected.Loss, actual.Loss);
            Assert.Equal(expected.Gradient.ToArray(), actual.Gradient.ToArray());
            Assert.Equal(expected.Sensitivities.ToArray(), actual.Sensitivities.ToArray());
            Assert.Equal(expected.InitialStateGradients.ToArray(), actual.InitialStateGradients.ToArray());
            Assert.Equal(expected.TerminalStates.ToArray(), actual.TerminalStates.ToArray());
            Assert.Equal(expected.ObservationTimeGradients.ToArray(), actual.ObservationTimeGradients.ToArray());
            Assert.Equal(expected.StartTimeGradient, actual.StartTimeGradient);
            Assert.Equal(expected.Statistics, actual.Statistics);
        }
    }

    private static int LaneCount<TModel>(OdeSolver solver, Dataset data, bool initialStateGradients)
        where TModel : struct, IOdeModel<TModel> =>
        new ForwardSensitivity().CreateWorkspace<TModel>(solver, new TrajectoryMse(data), new GradientOptions { InitialStateGradients = initialStateGradients }).LaneCount;

    private static bool HasVectorLanes<TModel>()
        where TModel : struct, IOdeModel<TModel> => TModel.HasVectorLanes;

    private static bool HasJacobianVectorProductLanes<TModel>()
        where TModel : struct, IOdeModel<TModel> => TModel.HasJacobianVectorProductLanes;
}
