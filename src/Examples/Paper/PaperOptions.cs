using System.Collections.Generic;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>What <c>neuralode paper</c> runs; the defaults are the paper's §6 setting.</summary>
internal sealed record PaperOptions
{
    public string OutputDirectory { get; init; } = "out/paper";

    /// <summary>Gets N. The paper does not state it; the variance-corrected rule's rate does not depend on it (its σ_t² cancels the sample's scale).</summary>
    public int Samples { get; init; } = 100;

    public int Iterations { get; init; } = 50;

    public int Seed { get; init; }

    public string Solver { get; init; } = "rk4";

    /// <summary>Gets the gradient method; the paper's Algorithm 1 is the continuous adjoint.</summary>
    public string Sensitivity { get; init; } = "adjoint";

    /// <summary>Gets the initial values: both sides of a* = −1, inside the concave region a &lt; a* − ln2 (−3, −2) and far above (1).</summary>
    public IReadOnlyList<double> InitialValues { get; init; } = [-3.0, -2.0, -1.5, -0.5, 0.0, 0.5, 1.0];

    public double LearningRate { get; init; } = 0.5;

    public double Horizon { get; init; } = 1.0;

    public double TargetRate { get; init; } = -1.0;

    /// <summary>Gets the loss below which a run counts as converged.</summary>
    public double LossTolerance { get; init; } = 1e-10;

    /// <summary>Gets the learning rates of the Theorem 5.1 check.</summary>
    public IReadOnlyList<double> TheoremLearningRates { get; init; } = [0.1, 0.25, 0.5];

    /// <summary>Gets the iteration budget of each Theorem 5.1 run (η = 0.1 needs about 100 to reach the tolerance).</summary>
    public int TheoremIterations { get; init; } = 120;
}
