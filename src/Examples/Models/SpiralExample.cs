using System;
using System.Collections.Generic;
using NeuralOdeGen.Examples.Spiral;

namespace NeuralOdeGen.Examples.Models;

/// <summary>
/// <c>neuralode train spiral</c>: torchdiffeq's <c>examples/ode_demo.py</c>. A 2-50-2 tanh network on <c>y³</c>
/// (<see cref="SpiralNet"/>) learns the spiral <c>dy/dt = (y³)A</c> from 1 000 observed points, one RMSprop step per
/// batch of sequences (<see cref="SpiralObjective"/>), solved with dopri5. The data do not come from the network, so
/// there are no true parameters: the fit is judged by the loss over the whole trajectory and by the figures.
/// </summary>
internal sealed class SpiralExample : ExampleModel
{
    public SpiralExample()
        : base(
            "spiral",
            "torchdiffeq's ode_demo.py: a 2-50-2 tanh network learns dy/dt = (y^3)A from 1 000 points of the true spiral, batches of 20 sequences x 10 points.",
            [],
            [],
            SpiralData.Times()[..SpiralData.BatchTime],
            stiffSolver: null)
    {
    }

    public override OdeModelInfo Info => SpiralNet.Info;

    public override Type ModelType => typeof(SpiralNet);

    public override string DefaultSolver => "dopri5";

    public override string DefaultOptimizer => "rmsprop";

    /// <summary>Gets <c>ode_demo.py</c>'s <c>optim.RMSprop(func.parameters(), lr=1e-3)</c>.</summary>
    public override double? DefaultLearningRate => 1e-3;

    public override int DefaultIterations => 2_000;

    public override int DefaultSamples => 20;

    public override int? MaxSamples => SpiralData.StartCount;

    public override bool HasTrueParameters => false;

    public override string FigureNames => "trajectory.png/.svg, phase.png/.svg";

    public override double[] InitialGuessFor(int seed) => SpiralData.InitialWeights(seed);

    public override ITrainingObjective CreateObjective(int samples, int seed, double noise, OdeSolver solver, ISensitivityMethod sensitivity) =>
        new SpiralObjective(SpiralData.TrueTrajectory(noise, seed + 1), samples, seed, solver, sensitivity);

    public override double[] Solve(ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, ReadOnlySpan<double> times) =>
        Dataset.Generate<SpiralNet>(initialState, parameters, times).Targets.ToArray();

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
        SpiralPlots.Save(SpiralData.TrueTrajectory(), fitted, solver, directory);

    /// <summary>The demo's "total loss" (<c>mean |pred − true_y|</c> over the 1 000 noise-free points) at the start and the end.</summary>
    public override IReadOnlyList<(string Measure, double Start, double Fitted)> DescribeFit(double[] start, double[] fitted)
    {
        double[] trueTrajectory = SpiralData.TrueTrajectory();
        return
        [
            ("full-trajectory loss mean|y(t)-y_true(t)| from (2, 0), 1 000 points",
                SpiralData.FullTrajectoryLoss(trueTrajectory, start, SpiralData.TruthSolver),
                SpiralData.FullTrajectoryLoss(trueTrajectory, fitted, SpiralData.TruthSolver)),
        ];
    }
}
