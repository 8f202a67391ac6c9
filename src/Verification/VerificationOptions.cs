using System.Collections.Generic;

namespace NeuralOdeGen.Verification;

/// <summary>Where <see cref="ModelVerifier"/> samples points and how close each path must be to SymPy.</summary>
public sealed class VerificationOptions
{
    /// <summary>Gets or sets how many random points to compare at.</summary>
    public int PointCount { get; set; } = 4;

    /// <summary>Gets or sets the seed of the point sampler (same seed, same points, same report).</summary>
    public int Seed { get; set; } = 20261128;

    /// <summary>Gets or sets the lower bound of sampled states (positive by default: many models take logs or roots of states).</summary>
    public double StateMinimum { get; set; } = 0.25;

    /// <summary>Gets or sets the upper bound of sampled states.</summary>
    public double StateMaximum { get; set; } = 1.75;

    /// <summary>Gets or sets the lower bound of sampled parameters.</summary>
    public double ParameterMinimum { get; set; } = 0.25;

    /// <summary>Gets or sets the upper bound of sampled parameters.</summary>
    public double ParameterMaximum { get; set; } = 1.75;

    /// <summary>Gets or sets the lower bound of sampled times (used only by models with a <see cref="TimeAttribute"/> parameter).</summary>
    public double TimeMinimum { get; set; }

    /// <summary>Gets or sets the upper bound of sampled times.</summary>
    public double TimeMaximum { get; set; } = 2.0;

    /// <summary>
    /// Gets or sets explicit points (states, then parameters, then time if the model has one) used instead of sampling.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? Points { get; set; }

    /// <summary>
    /// Gets or sets whether an entry whose symbolic verdict is <see cref="SymbolicVerdict.EqualNumerically"/> (no proof,
    /// agreement at random points) passes. Off by default: a report passes only on proofs.
    /// </summary>
    public bool AcceptNumericEquality { get; set; }

    /// <summary>
    /// Gets or sets the relative tolerance of the exact paths (compiled Jacobians, products, dual numbers) against SymPy's
    /// 30-digit values: a few thousand ulps, room for rounding in differently arranged but equal formulas.
    /// </summary>
    public double RelativeTolerance { get; set; } = 1e-9;

    /// <summary>Gets or sets the absolute tolerance of the exact paths (for entries whose true value is 0).</summary>
    public double AbsoluteTolerance { get; set; } = 1e-10;

    /// <summary>
    /// Gets or sets the relative tolerance of central finite differences: step ∛ε·max(1, |v|) leaves an error near
    /// 1e-10 relative for smooth functions, so 1e-5 flags only real disagreement.
    /// </summary>
    public double FiniteDifferenceRelativeTolerance { get; set; } = 1e-5;

    /// <summary>
    /// Gets or sets how many Jacobian columns (variables) of a model whose loops are kept are checked entry by entry: all
    /// of them when the model has no more states and parameters, otherwise a sample drawn with <see cref="Seed"/>.
    /// </summary>
    public int LoopColumns { get; set; } = 64;

    /// <summary>
    /// Gets or sets how many random directions each point of a model whose loops are kept checks the whole Jacobians and
    /// both products along (every entry at once).
    /// </summary>
    public int LoopDirections { get; set; } = 2;

    /// <summary>Gets or sets the absolute tolerance of central finite differences.</summary>
    public double FiniteDifferenceAbsoluteTolerance { get; set; } = 1e-6;
}
