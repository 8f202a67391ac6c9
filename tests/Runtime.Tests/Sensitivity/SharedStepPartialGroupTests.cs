using System;
using System.Runtime.Intrinsics;
using System.Threading;
using MathNet.Numerics.Random;
using NeuralOdeGen.Runtime.Tests.Models;
using Xunit;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// A shared-step group (<see cref="StepSharing.PerGroup"/>) integrates only the lane vectors its samples fill. It used to
/// integrate all 32 vectors of a full group whatever its size, the spare lanes holding copies of its last sample: the
/// 20-sequence spiral batch ran 13–15× slower with shared steps than one sequence at a time. The test model records the
/// widest block the lane members were asked for; the gradient must still be ẋ = a·x's closed form.
/// </summary>
public sealed class SharedStepPartialGroupTests
{
    [Theory]
    [InlineData("Discrete", 3, 1)]
    [InlineData("Continuous", 3, 1)]
    [InlineData("Discrete", 20, 2)]
    [InlineData("Continuous", 20, 2)]
    [InlineData("Discrete", 300, 32)]
    [InlineData("Continuous", 300, 32)]
    public void Gradient_PerGroup_IntegratesOnlyTheVectorsTheGroupFills(string method, int samples, int widestBlock)
    {
        // Datasets under 256 samples are summed in blocks of 8 samples (2 vectors), larger ones in blocks of 128 (32):
        // 3 samples fill one vector, 20 fill blocks of 2, 2, 1 vectors, 300 blocks of 32, 32 and 11.
        const double A = -0.8;
        const double Horizon = 1.5;
        double[] x0 = new double[samples];
        var random = new MersenneTwister(3);
        for (int i = 0; i < samples; i++)
        {
            x0[i] = 0.5 + random.NextDouble();
        }

        double[] targets = new double[samples];
        Dataset data = Dataset.Terminal(1, x0, targets, Horizon);
        ISensitivityMethod sensitivity = method == "Discrete" ? new DiscreteAdjoint(StepSharing.PerGroup) : new ContinuousAdjoint(StepSharing.PerGroup);
        var problem = new TerminalProblem<BlockRecordingDecay>(data, OdeSolver.Dopri5(1e-10, 1e-10), sensitivity, maxDegreeOfParallelism: 1);

        BlockRecordingDecay.WidestBlock = 0;
        GradientResult result = problem.Gradient([A]);

        Assert.Equal(widestBlock, BlockRecordingDecay.WidestBlock);

        // L = mean ½ x(T)² with x(T) = e^{aT} x0: dL/da = mean T e^{2aT} x0². Tolerance: dopri5 at 1e-10 over about 20 steps,
        // a relative 1e-7 is ample; the copies of a padded lane would not change this, the widths above say they are gone.
        double expected = 0.0;
        foreach (double x in x0)
        {
            expected += Horizon * Math.Exp(2.0 * A * Horizon) * x * x;
        }

        expected /= samples;
        Assert.Equal(expected, result.Gradient[0], 1e-7 * Math.Abs(expected));
    }

    /// <summary><c>ẋ = a·x</c> with lane members that record the widest block (in vectors) they were called with.</summary>
    private struct BlockRecordingDecay : IOdeModel<BlockRecordingDecay>
    {
        private static int _widestBlock;

        public static int WidestBlock
        {
            get => Volatile.Read(ref _widestBlock);
            set => Volatile.Write(ref _widestBlock, value);
        }

        public static int StateCount => 1;

        public static int ParameterCount => 1;

        public static OdeModelInfo Info { get; } = new("BlockRecordingDecay", ["x"], ["a"], null, ["a*x"], ["a"], ["x"]);

        public static bool HasVectorLanes => true;

        // The scalar members are the paper model's (Models.Decay); only the lane members are this type's own.
        public static void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => Decay.Evaluate(t, x, p, dxdt);

        public static void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => Decay.StateJacobian(t, x, p, jx);

        public static void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => Decay.ParameterJacobian(t, x, p, jp);

        public static void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp) =>
            Decay.VectorJacobianProduct(t, x, p, v, vjx, vjp);

        public static void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
            Decay.JacobianVectorProduct(t, x, p, dx, dp, df);

        public static void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => Decay.EvaluateDual(t, x, p, dxdt);

        public static void EvaluateLanes(double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, Span<Vector256<double>> dxdt)
        {
            Record(x.Length);
            Vector256<double> a = Vector256.Create(p[0]);
            for (int k = 0; k < x.Length; k++)
            {
                dxdt[k] = a * x[k];
            }
        }

        public static void VectorJacobianProductLanes(
            double t, ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<double> p, ReadOnlySpan<Vector256<double>> v, Span<Vector256<double>> vjx, Span<Vector256<double>> vjp)
        {
            Record(x.Length);
            Vector256<double> a = Vector256.Create(p[0]);
            for (int k = 0; k < x.Length; k++)
            {
                vjx[k] = v[k] * a;
                vjp[k] = v[k] * x[k];
            }
        }

        private static void Record(int vectors)
        {
            if (vectors > WidestBlock)
            {
                WidestBlock = vectors;
            }
        }
    }
}
