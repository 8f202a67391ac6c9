using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuralOdeGen.Runtime.Tests.Generated;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>
/// The generated fused four-stage kernels (<c>FourStageStepsLanes</c>, <c>FourStageAdjointStepsLanes</c> and their
/// eight-lane twins) take a whole Runge–Kutta step per vector with the stages in registers. They must do, per lane,
/// exactly what the generic fixed-step integrator does over the generated lane members — checked to the bit — and
/// the decay model's result must follow the method's stability polynomial. The discrete adjoint's pair (steps that
/// record their stage states, the sweep back through them) must match the generic recorded steps and reverse sweep.
/// </summary>
public sealed class FourStageLaneKernelTests
{
    private const int Steps = 25;

    // Four vectors per component: even, so the eight-lane kernels can read the block as pairs.
    private const int VectorsPerComponent = 4;

    public static TheoryData<string, string, bool, bool> Cases
    {
        get
        {
            var data = new TheoryData<string, string, bool, bool>();
            foreach (string model in new[] { "Decay", "LotkaVolterra", "VanDerPol", "SineGrowth", "ForcedGrowth" })
            {
                foreach (string tableau in new[] { "RK4", "ThreeEighths" })
                {
                    foreach (bool adjoint in new[] { false, true })
                    {
                        data.Add(model, tableau, adjoint, false);
                        if (model is not "SineGrowth" and not "ForcedGrowth")
                        {
                            data.Add(model, tableau, adjoint, true);
                        }
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kernel_SameBitsAsGenericFixedSteps(string model, string tableauName, bool adjoint, bool wide)
    {
        ButcherTableau tableau = tableauName == "RK4" ? Tableaus.Rk4 : Tableaus.Rk4ThreeEighths;

        // The state forwards from t = 0.5 to 2 and the adjoint backwards from 2 to 0.5, as the lane adjoint runs them.
        (double start, double stop) = adjoint ? (2.0, 0.5) : (0.5, 2.0);
        switch (model)
        {
            case "Decay":
                AssertSameBits<GeneratedDecay>(tableau, adjoint, wide, start, stop, [-0.8]);
                break;
            case "LotkaVolterra":
                AssertSameBits<GeneratedLotkaVolterra>(tableau, adjoint, wide, start, stop, [1.5, 1.0, 1.0, 3.0]);
                break;
            case "VanDerPol":
                AssertSameBits<GeneratedVanDerPol>(tableau, adjoint, wide, start, stop, [1.3]);
                break;
            case "SineGrowth":
                AssertSameBits<GeneratedSineGrowth>(tableau, adjoint, wide, start, stop, [1.1, -0.4]);
                break;
            default:
                // Reads the time: each stage at the step's start plus c_i·h, as the generic steps evaluate it.
                AssertSameBits<GeneratedForcedGrowth>(tableau, adjoint, wide, start, stop, [-0.7, 0.8]);
                break;
        }
    }

    public static TheoryData<string, string, bool> DiscreteCases
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (string model in new[] { "Decay", "LotkaVolterra", "VanDerPol", "SineGrowth", "ForcedGrowth" })
            {
                foreach (string tableau in new[] { "RK4", "ThreeEighths" })
                {
                    data.Add(model, tableau, false);
                    if (model is not "SineGrowth" and not "ForcedGrowth")
                    {
                        data.Add(model, tableau, true);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(DiscreteCases))]
    public void RecordedAndReverseKernels_SameBitsAsGenericDiscreteSweep(string model, string tableauName, bool wide)
    {
        // RK4 has zero couplings (a_20, a_30, a_31), whose terms the reverse sweep leaves out; the 3/8 rule has none.
        ButcherTableau tableau = tableauName == "RK4" ? Tableaus.Rk4 : Tableaus.Rk4ThreeEighths;
        switch (model)
        {
            case "Decay":
                AssertDiscreteSameBits<GeneratedDecay>(tableau, wide, [-0.8]);
                break;
            case "LotkaVolterra":
                AssertDiscreteSameBits<GeneratedLotkaVolterra>(tableau, wide, [1.5, 1.0, 1.0, 3.0]);
                break;
            case "VanDerPol":
                AssertDiscreteSameBits<GeneratedVanDerPol>(tableau, wide, [1.3]);
                break;
            case "SineGrowth":
                AssertDiscreteSameBits<GeneratedSineGrowth>(tableau, wide, [1.1, -0.4]);
                break;
            default:
                AssertDiscreteSameBits<GeneratedForcedGrowth>(tableau, wide, [-0.7, 0.8]);
                break;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decay_FollowsTheStabilityPolynomial(bool wide)
    {
        // Every four-stage method of order 4 multiplies x' = a·x by R(w) = 1 + w + w²/2 + w³/6 + w⁴/24 per step, w = h·a.
        // Backwards from T to 0 with h = −T/N the adjoint system [x, λ, z]' = [a·x, −a·λ, −x·λ] gives x(0) = x(T)·R(−aT/N)^N
        // and λ(0) = λ(T)·R(aT/N)^N. For z: the 3/8 rule's stages of x and λ are x·P_i(w) and λ·P_i(−w) with P_0 = 1,
        // P_1 = 1 + w/3, P_2 = 1 + w(−1/3 + P_1), P_3 = 1 + w(1 − P_1 + P_2); a step adds (T/N)·x·λ·S to z with
        // S = Σ b_i P_i(w) P_i(−w), and multiplies x·λ by R(w)·R(−w).
        const double a = -0.8;
        const double horizon = 1.5;
        double[] initial = [0.3, 0.9, 1.7, -0.4, 2.5, 1.1, -1.3, 0.6];
        double[] lambdas = [1.0, -0.5, 0.25, 2.0, -1.5, 0.75, 0.1, -0.2];
        int count = initial.Length / Vector256<double>.Count;
        double[] state = initial.ToArray();
        double[] augmented = [.. initial, .. lambdas, .. new double[initial.Length]];
        var method = new FourStageMethod(Tableaus.Rk4ThreeEighths);

        Step<GeneratedDecay>(method, 0.0, horizon, [a], state, adjoint: false, wide);
        Step<GeneratedDecay>(method, horizon, 0.0, [a], augmented, adjoint: true, wide);

        static double R(double w) => 1.0 + w + (w * w / 2.0) + (w * w * w / 6.0) + (w * w * w * w / 24.0);
        static double[] P(double w)
        {
            double p1 = 1.0 + (w / 3.0);
            double p2 = 1.0 + (w * ((-1.0 / 3.0) + p1));
            return [1.0, p1, p2, 1.0 + (w * (1.0 - p1 + p2))];
        }

        double h = horizon / Steps;
        double[] forwards = P(h * a);
        double[] backwards = P(-h * a);
        double[] b = [0.125, 0.375, 0.375, 0.125];
        double stageSum = Enumerable.Range(0, 4).Sum(i => b[i] * forwards[i] * backwards[i]);
        double growth = R(h * a) * R(-h * a);
        double productSum = Enumerable.Range(0, Steps).Sum(k => Math.Pow(growth, k));
        for (int i = 0; i < initial.Length; i++)
        {
            // 25 steps of a few roundings each: relative error a few hundred ulps at most.
            Assert.Equal(initial[i] * Math.Pow(R(h * a), Steps), state[i], Math.Abs(initial[i]) * 1e-13);
            Assert.Equal(initial[i] * Math.Pow(R(-h * a), Steps), augmented[i], Math.Abs(initial[i]) * 1e-13);
            Assert.Equal(lambdas[i] * Math.Pow(R(h * a), Steps), augmented[(count * 4) + i], Math.Abs(lambdas[i]) * 1e-13);
            double z = h * initial[i] * lambdas[i] * stageSum * productSum;
            Assert.Equal(z, augmented[(count * 8) + i], Math.Abs(z) * 1e-13);
        }
    }

    [Fact]
    public void Kernels_WhichModelsHaveThem()
    {
        // Decay: arithmetic only → both widths. SineGrowth and ForcedGrowth: sin is evaluated lane by lane (LaneMath, four
        // lanes only) → no eight-lane kernels. The hand-written Decay implements the interface itself → none.
        Assert.Equal((true, true), Has<GeneratedDecay>());
        Assert.Equal((true, false), Has<GeneratedSineGrowth>());
        Assert.Equal((true, false), Has<GeneratedForcedGrowth>());
        Assert.Equal((false, false), Has<Models.Decay>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Kernel_ModelWithoutOne_NotSupportedNamingTheModel(bool wide)
    {
        double[] state = new double[8];
        var method = new FourStageMethod(Tableaus.Rk4);
        var error = Assert.Throws<NotSupportedException>(() => Step<Models.Decay>(method, 0.0, 1.0, [1.0], state, adjoint: false, wide));
        Assert.Contains("Decay has no generated four-stage lane kernel", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Kernel_BadArguments_NameTheArgument(bool wide)
    {
        var method = new FourStageMethod(Tableaus.Rk4);
        double[] block = new double[3 * 8];
        Assert.Equal("method", Assert.Throws<ArgumentNullException>(() => Step<GeneratedDecay>(null!, 0.0, 1.0, [1.0], block, adjoint: true, wide)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => Step<GeneratedDecay>(method, 0.0, 1.0, [1.0], block, adjoint: true, wide, steps: 0)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => Step<GeneratedDecay>(method, double.NaN, 1.0, [1.0], block, adjoint: true, wide)).ParamName);
        Assert.Equal("stop", Assert.Throws<ArgumentOutOfRangeException>(() => Step<GeneratedDecay>(method, 0.0, double.PositiveInfinity, [1.0], block, adjoint: true, wide)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => Step<GeneratedDecay>(method, 0.0, 1.0, [1.0, 2.0], block, adjoint: true, wide)).ParamName);

        // Lotka–Volterra's augmented block has 2·2 + 4 = 8 components: 3 vectors of any width are not a whole block.
        Assert.Equal("augmented", Assert.Throws<ArgumentException>(() => Step<GeneratedLotkaVolterra>(method, 0.0, 1.0, [1.0, 1.0, 1.0, 1.0], block, adjoint: true, wide)).ParamName);
    }

    [Fact]
    public void Method_NeedsFourStages()
    {
        Assert.Equal("tableau", Assert.Throws<ArgumentNullException>(() => new FourStageMethod(null!)).ParamName);
        var error = Assert.Throws<ArgumentException>(() => new FourStageMethod(Tableaus.Midpoint));
        Assert.Equal("tableau", error.ParamName);
        Assert.Contains("has 2 stages", error.Message, StringComparison.Ordinal);

        // The 3/8 rule (Kutta 1901): a = [1/3; −1/3, 1; 1, −1, 1], b = [1/8, 3/8, 3/8, 1/8].
        var rule = new FourStageMethod(Tableaus.Rk4ThreeEighths);
        Assert.Equal(
            [1.0 / 3.0, -1.0 / 3.0, 1.0, 1.0, -1.0, 1.0, 0.125, 0.375, 0.375, 0.125],
            new[] { rule.A10, rule.A20, rule.A21, rule.A30, rule.A31, rule.A32, rule.B0, rule.B1, rule.B2, rule.B3 });
    }

    private static void AssertSameBits<TModel>(ButcherTableau tableau, bool adjoint, bool wide, double start, double stop, double[] parameters)
        where TModel : struct, IOdeModel<TModel>
    {
        int n = TModel.StateCount;
        int components = adjoint ? (2 * n) + TModel.ParameterCount : n;
        var random = new Random(17 + components);
        double[] expected = new double[components * VectorsPerComponent * Vector256<double>.Count];
        for (int i = 0; i < expected.Length; i++)
        {
            expected[i] = 0.2 + random.NextDouble();
        }

        double[] actual = expected.ToArray();
        var integrator = new FixedStepIntegrator(OdeSolver.Fixed(tableau, Steps), expected.Length);
        double horizon = Math.Abs(stop - start);
        if (adjoint)
        {
            var system = new VectorLaneAdjointSystem<TModel>(parameters);
            integrator.Integrate(ref system, start, stop, horizon, expected, []);
        }
        else
        {
            var system = new VectorLaneModelSystem<TModel>(parameters);
            integrator.Integrate(ref system, start, stop, horizon, expected, []);
        }

        Step<TModel>(new FourStageMethod(tableau), start, stop, parameters, actual, adjoint, wide);

        // Exact: the same operations in the same order per lane (the products subtracted rather than negated and added,
        // the same IEEE operation), so every bit, signed zeros included.
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
    }

    private static void AssertDiscreteSameBits<TModel>(ButcherTableau tableau, bool wide, double[] parameters)
        where TModel : struct, IOdeModel<TModel>
    {
        const double start = 0.5;
        const double stop = 2.0;
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int width = n * VectorsPerComponent * Vector256<double>.Count;
        int stepRows = 4 * width;
        var random = new Random(29 + n);
        double[] initial = Enumerable.Range(0, width).Select(_ => 0.2 + random.NextDouble()).ToArray();
        double[] finalAdjoint = Enumerable.Range(0, width).Select(_ => random.NextDouble() - 0.5).ToArray();

        // The generic path: steps that record their stage states, then the reverse sweep step by step, last step first.
        double[] expectedState = initial.ToArray();
        double[] expectedRecord = new double[Steps * stepRows];
        var integrator = new FixedStepIntegrator(OdeSolver.Fixed(tableau, Steps), width);
        var system = new VectorLaneModelSystem<TModel>(parameters);
        integrator.Integrate(ref system, start, stop, stop - start, expectedState, expectedRecord);
        double[] expectedAdjoint = finalAdjoint.ToArray();
        var gradients = new AlignedVectors(m * VectorsPerComponent, 0);
        var pullBack = new VectorLanePullBack<TModel>(parameters, new AlignedVectors(m * VectorsPerComponent, 0), gradients, m * VectorsPerComponent);
        double h = (stop - start) / Steps;
        double[] rate = new double[width];
        double[] stageAdjoints = new double[stepRows];
        for (int step = Steps - 1; step >= 0; step--)
        {
            RungeKuttaReverseStep.Take(
                ref pullBack, integrator.Method, start + (step * h), h, expectedRecord.AsSpan(step * stepRows, stepRows), expectedAdjoint, rate, stageAdjoints);
        }

        // The kernels.
        var method = new FourStageMethod(tableau);
        double[] state = initial.ToArray();
        double[] record = new double[Steps * stepRows];
        double[] adjoint = finalAdjoint.ToArray();
        double[] gradient = new double[m * VectorsPerComponent * Vector256<double>.Count];
        if (wide)
        {
            TModel.FourStageRecordedStepsWideLanes(method, start, stop, Steps, parameters, Wide(state), Wide(record));
            TModel.FourStageReverseStepsWideLanes(method, start, stop, Steps, parameters, Wide(record), Wide(adjoint), Wide(gradient));
        }
        else
        {
            TModel.FourStageRecordedStepsLanes(method, start, stop, Steps, parameters, Lanes(state), Lanes(record));
            TModel.FourStageReverseStepsLanes(method, start, stop, Steps, parameters, Lanes(record), Lanes(adjoint), Lanes(gradient));
        }

        // Exact: per lane the same operations in the same order (zero couplings left out on both sides).
        Assert.Equal(Bits(expectedState), Bits(state));
        Assert.Equal(Bits(expectedRecord), Bits(record));
        Assert.Equal(Bits(expectedAdjoint), Bits(adjoint));
        Assert.Equal(Bits(gradients.Doubles.ToArray()), Bits(gradient));
    }

    private static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    private static Span<Vector256<double>> Lanes(double[] block) => MemoryMarshal.Cast<double, Vector256<double>>(block.AsSpan());

    private static Span<Vector512<double>> Wide(double[] block) => MemoryMarshal.Cast<double, Vector512<double>>(block.AsSpan());

    private static void Step<TModel>(FourStageMethod method, double start, double stop, double[] parameters, double[] block, bool adjoint, bool wide, int steps = Steps)
        where TModel : struct, IOdeModel<TModel>
    {
        if (wide)
        {
            Span<Vector512<double>> vectors = MemoryMarshal.Cast<double, Vector512<double>>(block.AsSpan());
            if (adjoint)
            {
                TModel.FourStageAdjointStepsWideLanes(method, start, stop, steps, parameters, vectors);
            }
            else
            {
                TModel.FourStageStepsWideLanes(method, start, stop, steps, parameters, vectors);
            }
        }
        else
        {
            Span<Vector256<double>> vectors = MemoryMarshal.Cast<double, Vector256<double>>(block.AsSpan());
            if (adjoint)
            {
                TModel.FourStageAdjointStepsLanes(method, start, stop, steps, parameters, vectors);
            }
            else
            {
                TModel.FourStageStepsLanes(method, start, stop, steps, parameters, vectors);
            }
        }
    }

    private static (bool FourLanes, bool EightLanes) Has<TModel>()
        where TModel : struct, IOdeModel<TModel> => (TModel.HasFourStageLanes, TModel.HasWideFourStageLanes);
}
