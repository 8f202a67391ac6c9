using System;
using System.Runtime.Intrinsics;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>
/// The Runge–Kutta step, its reverse sweep and the stage combinations are written once over the lane width
/// (<see cref="ScalarLane"/>, <see cref="Vector256Lane"/>, <see cref="Vector512Lane"/>). Every width must give every
/// double the bits of the one-sample stepper: same operations, same order, no fused multiply–add. The references are
/// the scalar paths themselves (<see cref="RungeKuttaStepper"/>, and a plain left-to-right loop), which the solver and
/// gradient tests verify against analytic solutions elsewhere. Vector512 runs even where the CPU lacks it (software
/// fallback), so the check holds on every machine.
/// </summary>
public sealed class LaneGenericStepTests
{
    // 37 doubles: four 512-bit vectors and five left over, nine 256-bit vectors and one left over.
    private const int Width = 37;

    public static TheoryData<string> Tableaux => new() { "RK4", "ThreeEighths", "Midpoint", "Euler", "DP5" };

    [Fact]
    public void Combine_EveryLaneWidth_BitIdenticalToLeftToRightLoop()
    {
        var random = new MersenneTwister(21);
        double[] x = RandomValues(random, Width);
        double[] stages = RandomValues(random, 7 * Width);
        double[] weights = [0.5, -0.25, 0.0, 1.0 / 3.0, 2.0, -1e-3, 0.125];
        const double H = 0.0137;
        for (int count = 0; count <= weights.Length; count++)
        {
            double[] expected = new double[Width];
            for (int i = 0; i < Width; i++)
            {
                double sum = x[i];
                for (int j = 0; j < count; j++)
                {
                    sum += H * weights[j] * stages[(j * Width) + i];
                }

                expected[i] = sum;
            }

            ReadOnlySpan<double> w = weights.AsSpan(0, count);
            double[] scalar = new double[Width];
            double[] v256 = new double[Width];
            double[] v512 = new double[Width];
            StageCombinations.Combine<ScalarLane, double>(x, w, H, stages, Width, scalar);
            StageCombinations.Combine<Vector256Lane, Vector256<double>>(x, w, H, stages, Width, v256);
            StageCombinations.Combine<Vector512Lane, Vector512<double>>(x, w, H, stages, Width, v512);

            // Exact: (h·w)·k added left to right per double at every width.
            Assert.Equal(expected, scalar);
            Assert.Equal(expected, v256);
            Assert.Equal(expected, v512);
        }
    }

