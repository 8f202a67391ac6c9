using System;
using NeuralOdeGen.Examples.Models;

namespace NeuralOdeGen.Examples.Spiral;

/// <summary>
/// The spiral demo's training loss as a minibatch objective: for each iteration a fresh batch of sequences
/// (<see cref="SpiralData.BatchStarts"/>, seeded by the iteration), loss <c>mean |pred − true|</c> over the batch's
/// sequences, times and both states, gradient by the chosen sensitivity method, for the network <typeparamref name="TNet"/>.
/// </summary>
internal sealed class SpiralObjective<TNet> : IMinibatchObjective
    where TNet : struct, IOdeModel<TNet>
{
    private readonly double[] _trueTrajectory;
    private readonly int _seed;
    private readonly OdeSolver _solver;
    private readonly ISensitivityMethod _sensitivity;
    private OdeProblemObjective<TNet> _batch;

    /// <param name="trueTrajectory">The observed spiral, row-major 1 000×2.</param>
    /// <param name="batchSize">The sequences per batch (1 … 990).</param>
    /// <param name="seed">The seed of the batch draws.</param>
    /// <param name="solver">The training solver.</param>
    /// <param name="sensitivity">The gradient method.</param>
    public SpiralObjective(double[] trueTrajectory, int batchSize, int seed, OdeSolver solver, ISensitivityMethod sensitivity)
    {
        ArgumentNullException.ThrowIfNull(trueTrajectory);
        ArgumentOutOfRangeException.ThrowIfNotEqual(trueTrajectory.Length, 2 * SpiralData.PointCount, nameof(trueTrajectory));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, SpiralData.StartCount);
        _trueTrajectory = trueTrajectory;
        SampleCount = batchSize;
        _seed = seed;
        _solver = solver;
        _sensitivity = sensitivity;
        _batch = CreateBatch(0);
    }

    /// <inheritdoc/>
    public int ParameterCount => TNet.ParameterCount;

    /// <inheritdoc/>
    public int StateCount => TNet.StateCount;

    /// <inheritdoc/>
    public int SampleCount { get; }

    /// <inheritdoc/>
    public double Horizon => _batch.Horizon;

    /// <inheritdoc/>
    public bool CanProvideSensitivities => _sensitivity.ProvidesSensitivities;

    /// <inheritdoc/>
    public string? ModelName => TNet.Info.Name;

    /// <summary>Gets the start indices of the current batch.</summary>
    public int[] CurrentStarts { get; private set; } = [];

    /// <inheritdoc/>
    public void SelectBatch(int iteration) => _batch = CreateBatch(iteration);

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result) => _batch.Evaluate(parameters, result);

    /// <inheritdoc/>
    public double EvaluateLoss(ReadOnlySpan<double> parameters) => _batch.EvaluateLoss(parameters);

    private OdeProblemObjective<TNet> CreateBatch(int iteration)
    {
        CurrentStarts = SpiralData.BatchStarts(_seed, iteration, SampleCount);
        Dataset batch = SpiralData.Batch(_trueTrajectory, CurrentStarts);
        return new OdeProblemObjective<TNet>(new TrajectoryMaeProblem<TNet>(batch, _solver, _sensitivity, maxDegreeOfParallelism: 1));
    }
}
