using System;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Random;
using NeuralOdeGen.Benchmarks.HandDerived;

namespace NeuralOdeGen.Benchmarks;

/// <summary>
/// One training iteration of torchdiffeq's spiral demo (<see cref="SpiralDemo"/>): the gradient of the batch loss
/// (20 sequences × 10 times, mean absolute error, dopri5 rtol 1e-7 atol 1e-9) plus one RMSprop step, from the same
/// initial weights every call. The discrete adjoint is the counterpart of torchdiffeq's backpropagation through the
/// solver, the continuous adjoint of <c>odeint_adjoint</c>. torchdiffeq solves the batch as one 40-dimensional system
/// with shared steps; the runtime solves every sequence on its own, with its own steps (the *OneSystem benchmarks
/// solve the batch torchdiffeq's way, as the 40-dimensional <see cref="HandSpiralBatch"/>). The Generated* benchmarks
/// run the same iterations with the generator's <see cref="Models.SpiralNet"/> (a plain C# method with a loop) instead
/// of the hand-written, hand-vectorised <see cref="HandSpiralNet"/>; the Generated*Shared* ones let the 20 sequences
/// share one step sequence in vector lanes (<see cref="StepSharing.PerGroup"/>), torchdiffeq's way. Also the networks
/// alone, per call.
/// </summary>
[MemoryDiagnoser]
public class SpiralDemoBenchmarks
{
    private readonly double[] _state = [1.3, -0.7];
    private readonly double[] _cotangent = [0.4, -1.1];
    private readonly double[] _rate = new double[2];
    private readonly double[] _stateAdjoint = new double[2];
    private readonly double[] _parameterAdjoint = new double[HandSpiralNet.ParameterCount];
    private double[] _initial = null!;
    private double[] _theta = null!;
    private Iteration _discreteOneThread = null!;
    private Iteration _discreteAllCores = null!;
    private Iteration _continuousOneThread = null!;
    private Iteration _continuousAllCores = null!;
    private Iteration<HandSpiralBatch> _discreteOneSystem = null!;
    private Iteration<HandSpiralBatch> _continuousOneSystem = null!;
    private Iteration<Models.SpiralNet> _generatedDiscreteOneThread = null!;
    private Iteration<Models.SpiralNet> _generatedDiscreteAllCores = null!;
    private Iteration<Models.SpiralNet> _generatedContinuousOneThread = null!;
    private Iteration<Models.SpiralNet> _generatedContinuousAllCores = null!;
    private Iteration<Models.SpiralNet> _generatedDiscreteSharedOneThread = null!;
    private Iteration<Models.SpiralNet> _generatedContinuousSharedOneThread = null!;

    [GlobalSetup]
    public void Setup()
    {
        _initial = SpiralDemo.InitialWeights(SpiralDemo.WeightSeed);
        _theta = (double[])_initial.Clone();
        SpiralNetCheck.ThrowIfDerivativesDisagree(_initial);
        Dataset batch = SpiralDemo.Batch(SpiralDemo.TrueTrajectory(), SpiralDemo.BatchStarts(new MersenneTwister(SpiralDemo.BatchSeed)));
        _discreteOneThread = new Iteration(batch, new DiscreteAdjoint(), 1);
        _discreteAllCores = new Iteration(batch, new DiscreteAdjoint(), null);
        _continuousOneThread = new Iteration(batch, new ContinuousAdjoint(), 1);
        _continuousAllCores = new Iteration(batch, new ContinuousAdjoint(), null);
        SpiralNetCheck.ThrowIfGradientsDisagree(batch, _initial, _discreteOneThread.Problem, _continuousOneThread.Problem);
        Console.WriteLine(SpiralDemo.DescribeWork(batch, _initial, _discreteOneThread.Problem, _continuousOneThread.Problem));

        Dataset oneSystem = SpiralDemo.AsOneSystem(batch);
        _discreteOneSystem = new Iteration<HandSpiralBatch>(oneSystem, new DiscreteAdjoint(), 1);
        _continuousOneSystem = new Iteration<HandSpiralBatch>(oneSystem, new ContinuousAdjoint(), 1);
        SpiralNetCheck.ThrowIfGradientsDisagree(oneSystem, _initial, _discreteOneSystem.Problem, _continuousOneSystem.Problem);
        Console.WriteLine(SpiralDemo.DescribeWork("of the 40-dimensional system", oneSystem, _initial, _discreteOneSystem.Problem, _continuousOneSystem.Problem));

        _generatedDiscreteOneThread = new Iteration<Models.SpiralNet>(batch, new DiscreteAdjoint(), 1);
        _generatedDiscreteAllCores = new Iteration<Models.SpiralNet>(batch, new DiscreteAdjoint(), null);
        _generatedContinuousOneThread = new Iteration<Models.SpiralNet>(batch, new ContinuousAdjoint(), 1);
        _generatedContinuousAllCores = new Iteration<Models.SpiralNet>(batch, new ContinuousAdjoint(), null);
        SpiralNetCheck.ThrowIfGradientsDisagree(batch, _initial, _generatedDiscreteOneThread.Problem, _generatedContinuousOneThread.Problem);

        // The batch of 20 sequences sharing one dopri5 step sequence in vector lanes (StepSharing.PerGroup), as torchdiffeq
        // solves it: each sequence still meets its own tolerance, with the group's (smaller) steps.
        _generatedDiscreteSharedOneThread = new Iteration<Models.SpiralNet>(batch, new DiscreteAdjoint(StepSharing.PerGroup), 1);
        _generatedContinuousSharedOneThread = new Iteration<Models.SpiralNet>(batch, new ContinuousAdjoint(StepSharing.PerGroup), 1);

        // The batch engine parallelises over fixed blocks of samples (8 for a small dataset).
        Console.WriteLine($"// Spiral all-cores problems: {_discreteAllCores.Problem.DegreeOfParallelism} worker(s) for {batch.SampleCount} samples on {Environment.ProcessorCount} cores");
    }