    [Fact]
    public void ErrorEstimate_CombineFromZeroThenScale_BitIdenticalToTheStepperLoop()
    {
        // RungeKuttaStepper's error estimate h·Σ (b_i − b̂_i) k_i: the loop it replaced (from 0, errors[c] += w·k[c] stage by
        // stage, then h·errors[c]) against Combine(0, w, 1.0, …) and Scale at the widest width, which must agree to the bit.
        var random = new MersenneTwister(23);
        double[] stages = RandomValues(random, 7 * Width);
        double[] weights = [71.0 / 57600, 0.0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40];
        const double H = 0.0213;
        double[] expected = new double[Width];
        for (int j = 0; j < weights.Length; j++)
        {
            for (int i = 0; i < Width; i++)
            {
                expected[i] += weights[j] * stages[(j * Width) + i];
            }
        }

        for (int i = 0; i < Width; i++)
        {
            expected[i] = H * expected[i];
        }

        double[] actual = new double[Width];
        StageCombinations.Combine(actual, weights, 1.0, stages, Width, actual);
        StageCombinations.Scale(actual, H);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void StageRate_EveryLaneWidth_BitIdenticalToLeftToRightLoop()
    {
        var random = new MersenneTwister(22);
        double[] lambda = RandomValues(random, Width);
        double[] adjoints = RandomValues(random, 6 * Width);

        // Zero couplings are left out; five nonzero ones take two fused parts.
        double[] couplings = [0.3, 0.0, -1.2, 0.7, 0.0, 2.5, 0.25];
        const double B = 0.375;
        const double H = -0.02;
        for (int count = 0; count <= couplings.Length - 1; count++)
        {
            double[] expected = new double[Width];
            for (int i = 0; i < Width; i++)
            {
                double r = B * lambda[i];
                for (int l = 0; l < count; l++)
                {
                    if (couplings[l] != 0.0)
                    {
                        r += couplings[l] * adjoints[(l * Width) + i];
                    }
                }

                expected[i] = r * H;
            }

            ReadOnlySpan<double> a = couplings.AsSpan(0, count);
            double[] scalar = new double[Width];
            double[] v256 = new double[Width];
            double[] v512 = new double[Width];
            StageCombinations.StageRate<ScalarLane, double>(lambda, B, a, adjoints, Width, H, scalar);
            StageCombinations.StageRate<Vector256Lane, Vector256<double>>(lambda, B, a, adjoints, Width, H, v256);
            StageCombinations.StageRate<Vector512Lane, Vector512<double>>(lambda, B, a, adjoints, Width, H, v512);

            // Exact: the scalar reverse sweep's order at every width.
            Assert.Equal(expected, scalar);
            Assert.Equal(expected, v256);
            Assert.Equal(expected, v512);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(36)]
    public void AllFinite_NonFiniteInVectorOrLeftover_FalseAtEveryWidth(int index)
    {
        double[] values = RandomValues(new MersenneTwister(23), Width);
        Assert.True(StageCombinations.AllFinite<Vector512Lane, Vector512<double>>(values));
        Assert.True(StageCombinations.AllFinite<Vector256Lane, Vector256<double>>(values));
        values[index] = double.NegativeInfinity;

        Assert.False(StageCombinations.AllFinite<ScalarLane, double>(values));
        Assert.False(StageCombinations.AllFinite<Vector256Lane, Vector256<double>>(values));
        Assert.False(StageCombinations.AllFinite<Vector512Lane, Vector512<double>>(values));
        values[index] = double.NaN;
        Assert.False(StageCombinations.AllFinite<Vector512Lane, Vector512<double>>(values));
    }

    [Theory]
    [MemberData(nameof(Tableaux))]
    public void Step_LotkaVolterraEveryLaneWidth_BitIdenticalToOneSampleStepper(string tableauName)
    {
        // 19 samples of two states stacked sample-major: 38 doubles, so every width has a leftover.
        double[] parameters = [1.5, 1.0, 1.0, 3.0];
        double[] x0 = RandomValues(new MersenneTwister(24), 38, 0.5, 1.5);
        AssertEveryWidthMatchesStepper<LotkaVolterra>(Tableau(tableauName), x0, parameters, steps: 40, horizon: 2.0);
    }

    [Theory]
    [MemberData(nameof(Tableaux))]
    public void Step_PaperModelEveryLaneWidth_BitIdenticalToOneSampleStepper(string tableauName)
    {
        // The paper problem ẋ = a·x with a = 0.5, 100 steps to t = 1, for 45 samples x0 ~ N(0, 1)-like spread.
        double[] x0 = RandomValues(new MersenneTwister(25), 45, -2.0, 2.0);
        AssertEveryWidthMatchesStepper<Decay>(Tableau(tableauName), x0, [0.5], steps: 100, horizon: 1.0);
    }

    [Theory]
    [InlineData("RK4")]
    [InlineData("ThreeEighths")]
    [InlineData("DP5")]
    public void ReverseStep_LotkaVolterraEveryLaneWidth_BitIdenticalToScalarWidth(string tableauName)
    {
        double[] parameters = [1.4, 1.1, 0.9, 3.1];
        double[] x0 = RandomValues(new MersenneTwister(26), 38, 0.5, 1.5);
        ButcherTableau tableau = Tableau(tableauName);
        (double[] lambda, double[] gradients) expected = Reverse<ScalarLane, double, LotkaVolterra>(tableau, x0, parameters, 30, 1.5);
        (double[] lambda, double[] gradients) v256 = Reverse<Vector256Lane, Vector256<double>, LotkaVolterra>(tableau, x0, parameters, 30, 1.5);
        (double[] lambda, double[] gradients) v512 = Reverse<Vector512Lane, Vector512<double>, LotkaVolterra>(tableau, x0, parameters, 30, 1.5);

        // Exact: the same reverse sweep per double at every width; the scalar width is the one-sample discrete adjoint's.
        Assert.Equal(expected.lambda, v256.lambda);
        Assert.Equal(expected.gradients, v256.gradients);
        Assert.Equal(expected.lambda, v512.lambda);
        Assert.Equal(expected.gradients, v512.gradients);
        Assert.All(expected.gradients, value => Assert.True(double.IsFinite(value) && value != 0.0));
    }

    private static void AssertEveryWidthMatchesStepper<TModel>(ButcherTableau tableau, double[] x0, double[] parameters, int steps, double horizon)
        where TModel : struct, IOdeModel<TModel>
    {
        int n = TModel.StateCount;
        OdeSolver solver = OdeSolver.Fixed(tableau, steps);
        double[] expected = new double[x0.Length];
        var stepper = new RungeKuttaStepper(solver, n);
        var system = new ModelSystem<TModel>(parameters);
        for (int offset = 0; offset < x0.Length; offset += n)
        {
            stepper.Reset(0.0, x0.AsSpan(offset, n));
            stepper.AdvanceTo(ref system, horizon, horizon, null);
            stepper.State.CopyTo(expected.AsSpan(offset, n));
        }

        // Exact: per sample the one-sample stepper's operations in its order.
        Assert.Equal(expected, Forward<ScalarLane, double, TModel>(tableau, x0, parameters, steps, horizon, null));
        Assert.Equal(expected, Forward<Vector256Lane, Vector256<double>, TModel>(tableau, x0, parameters, steps, horizon, null));
        Assert.Equal(expected, Forward<Vector512Lane, Vector512<double>, TModel>(tableau, x0, parameters, steps, horizon, null));
    }

    // Stacked samples through RungeKuttaStep at one width, the time grid of the fixed-step stepper; records Y_0 … Y_{s−1}.
    private static double[] Forward<TLane, TVector, TModel>(ButcherTableau tableau, double[] x0, double[] parameters, int steps, double horizon, double[]? record)
        where TLane : struct, ILane<TVector>
        where TVector : struct
        where TModel : struct, IOdeModel<TModel>
    {
        var method = new RungeKuttaCoefficients(tableau);
        int width = x0.Length;
        int rows = method.StageCount * width;
        double[] x = (double[])x0.Clone();
        double[] stages = new double[rows];
        double[] stageStates = new double[rows];
        var system = new LaneModelSystem<TModel>(parameters);
        double h = horizon / steps;
        double t = 0.0;
        for (int step = 1; step <= steps; step++)
        {
            Span<double> states = record is null ? stageStates : record.AsSpan((step - 1) * rows, rows);
            x.CopyTo(states);
            system.Evaluate(t, x, stages.AsSpan(0, width));
            RungeKuttaStep.Take<TLane, TVector, LaneModelSystem<TModel>>(ref system, method, t, h, x, stages, states, x);
            t = step == steps ? horizon : step * h;
        }

        return x;
    }

    // The forward solve, then λ = x_T pulled back to 0 (the gradient of ½‖x_T‖²) with per-sample θ-gradients.
    private static (double[] Lambda, double[] Gradients) Reverse<TLane, TVector, TModel>(ButcherTableau tableau, double[] x0, double[] parameters, int steps, double horizon)
        where TLane : struct, ILane<TVector>
        where TVector : struct
        where TModel : struct, IOdeModel<TModel>
    {
        var method = new RungeKuttaCoefficients(tableau);
        int width = x0.Length;
        int rows = method.StageCount * width;
        double[] record = new double[steps * rows];
        double[] lambda = Forward<TLane, TVector, TModel>(tableau, x0, parameters, steps, horizon, record);
        double[] gradients = new double[width / TModel.StateCount * TModel.ParameterCount];
        double[] rate = new double[width];
        double[] stageAdjoints = new double[rows];
        var pullBack = new StackedPullBack<TModel>(parameters, new double[TModel.ParameterCount], gradients);
        double h = horizon / steps;
        for (int step = steps - 1; step >= 0; step--)
        {
            RungeKuttaReverseStep.Take<TLane, TVector, StackedPullBack<TModel>>(
                ref pullBack, method, step * h, h, record.AsSpan(step * rows, rows), lambda, rate, stageAdjoints);
        }

        return (lambda, gradients);
    }

    private static ButcherTableau Tableau(string name) => name switch
    {
        "RK4" => Tableaus.Rk4,
        "ThreeEighths" => Tableaus.Rk4ThreeEighths,
        "Midpoint" => Tableaus.Midpoint,
        "Euler" => Tableaus.Euler,
        _ => Tableaus.DormandPrince54,
    };

    private static double[] RandomValues(MersenneTwister random, int count, double low = -1.0, double high = 1.0)
    {
        double[] values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = low + ((high - low) * random.NextDouble());
        }

        return values;
    }
}
