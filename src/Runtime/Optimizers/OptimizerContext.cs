using System;

namespace NeuralOdeGen;

/// <summary>
/// What an optimizer may look at besides the gradient: the loss at the current parameters, the horizon
/// <c>t</c>, the model's predicted terminal states and, when the sensitivity method provides them, the
/// per-sample sensitivities <c>∂x_t/∂θ</c>.
/// </summary>
/// <remarks>
/// Layouts are flat and row-major: <see cref="TerminalStates"/> is N×n (sample <c>i</c>, state <c>j</c> at
/// <c>i*n + j</c>); <see cref="Sensitivities"/> is N×n×m (<c>∂x_t⁽ⁱ⁾_j/∂θ_k</c> at <c>(i*n + j)*m + k</c>).
/// </remarks>
public readonly ref struct OptimizerContext
{
    /// <summary>Creates a context; <paramref name="sensitivities"/> may be empty when they are not available.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or a span's length does not match the counts.</exception>
    public OptimizerContext(
        double loss,
        double horizon,
        int stateCount,
        ReadOnlySpan<double> terminalStates,
        ReadOnlySpan<double> sensitivities,
        ILossEvaluator? lossEvaluator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stateCount);
        if (stateCount == 0 ? !terminalStates.IsEmpty : terminalStates.Length % stateCount != 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(terminalStates), terminalStates.Length, $"The terminal-state length must be a multiple of the state count {stateCount}.");
        }

        int sampleCount = stateCount == 0 ? 0 : terminalStates.Length / stateCount;
        if (!sensitivities.IsEmpty && (sampleCount == 0 || sensitivities.Length % (sampleCount * stateCount) != 0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(sensitivities), sensitivities.Length, $"The sensitivity length must be a multiple of N·n = {sampleCount * stateCount}.");
        }

        Loss = loss;
        Horizon = horizon;
        StateCount = stateCount;
        SampleCount = sampleCount;
        TerminalStates = terminalStates;
        Sensitivities = sensitivities;
        LossEvaluator = lossEvaluator;
    }

    /// <summary>Gets the loss at the current parameters.</summary>
    public double Loss { get; }

    /// <summary>Gets the horizon <c>t</c> at which the terminal loss is taken.</summary>
    public double Horizon { get; }

    /// <summary>Gets the number of states per sample, <c>n</c>.</summary>
    public int StateCount { get; }

    /// <summary>Gets the number of samples, <c>N</c>.</summary>
    public int SampleCount { get; }

    /// <summary>Gets the model's terminal states <c>x_t⁽ⁱ⁾</c> (N×n, row-major).</summary>
    public ReadOnlySpan<double> TerminalStates { get; }

    /// <summary>Gets the per-sample sensitivities <c>∂x_t⁽ⁱ⁾/∂θ</c> (N×n×m), or an empty span.</summary>
    public ReadOnlySpan<double> Sensitivities { get; }

    /// <summary>Gets whether <see cref="Sensitivities"/> is available.</summary>
    public bool HasSensitivities => !Sensitivities.IsEmpty;

    /// <summary>Gets a way to evaluate the loss at trial parameters, or <see langword="null"/>.</summary>
    public ILossEvaluator? LossEvaluator { get; }
}
