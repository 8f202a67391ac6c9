using System;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NeuralOdeGen.Benchmarks.HandDerived;
using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// The lane members of a model whose loops are kept (issue #11 item 4) against its scalar members, per sample: the spiral
/// demo's 2-50-2 net in loop form (<see cref="SpiralLoopNet"/>), beside the hand-written <see cref="HandSpiralNet"/> (the
/// baseline) and the unrolled generated <see cref="SpiralNet"/> (scalar and lanes); and DESIGN §3a's 32-256-256-32 MLP
/// (<see cref="LatentLoopMlp"/>). The lane members take blocks of <see cref="BlockVectors"/> vectors, as the runtime's
/// groups of 128 samples; every time is per sample (<c>OperationsPerInvoke</c>).
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class LoopLaneBenchmarks
{
    public const int SpiralSamples = 1024;
    public const int LatentSamples = 128;
    public const int BlockVectors = 32;
    private const int Lanes = 4;
    private const int BlockSamples = BlockVectors * Lanes;

    private readonly double[] _spiralOutput = new double[2 + SpiralLoopNet.ParameterCount];
    private readonly double[] _latentOutput = new double[LatentLoopMlp.StateCount + LatentLoopMlp.ParameterCount];
    private double[] _spiralParameters = [];
    private double[] _spiralStates = [];
    private double[] _spiralCotangents = [];
    private Vector256<double>[] _spiralStateBlocks = [];
    private Vector256<double>[] _spiralCotangentBlocks = [];
    private Vector256<double>[] _spiralRates = [];
    private Vector256<double>[] _spiralStateAdjoints = [];
    private Vector256<double>[] _spiralParameterAdjoints = [];
    private double[] _latentParameters = [];
    private double[] _latentStates = [];
    private double[] _latentCotangents = [];
    private Vector256<double>[] _latentStateBlocks = [];
    private Vector256<double>[] _latentCotangentBlocks = [];
    private Vector256<double>[] _latentRates = [];
    private Vector256<double>[] _latentStateAdjoints = [];
    private Vector256<double>[] _latentParameterAdjoints = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261205);
        _spiralParameters = Fill(random, SpiralLoopNet.ParameterCount, 0.1);
        _spiralStates = Fill(random, 2 * SpiralSamples, 1.5);
        _spiralCotangents = Fill(random, 2 * SpiralSamples, 1.0);
        _spiralStateBlocks = Blocks(_spiralStates, 2);
        _spiralCotangentBlocks = Blocks(_spiralCotangents, 2);
        _spiralRates = new Vector256<double>[2 * BlockVectors];
        _spiralStateAdjoints = new Vector256<double>[2 * BlockVectors];
        _spiralParameterAdjoints = new Vector256<double>[SpiralLoopNet.ParameterCount * BlockVectors];

        int n = LatentLoopMlp.StateCount;
        _latentParameters = Fill(random, LatentLoopMlp.ParameterCount, 0.1);
        _latentStates = Fill(random, n * LatentSamples, 1.0);
        _latentCotangents = Fill(random, n * LatentSamples, 1.0);
        _latentStateBlocks = Blocks(_latentStates, n);
        _latentCotangentBlocks = Blocks(_latentCotangents, n);
        _latentRates = new Vector256<double>[n * BlockVectors];
        _latentStateAdjoints = new Vector256<double>[n * BlockVectors];
        _latentParameterAdjoints = new Vector256<double>[LatentLoopMlp.ParameterCount * BlockVectors];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SpiralSamples), BenchmarkCategory("Spiral.Evaluate")]
    public double SpiralEvaluateHand() => Evaluate<HandSpiralNet>(_spiralStates, _spiralParameters, _spiralOutput);

    [Benchmark(OperationsPerInvoke = SpiralSamples), BenchmarkCategory("Spiral.Evaluate")]
    public double SpiralEvaluateUnrolled() => Evaluate<SpiralNet>(_spiralStates, _spiralParameters, _spiralOutput);

    [Benchmark(OperationsPerInvoke = SpiralSamples), BenchmarkCategory("Spiral.Evaluate")]
    public double SpiralEvaluateUnrolledLanes() => EvaluateLanes<SpiralNet>(_spiralStateBlocks, _spiralParameters, _spiralRates);

    [Benchmark(OperationsPerInvoke = SpiralSamples), BenchmarkCategory("Spiral.Evaluate")]
    public double SpiralEvaluateLoops() => Evaluate<SpiralLoopNet>(_spiralStates, _spiralParameters, _spiralOutput);

    [Benchmark(OperationsPerInvoke = SpiralSamples), BenchmarkCategory("Spiral.Evaluate")]
    public double SpiralEvaluateLoopLanes() => EvaluateLanes<SpiralLoopNet>(_spiralStateBlocks, _spiralParameters, _spiralRates);

    [Benchmark(Baseline = true, OperationsPerInvoke = SpiralSamples), BenchmarkCategory("Spiral.VectorJacobianProduct")]
    public double SpiralVjpHand() => Vjp<HandSpiralNet>(_spiralStates, _spiralCotangents, _spiralParameters, _spiralOutput);

    [Benchmark(OperationsPerInvoke = SpiralSamples), BenchmarkCategory("Spiral.VectorJacobianProduct")]
    public double SpiralVjpUnrolled() => Vjp<SpiralNet>(_spiralStates, _spiralCotangents, _spiralParameters, _spiralOutput);

    [Benchmark(OperationsPerInvoke = SpiralSamples), BenchmarkCategory("Spiral.VectorJacobianProduct")]
    public double SpiralVjpUnrolledLanes() =>
        VjpLanes<SpiralNet>(_spiralStateBlocks, _spiralCotangentBlocks, _spiralParameters, _spiralStateAdjoints, _spiralParameterAdjoints);

    [Benchmark(OperationsPerInvoke = SpiralSamples), BenchmarkCategory("Spiral.VectorJacobianProduct")]
    public double SpiralVjpLoops() => Vjp<SpiralLoopNet>(_spiralStates, _spiralCotangents, _spiralParameters, _spiralOutput);

    [Benchmark(OperationsPerInvoke = SpiralSamples), BenchmarkCategory("Spiral.VectorJacobianProduct")]
    public double SpiralVjpLoopLanes() =>
        VjpLanes<SpiralLoopNet>(_spiralStateBlocks, _spiralCotangentBlocks, _spiralParameters, _spiralStateAdjoints, _spiralParameterAdjoints);

    [Benchmark(Baseline = true, OperationsPerInvoke = LatentSamples), BenchmarkCategory("Latent.Evaluate")]
    public double LatentEvaluateLoops() => Evaluate<LatentLoopMlp>(_latentStates, _latentParameters, _latentOutput);

    [Benchmark(OperationsPerInvoke = LatentSamples), BenchmarkCategory("Latent.Evaluate")]
    public double LatentEvaluateLoopLanes() => EvaluateLanes<LatentLoopMlp>(_latentStateBlocks, _latentParameters, _latentRates);

    [Benchmark(Baseline = true, OperationsPerInvoke = LatentSamples), BenchmarkCategory("Latent.VectorJacobianProduct")]
    public double LatentVjpLoops() => Vjp<LatentLoopMlp>(_latentStates, _latentCotangents, _latentParameters, _latentOutput);

    [Benchmark(OperationsPerInvoke = LatentSamples), BenchmarkCategory("Latent.VectorJacobianProduct")]
    public double LatentVjpLoopLanes() =>
        VjpLanes<LatentLoopMlp>(_latentStateBlocks, _latentCotangentBlocks, _latentParameters, _latentStateAdjoints, _latentParameterAdjoints);

    private static double Evaluate<T>(double[] states, double[] parameters, double[] output)
        where T : struct, IOdeModel<T>
    {
        int n = T.StateCount;
        Span<double> rate = output.AsSpan(0, n);
        double checksum = 0.0;
        for (int i = 0; i < states.Length / n; i++)
        {
            T.Evaluate(0.0, states.AsSpan(i * n, n), parameters, rate);
            checksum += rate[0];
        }

        return checksum;
    }

    private static double Vjp<T>(double[] states, double[] cotangents, double[] parameters, double[] output)
        where T : struct, IOdeModel<T>
    {
        int n = T.StateCount;
        Span<double> vjx = output.AsSpan(0, n);
        Span<double> vjp = output.AsSpan(n, T.ParameterCount);
        double checksum = 0.0;
        for (int i = 0; i < states.Length / n; i++)
        {
            T.VectorJacobianProduct(0.0, states.AsSpan(i * n, n), parameters, cotangents.AsSpan(i * n, n), vjx, vjp);
            checksum += vjx[^1] + vjp[^1];
        }

        return checksum;
    }

    private static double EvaluateLanes<T>(Vector256<double>[] blocks, double[] parameters, Vector256<double>[] rates)
        where T : struct, IOdeModel<T>
    {
        int length = T.StateCount * BlockVectors;
        double checksum = 0.0;
        for (int start = 0; start < blocks.Length; start += length)
        {
            T.EvaluateLanes(0.0, blocks.AsSpan(start, length), parameters, rates);
            checksum += rates[0].GetElement(0);
        }

        return checksum;
    }

    private static double VjpLanes<T>(
        Vector256<double>[] blocks, Vector256<double>[] cotangents, double[] parameters, Vector256<double>[] stateAdjoints, Vector256<double>[] parameterAdjoints)
        where T : struct, IOdeModel<T>
    {
        int length = T.StateCount * BlockVectors;
        double checksum = 0.0;
        for (int start = 0; start < blocks.Length; start += length)
        {
            T.VectorJacobianProductLanes(0.0, blocks.AsSpan(start, length), parameters, cotangents.AsSpan(start, length), stateAdjoints, parameterAdjoints);
            checksum += stateAdjoints[^1].GetElement(3) + parameterAdjoints[^1].GetElement(3);
        }

        return checksum;
    }

    private static double[] Fill(Random random, int length, double scale)
    {
        double[] values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = scale * ((2.0 * random.NextDouble()) - 1.0);
        }

        return values;
    }

    /// <summary>Samples (n values each) packed into component-major blocks of <see cref="BlockVectors"/> vectors, one after another.</summary>
    private static Vector256<double>[] Blocks(double[] samples, int n)
    {
        int count = samples.Length / n;
        var blocks = new Vector256<double>[samples.Length / Lanes];
        for (int block = 0; block < count / BlockSamples; block++)
        {
            for (int k = 0; k < BlockVectors; k++)
            {
                for (int i = 0; i < n; i++)
                {
                    int first = (block * BlockSamples) + (k * Lanes);
                    blocks[(block * n * BlockVectors) + (i * BlockVectors) + k] = Vector256.Create(
                        samples[(first * n) + i], samples[((first + 1) * n) + i], samples[((first + 2) * n) + i], samples[((first + 3) * n) + i]);
                }
            }
        }

        return blocks;
    }
}
