using System;

namespace NeuralOdeGen;

/// <summary>
/// The buffers an <see cref="ITrainingObjective"/> fills: loss, gradient, terminal states (N×n) and optionally
/// sensitivities (N×n×m). Allocated once per run and reused every iteration.
/// </summary>
public sealed class ObjectiveEvaluation
{
    /// <summary>Allocates the buffers.</summary>
    /// <param name="parameterCount">m (positive).</param>
    /// <param name="stateCount">n (positive).</param>
    /// <param name="sampleCount">N (positive).</param>
    /// <param name="includeSensitivities">Whether to allocate and request the N×n×m sensitivities.</param>
    public ObjectiveEvaluation(int parameterCount, int stateCount, int sampleCount, bool includeSensitivities)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameterCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stateCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        ParameterCount = parameterCount;
        StateCount = stateCount;
        SampleCount = sampleCount;
        Gradient = new double[parameterCount];
        TerminalStates = new double[checked(sampleCount * stateCount)];
        Sensitivities = includeSensitivities ? new double[checked(sampleCount * stateCount * parameterCount)] : [];
    }

    /// <summary>Gets m.</summary>
    public int ParameterCount { get; }

    /// <summary>Gets n.</summary>
    public int StateCount { get; }

    /// <summary>Gets N.</summary>
    public int SampleCount { get; }

    /// <summary>Gets or sets the loss.</summary>
    public double Loss { get; set; }

    /// <summary>Gets the gradient ∇Loss (length m).</summary>
    public double[] Gradient { get; }

    /// <summary>Gets the terminal states <c>x_t⁽ⁱ⁾</c> (N×n, row-major).</summary>
    public double[] TerminalStates { get; }

    /// <summary>Gets the sensitivities <c>∂x_t⁽ⁱ⁾_j/∂θ_k</c> at <c>(i*n + j)*m + k</c>, or an empty array.</summary>
    public double[] Sensitivities { get; }

    /// <summary>Gets whether sensitivities are requested.</summary>
    public bool IncludesSensitivities => Sensitivities.Length != 0;

    /// <summary>Gets or sets why the evaluation failed (the run then diverged), or <see langword="null"/>.</summary>
    public string? Failure { get; set; }
}
