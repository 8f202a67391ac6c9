namespace NeuralOdeGen.Examples.Training;

/// <summary>What <c>neuralode train</c> runs.</summary>
internal sealed record TrainOptions
{
    public required string Model { get; init; }

    public string Optimizer { get; init; } = "gauss-newton";

    /// <summary>Gets the learning rate, or null for the optimizer's default.</summary>
    public double? LearningRate { get; init; }

    public int Iterations { get; init; } = 100;

    public string Solver { get; init; } = "rk4";

    /// <summary>Gets the sensitivity method, or null for forward sensitivities when the optimizer needs them and the discrete adjoint otherwise.</summary>
    public string? Sensitivity { get; init; }

    public int Samples { get; init; } = 32;

    public double Noise { get; init; }

    public int Seed { get; init; }

    /// <summary>Gets the checkpoint file, or null for <c>checkpoint.json</c> in the output directory.</summary>
    public string? Checkpoint { get; init; }

    public string? Resume { get; init; }

    /// <summary>Gets the output directory, or null for <c>out/train/MODEL</c>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Gets the loss below which the fit has converged.</summary>
    public double LossTolerance { get; init; } = 1e-14;
}
