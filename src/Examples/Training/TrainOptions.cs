namespace NeuralOdeGen.Examples.Training;

/// <summary>
/// What <c>neuralode train</c> was asked on its command line: <see langword="null"/> means the option was not given
/// (its value then comes from the resumed checkpoint's recorded settings, or the default; see <see cref="TrainSettings"/>).
/// </summary>
internal sealed record TrainOptions
{
    public required string Model { get; init; }

    public string? Optimizer { get; init; }

    /// <summary>Gets the learning rate, or null for the recorded one or the optimizer's default.</summary>
    public double? LearningRate { get; init; }

    public int? Iterations { get; init; }

    public string? Solver { get; init; }

    /// <summary>Gets the sensitivity method, or null for the recorded one, else forward sensitivities when the optimizer needs them and the discrete adjoint otherwise.</summary>
    public string? Sensitivity { get; init; }

    public int? Samples { get; init; }

    public double? Noise { get; init; }

    public int? Seed { get; init; }

    /// <summary>Gets the checkpoint file, or null for the resumed file, else <c>checkpoint.json</c> in the output directory.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>Gets the checkpoint to continue, or null for a fresh run.</summary>
    public string? Resume { get; init; }

    /// <summary>Gets the output directory, or null for the recorded one, else <c>out/train/MODEL</c>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Gets whether <see cref="Checkpoint"/> may replace an existing file that is not a NeuralOdeGen checkpoint.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Gets the loss below which the fit has converged.</summary>
    public double LossTolerance { get; init; } = 1e-14;
}