    [Benchmark(Baseline = true)]
    public double DiscreteOneThread() => _discreteOneThread.Run(_initial, _theta);

    [Benchmark]
    public double DiscreteAllCores() => _discreteAllCores.Run(_initial, _theta);

    [Benchmark]
    public double ContinuousOneThread() => _continuousOneThread.Run(_initial, _theta);

    [Benchmark]
    public double ContinuousAllCores() => _continuousAllCores.Run(_initial, _theta);

    [Benchmark]
    public double DiscreteOneSystem() => _discreteOneSystem.Run(_initial, _theta);

    [Benchmark]
    public double ContinuousOneSystem() => _continuousOneSystem.Run(_initial, _theta);

    [Benchmark]
    public double GeneratedDiscreteOneThread() => _generatedDiscreteOneThread.Run(_initial, _theta);

    [Benchmark]
    public double GeneratedDiscreteAllCores() => _generatedDiscreteAllCores.Run(_initial, _theta);

    [Benchmark]
    public double GeneratedContinuousOneThread() => _generatedContinuousOneThread.Run(_initial, _theta);

    [Benchmark]
    public double GeneratedContinuousAllCores() => _generatedContinuousAllCores.Run(_initial, _theta);

    [Benchmark]
    public double GeneratedDiscreteSharedOneThread() => _generatedDiscreteSharedOneThread.Run(_initial, _theta);

    [Benchmark]
    public double GeneratedContinuousSharedOneThread() => _generatedContinuousSharedOneThread.Run(_initial, _theta);

    [Benchmark]
    public double GeneratedNetEvaluate()
    {
        Models.SpiralNet.Evaluate(0.0, _state, _initial, _rate);
        return _rate[0];
    }

    [Benchmark]
    public double GeneratedNetVectorJacobianProduct()
    {
        Models.SpiralNet.VectorJacobianProduct(0.0, _state, _initial, _cotangent, _stateAdjoint, _parameterAdjoint);
        return _parameterAdjoint[0];
    }

    [Benchmark]
    public double NetEvaluate()
    {
        HandSpiralNet.Evaluate(0.0, _state, _initial, _rate);
        return _rate[0];
    }

    [Benchmark]
    public double NetVectorJacobianProduct()
    {
        HandSpiralNet.VectorJacobianProduct(0.0, _state, _initial, _cotangent, _stateAdjoint, _parameterAdjoint);
        return _parameterAdjoint[0];
    }

    internal static ISensitivityMethod MethodByName(string name) => name switch
    {
        "Discrete" => new DiscreteAdjoint(),
        "Continuous" => new ContinuousAdjoint(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Expected Discrete or Continuous."),
    };

    // A problem and its optimizer; every call restarts from the initial weights so that each measures the same work.
    // SpiralWideBenchmarks runs its wide net through it too.
    internal class Iteration<TModel>(Dataset batch, ISensitivityMethod method, int? threads)
        where TModel : struct, IOdeModel<TModel>
    {
        private readonly RmsProp _optimizer = new(SpiralDemo.LearningRate);

        public TrajectoryMaeProblem<TModel> Problem { get; } = new(batch, SpiralDemo.Solver, method, threads);

        public double Run(double[] initial, double[] theta)
        {
            initial.CopyTo(theta, 0);
            GradientResult result = Problem.Gradient(theta);
            _optimizer.Step(theta, result.Gradient, new OptimizerContext(result.Loss, result.Horizon, TModel.StateCount, result.TerminalStates, [], null));
            return theta[0];
        }
    }

    private sealed class Iteration(Dataset batch, ISensitivityMethod method, int? threads)
        : Iteration<HandSpiralNet>(batch, method, threads);
}
