using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NeuralOdeGen.Benchmarks.HandDerived;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// Generated versus hand-derived <c>StateJacobian</c>, <c>ParameterJacobian</c> and <c>VectorJacobianProduct</c>
/// on three models. Each invocation evaluates <see cref="PointCount"/> different states; times are per call, and
/// the Ratio column is generated ÷ hand-derived within each category.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class DerivativeBenchmarks
{
    public const int PointCount = 1024;

    private static readonly double[] DecayParameters = [-0.7];
    private static readonly double[] LotkaVolterraParameters = [1.5, 1.0, 1.0, 3.0];
    private static readonly double[] PendulumParameters = [0.3, 9.81];

    private readonly double[] _output = new double[16];
    private double[] _states1 = [];
    private double[] _cotangents1 = [];
    private double[] _states2 = [];
    private double[] _cotangents2 = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261128);
        _states1 = Fill(random, PointCount, -2.0, 2.0);
        _cotangents1 = Fill(random, PointCount, -1.0, 1.0);
        _states2 = Fill(random, 2 * PointCount, 0.2, 3.0);
        _cotangents2 = Fill(random, 2 * PointCount, -1.0, 1.0);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount), BenchmarkCategory("Decay.StateJacobian")]
    public double DecayStateJacobianHand() => DerivativeLoops.StateJacobian<HandDecay>(_states1, DecayParameters, _output);

    [Benchmark(OperationsPerInvoke = PointCount), BenchmarkCategory("Decay.StateJacobian")]
    public double DecayStateJacobianGenerated() => DerivativeLoops.StateJacobian<Decay>(_states1, DecayParameters, _output);

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount), BenchmarkCategory("Decay.ParameterJacobian")]
    public double DecayParameterJacobianHand() => DerivativeLoops.ParameterJacobian<HandDecay>(_states1, DecayParameters, _output);

    [Benchmark(OperationsPerInvoke = PointCount), BenchmarkCategory("Decay.ParameterJacobian")]
    public double DecayParameterJacobianGenerated() => DerivativeLoops.ParameterJacobian<Decay>(_states1, DecayParameters, _output);

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount), BenchmarkCategory("Decay.VectorJacobianProduct")]
    public double DecayVjpHand() => DerivativeLoops.VectorJacobianProduct<HandDecay>(_states1, _cotangents1, DecayParameters, _output);

    [Benchmark(OperationsPerInvoke = PointCount), BenchmarkCategory("Decay.VectorJacobianProduct")]
    public double DecayVjpGenerated() => DerivativeLoops.VectorJacobianProduct<Decay>(_states1, _cotangents1, DecayParameters, _output);

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount), BenchmarkCategory("LotkaVolterra.StateJacobian")]
    public double LotkaVolterraStateJacobianHand() => DerivativeLoops.StateJacobian<HandLotkaVolterra>(_states2, LotkaVolterraParameters, _output);

    [Benchmark(OperationsPerInvoke = PointCount), BenchmarkCategory("LotkaVolterra.StateJacobian")]
    public double LotkaVolterraStateJacobianGenerated() => DerivativeLoops.StateJacobian<LotkaVolterra>(_states2, LotkaVolterraParameters, _output);

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount), BenchmarkCategory("LotkaVolterra.ParameterJacobian")]
    public double LotkaVolterraParameterJacobianHand() => DerivativeLoops.ParameterJacobian<HandLotkaVolterra>(_states2, LotkaVolterraParameters, _output);

    [Benchmark(OperationsPerInvoke = PointCount), BenchmarkCategory("LotkaVolterra.ParameterJacobian")]
    public double LotkaVolterraParameterJacobianGenerated() => DerivativeLoops.ParameterJacobian<LotkaVolterra>(_states2, LotkaVolterraParameters, _output);

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount), BenchmarkCategory("LotkaVolterra.VectorJacobianProduct")]
    public double LotkaVolterraVjpHand() => DerivativeLoops.VectorJacobianProduct<HandLotkaVolterra>(_states2, _cotangents2, LotkaVolterraParameters, _output);

    [Benchmark(OperationsPerInvoke = PointCount), BenchmarkCategory("LotkaVolterra.VectorJacobianProduct")]
    public double LotkaVolterraVjpGenerated() => DerivativeLoops.VectorJacobianProduct<LotkaVolterra>(_states2, _cotangents2, LotkaVolterraParameters, _output);

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount), BenchmarkCategory("Pendulum.StateJacobian")]
    public double PendulumStateJacobianHand() => DerivativeLoops.StateJacobian<HandPendulum>(_states2, PendulumParameters, _output);

    [Benchmark(OperationsPerInvoke = PointCount), BenchmarkCategory("Pendulum.StateJacobian")]
    public double PendulumStateJacobianGenerated() => DerivativeLoops.StateJacobian<Pendulum>(_states2, PendulumParameters, _output);

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount), BenchmarkCategory("Pendulum.ParameterJacobian")]
    public double PendulumParameterJacobianHand() => DerivativeLoops.ParameterJacobian<HandPendulum>(_states2, PendulumParameters, _output);

    [Benchmark(OperationsPerInvoke = PointCount), BenchmarkCategory("Pendulum.ParameterJacobian")]
    public double PendulumParameterJacobianGenerated() => DerivativeLoops.ParameterJacobian<Pendulum>(_states2, PendulumParameters, _output);

    [Benchmark(Baseline = true, OperationsPerInvoke = PointCount), BenchmarkCategory("Pendulum.VectorJacobianProduct")]
    public double PendulumVjpHand() => DerivativeLoops.VectorJacobianProduct<HandPendulum>(_states2, _cotangents2, PendulumParameters, _output);

    [Benchmark(OperationsPerInvoke = PointCount), BenchmarkCategory("Pendulum.VectorJacobianProduct")]
    public double PendulumVjpGenerated() => DerivativeLoops.VectorJacobianProduct<Pendulum>(_states2, _cotangents2, PendulumParameters, _output);

    private static double[] Fill(Random random, int count, double low, double high)
    {
        double[] values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = low + ((high - low) * random.NextDouble());
        }

        return values;
    }
}
