using System;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Examples.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// One training iteration of the spiral demo (<see cref="SpiralDemo"/>: the same batch of 20 sequences × 10 times, mean
/// absolute error, dopri5 rtol 1e-7 atol 1e-9, one RMSprop step) with <c>neuralode train spiral-wide</c>'s 2-160-160-2
/// tanh network (<see cref="SpiralWideNet"/>, 26 562 weights, compiled from the examples' source file): the generated
/// loop-path members (reverse-mode loops for the VJP) at the size issue #11 asks for. Every call restarts from the same
/// initial weights (N(0, 0.1), biases 0), so each measures the same work. The *Shared* benchmarks let the 20 sequences
/// share one adaptive step sequence in vector lanes (<see cref="StepSharing.PerGroup"/>), as torchdiffeq's batch does;
/// without generated lane members the runtime falls back to solving the sequences one by one.
/// </summary>
[MemoryDiagnoser]
public class SpiralWideBenchmarks
{
    private double[] _initial = null!;
    private double[] _theta = null!;
    private SpiralDemoBenchmarks.Iteration<SpiralWideNet> _discrete = null!;
    private SpiralDemoBenchmarks.Iteration<SpiralWideNet> _continuous = null!;
    private SpiralDemoBenchmarks.Iteration<SpiralWideNet> _discreteShared = null!;
    private SpiralDemoBenchmarks.Iteration<SpiralWideNet> _continuousShared = null!;

    [GlobalSetup]
    public void Setup()
    {
        _initial = InitialWeights(SpiralDemo.WeightSeed);
        _theta = (double[])_initial.Clone();
        Dataset batch = SpiralDemo.Batch(SpiralDemo.TrueTrajectory(), SpiralDemo.BatchStarts(new MersenneTwister(SpiralDemo.BatchSeed)));
        _discrete = new SpiralDemoBenchmarks.Iteration<SpiralWideNet>(batch, new DiscreteAdjoint(), 1);
        _continuous = new SpiralDemoBenchmarks.Iteration<SpiralWideNet>(batch, new ContinuousAdjoint(), 1);
        _discreteShared = new SpiralDemoBenchmarks.Iteration<SpiralWideNet>(batch, new DiscreteAdjoint(StepSharing.PerGroup), 1);
        _continuousShared = new SpiralDemoBenchmarks.Iteration<SpiralWideNet>(batch, new ContinuousAdjoint(StepSharing.PerGroup), 1);
        Console.WriteLine($"// 2-160-160-2 net: generated lane members {HasVectorLanes<SpiralWideNet>()}");
        Console.WriteLine(SpiralDemo.DescribeWork("of the 2-160-160-2 net", batch, _initial, _discrete.Problem, _continuous.Problem));
    }

    [Benchmark(Baseline = true)]
    public double DiscreteOneThread() => _discrete.Run(_initial, _theta);

    [Benchmark]
    public double ContinuousOneThread() => _continuous.Run(_initial, _theta);

    [Benchmark]
    public double DiscreteSharedOneThread() => _discreteShared.Run(_initial, _theta);

    [Benchmark]
    public double ContinuousSharedOneThread() => _continuousShared.Run(_initial, _theta);

    private static bool HasVectorLanes<TModel>()
        where TModel : struct, IOdeModel<TModel> => TModel.HasVectorLanes;

    /// <summary>Weights (parameters whose block name starts with <c>w</c>) from N(0, 0.1) in parameter order, biases 0.</summary>
    private static double[] InitialWeights(int seed)
    {
        var normal = new Normal(0.0, SpiralDemo.InitialWeightStandardDeviation, new MersenneTwister(seed));
        double[] theta = new double[SpiralWideNet.ParameterCount];
        for (int k = 0; k < theta.Length; k++)
        {
            theta[k] = SpiralWideNet.Info.ParameterNames[k].StartsWith('w') ? normal.Sample() : 0.0;
        }

        return theta;
    }
}
