using System;
using System.Runtime.Intrinsics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>
/// Models with SIMD lane members are solved up to 128 samples at a time in <see cref="Vector256{T}"/> lanes. Every lane
/// repeats the scalar arithmetic in the scalar order, so the vector path must agree with the one-by-one path to the
/// last bit — for any thread count — and fall back to it for the sample that fails.
/// </summary>
public sealed class VectorLaneTests
{
    public static TheoryData<string, string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, string, int>();
            foreach (string method in new[] { "Discrete", "Continuous" })
            {
                foreach (string tableau in new[] { "RK4", "ThreeEighths", "Midpoint" })
                {
                    data.Add(method, tableau, 1);
                }

                data.Add(method, "RK4", 3);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_VectorLanes_IdenticalToOneByOne(string method, string tableauName, int threads)
    {
        ButcherTableau tableau = tableauName switch
        {
            "RK4" => Tableaus.Rk4,
            "ThreeEighths" => Tableaus.Rk4ThreeEighths,
            _ => Tableaus.Midpoint,
        };

        // 301 samples: two full blocks of 128 (one group of 32 vectors each) and a block of 45 (12 vectors, 3 lanes padded).
        Dataset data = Dataset.SampleTerminal<LotkaVolterra>(301, new ContinuousUniform(0.5, 1.5, new MersenneTwister(8)), [1.5, 1.0, 1.0, 3.0], horizon: 1.5);
        OdeSolver solver = OdeSolver.Fixed(tableau, 60);
        double[] theta = [1.4, 1.1, 0.9, 3.1];
        var lanes = new TerminalProblem<LaneLotkaVolterra>(data, solver, Method(method, useLanes: true), maxDegreeOfParallelism: threads);
        var oneByOne = new TerminalProblem<LotkaVolterra>(data, solver, Method(method, useLanes: false), maxDegreeOfParallelism: 1);

        GradientResult expected = oneByOne.Gradient(theta);
        GradientResult actual = lanes.Gradient(theta);

        // Exact: the same floating-point operations per sample, summed in the same order.
        Assert.Equal(expected.Loss, actual.Loss);
        Assert.Equal(expected.Gradient.ToArray(), actual.Gradient.ToArray());
        Assert.Equal(expected.TerminalStates.ToArray(), actual.TerminalStates.ToArray());
        Assert.Equal(expected.Statistics, actual.Statistics);
    }

    [Theory]
    [InlineData("Discrete", 21)]
    [InlineData("Continuous", 21)]
    [InlineData("Discrete", 293)]
    [InlineData("Continuous", 293)]
    public void Gradient_OneSampleOfAVectorGroupOverflows_ExceptionNamesThatSample(string method, int failing)
    {
        double[] initialStates = new double[2 * 300];
        double[] targets = new double[2 * 300];
        for (int i = 0; i < initialStates.Length; i++)
        {
            initialStates[i] = 1.0 + (0.01 * i);
        }

        // 300 samples in blocks of 128: sample 21 (vector 5, lane 1 of the first, full group) or 293 (vector 9, lane 1 of
        // the last group, 44 samples) starts at a prey count whose first stage overflows.
        initialStates[2 * failing] = 1e306;
        Dataset data = Dataset.Terminal(2, initialStates, targets, 1.0);
        var problem = new TerminalProblem<LaneLotkaVolterra>(data, OdeSolver.Rk4(100), Method(method, useLanes: true), maxDegreeOfParallelism: 1);

        OdeSolverException failure = Assert.Throws<OdeSolverException>(() => problem.Gradient([1.5, 1.0, 1.0, 3.0]));

        Assert.Equal(failing, failure.Sample);
        Assert.Equal(OdeSolverFailure.NonFiniteState, failure.Reason);
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    public void Gradient_WarmedUpVectorLanesOneThread_AllocatesZeroBytes(string method)
    {
        Dataset data = Dataset.SampleTerminal<LotkaVolterra>(64, new ContinuousUniform(0.5, 1.5, new MersenneTwister(3)), [1.5, 1.0, 1.0, 3.0], horizon: 1.0);
        var problem = new TerminalProblem<LaneLotkaVolterra>(data, OdeSolver.Rk4(50), Method(method, useLanes: true), maxDegreeOfParallelism: 1);
        double[] theta = [1.4, 1.1, 0.9, 3.1];
        problem.Gradient(theta);
        problem.Gradient(theta);

        // Exact: any allocation per group, per step or per call shows up as a positive count in every trial; the runtime's
        // own occasional work on this thread (seen once on a heavily loaded machine: 5 944 B) does not, so the quietest
        // of five calls must be 0.
        long quietest = long.MaxValue;
        for (int trial = 0; trial < 5 && quietest > 0; trial++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            problem.Gradient(theta);
            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, quietest);
    }

    [Fact]
    public void DefaultLaneMembers_EachLane_BitIdenticalToScalarMembers()
    {
        // A block of three vectors per component: x[i * 3 + k] is state i of the four samples in vector k.
        const int Count = 3;
        var random = new MersenneTwister(12);
        double[] p = [1.4, 1.1, 0.9, 3.1];
        var x = new Vector256<double>[2 * Count];
        var v = new Vector256<double>[2 * Count];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Vector256.Create(random.NextDouble(), random.NextDouble(), -random.NextDouble(), 1e3 * random.NextDouble());
            v[i] = Vector256.Create(random.NextDouble(), -random.NextDouble(), random.NextDouble(), 0.0);
        }

        var rates = new Vector256<double>[2 * Count];
        var vjx = new Vector256<double>[2 * Count];
        var vjp = new Vector256<double>[4 * Count];
        DefaultLanes<LotkaVolterra>.Evaluate(0.0, x, p, rates);
        DefaultLanes<LotkaVolterra>.VectorJacobianProduct(0.0, x, p, v, vjx, vjp);

        Span<double> expectedRates = stackalloc double[2];
        Span<double> expectedVjx = stackalloc double[2];
        Span<double> expectedVjp = stackalloc double[4];
        for (int k = 0; k < Count; k++)
        {
            for (int lane = 0; lane < 4; lane++)
            {
                double[] laneX = [x[k][lane], x[Count + k][lane]];
                double[] laneV = [v[k][lane], v[Count + k][lane]];
                LotkaVolterra.Evaluate(0.0, laneX, p, expectedRates);
                LotkaVolterra.VectorJacobianProduct(0.0, laneX, p, laneV, expectedVjx, expectedVjp);

                // Exact: the default members call the scalar ones lane by lane.
                for (int i = 0; i < 2; i++)
                {
                    Assert.Equal(expectedRates[i], rates[(i * Count) + k][lane]);
                    Assert.Equal(expectedVjx[i], vjx[(i * Count) + k][lane]);
                }

                for (int q = 0; q < 4; q++)
                {
                    Assert.Equal(expectedVjp[q], vjp[(q * Count) + k][lane]);
                }
            }
        }

        Assert.False(DefaultLanes<LotkaVolterra>.HasVectorLanes);
    }

    [Fact]
    public void DefaultLaneMembers_BlockNotAMultipleOfStates_ThrowsNamingArgument()
    {
        var x = new Vector256<double>[3];
        var rates = new Vector256<double>[3];

        ArgumentException error = Assert.Throws<ArgumentException>(() => DefaultLanes<LotkaVolterra>.Evaluate(0.0, x, [1.0, 1.0, 1.0, 1.0], rates));

        Assert.Equal("x", error.ParamName);
    }

    private static ISensitivityMethod Method(string name, bool useLanes) =>
        name == "Discrete" ? new DiscreteAdjoint(useLanes) : new ContinuousAdjoint(useLanes);

    // Static virtual members with default bodies are reached through a type parameter.
    private static class DefaultLanes<TModel>
        where TModel : struct, IOdeModel<TModel>
    {
        public static bool HasVectorLanes => TModel.HasVectorLanes;

        public static void Evaluate(double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, Span<Vector256<double>> dxdt) =>
            TModel.EvaluateLanes(t, x, p, dxdt);

        public static void VectorJacobianProduct(
            double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, ReadOnlySpan<Vector256<double>> v, Span<Vector256<double>> vjx, Span<Vector256<double>> vjp) =>
            TModel.VectorJacobianProductLanes(t, x, p, v, vjx, vjp);
    }
}
