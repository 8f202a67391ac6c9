using System;
using System.Collections.Generic;
using NeuralOdeGen.Examples.Spiral;

namespace NeuralOdeGen.Examples.Models;

/// <summary>
/// <c>neuralode train spiral</c>: torchdiffeq's <c>examples/ode_demo.py</c>. A tanh network on <c>y³</c>
/// (<typeparamref name="TNet"/>: the demo's 2-50-2 <see cref="SpiralNet"/>, or the 2-160-160-2 <see cref="SpiralWideNet"/>
/// for <c>spiral-wide</c>) learns the spiral <c>dy/dt = (y³)A</c> from 1 000 observed points, one RMSprop step per
/// batch of sequences (<see cref="SpiralObjective"/>), solved with dopri5. The data do not come from the network, so
/// there are no true parameters: the fit is judged by the loss over the whole trajectory and by the figures.
/// </summary>
internal sealed class SpiralExample<TNet> : ExampleModel
    where TNet : struct, IOdeModel<TNet>
{
    private readonly int _defaultIterations;

    /// <param name="name">The command-line name.</param>
    /// <param name="description">The one-line description <c>neuralode models</c> prints.</param>
    /// <param name="defaultIterations">The default iteration count (2 000 for the demo's net).</param>
    public SpiralExample(string name, string description, int defaultIterations)
        : base(name, description, [], [], SpiralData.Times()[..SpiralData.BatchTime], stiffSolver: null) =>
        _defaultIterations = defaultIterations;

    public override OdeModelInfo Info => TNet.Info;

    public override Type ModelType => typeof(TNet);

    public override string DefaultSolver => "dopri5";

    public override string DefaultOptimizer => "rmsprop";

    /// <summary>Gets <c>ode_demo.py</c>'s <c>optim.RMSprop(func.parameters(), lr=1e-3)</c>.</summary>
    public override double? DefaultLearningRate => 1e-3;

    public override int DefaultIterations => _defaultIterations;

    public override int DefaultSamples => 20;

    public override int? MaxSamples => SpiralData.StartCount;

    public override bool HasTrueParameters => false;

    public override string FigureNames => "trajectory.png/.svg, phase.png/.svg";

    public override double[] InitialGuessFor(int seed) => SpiralData.InitialWeights<TNet>(seed);

    public override ITrainingObjective CreateObjective(int samples, int seed, double noise, OdeSolver solver, ISensitivityMethod sensitivity) =>
        new SpiralObjective<TNet>(SpiralData.TrueTrajectory(noise, seed + 1), samples, seed, solver, sensitivity);

    public override double[] Solve(ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, ReadOnlySpan<double> times) =>
        Dataset.Generate<TNet>(initialState, parameters, times).Targets.ToArray();

    /// <summary>The first batch's start points (iteration 0).</summary>
    public override double[] SampleInitialStates(int samples, int seed)
    {
        double[] trueTrajectory = SpiralData.TrueTrajectory();
        int[] starts = SpiralData.BatchStarts(seed, 0, samples);
        double[] states = new double[2 * samples];
        for (int i = 0; i < samples; i++)
        {
            trueTrajectory.AsSpan(2 * starts[i], 2).CopyTo(states.AsSpan(2 * i, 2));
        }

        return states;
    }

    public override void WriteFigures(string directory, double[] fitted, int seed, OdeSolver solver) =>
        SpiralPlots.Save<TNet>(SpiralData.TrueTrajectory(), fitted, solver, directory);

    /// <summary>The demo's "total loss" (<c>mean |pred − true_y|</c> over the 1 000 noise-free points) at the start and the end.</summary>
    public override IReadOnlyList<(string Measure, double Start, double Fitted)> DescribeFit(double[] start, double[] fitted)
    {
        double[] trueTrajectory = SpiralData.TrueTrajectory();
        return
        [
            ("full-trajectory loss mean|y(t)-y_true(t)| from (2, 0), 1 000 points",
                SpiralData.FullTrajectoryLoss<TNet>(trueTrajectory, start, SpiralData.TruthSolver),
                SpiralData.FullTrajectoryLoss<TNet>(trueTrajectory, fitted, SpiralData.TruthSolver)),
        ];
    }
}
