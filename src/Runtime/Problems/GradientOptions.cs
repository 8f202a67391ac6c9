namespace NeuralOdeGen;

/// <summary>
/// What a gradient evaluation computes besides the loss and <c>∂L/∂θ</c>. Every option is off by default, and an option
/// that is off costs nothing: no memory is allocated for it and the results are those of a problem without options.
/// </summary>
/// <remarks>
/// The start time <c>t0</c> is not an option: it belongs to the data (<see cref="Dataset.StartTime"/>) and the loss
/// (<see cref="ILoss.StartTime"/>).
/// </remarks>
public sealed record GradientOptions
{
    /// <summary>Gets the options with everything off: the loss and <c>∂L/∂θ</c> only.</summary>
    public static GradientOptions None { get; } = new();

    /// <summary>
    /// Gets a value indicating whether to compute <c>∂L/∂x0⁽ⁱ⁾</c> for every sample
    /// (<see cref="GradientResult.InitialStateGradients"/>). The adjoint methods read it off the adjoint at <c>t0</c>,
    /// for free; <see cref="ForwardSensitivity"/> integrates <c>n</c> more sensitivity columns <c>∂x/∂x0</c> for it.
    /// </summary>
    public bool InitialStateGradients { get; init; }

    /// <summary>
    /// Gets a value indicating whether to compute <c>∂L/∂τ_k</c> for every observation time and <c>∂L/∂t0</c> for the start
    /// time, summed over samples (<see cref="GradientResult.ObservationTimeGradients"/>,
    /// <see cref="GradientResult.StartTimeGradient"/>): one evaluation of <c>f</c> per observation and one at <c>t0</c> per
    /// sample (<see cref="ForwardSensitivity"/> integrates one more column, <c>∂x/∂t0</c>). Samples are then solved one by one
    /// (not in the grouped lane paths).
    /// </summary>
    public bool TimeGradients { get; init; }
}
