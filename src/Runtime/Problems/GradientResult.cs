using System;

namespace NeuralOdeGen;

/// <summary>
/// Loss, gradient and per-sample outputs of one gradient evaluation. Reusable: a problem overwrites the same
/// instance on every call, so nothing is allocated per call after the first.
/// </summary>
public sealed class GradientResult
{
    private readonly double[] _gradient;
    private readonly double[] _terminalStates;
    private readonly double[] _sensitivities;
    private readonly double[] _observedStates;
    private readonly double[] _initialStateGradients;
    private readonly double[] _observationTimeGradients;

    /// <summary>Allocates a result for the given shapes, with one observation time (a terminal loss).</summary>
    /// <param name="sampleCount">The number of samples <c>N</c>.</param>
    /// <param name="stateCount">The number of states <c>n</c>.</param>
    /// <param name="parameterCount">The number of parameters <c>m</c>.</param>
    /// <param name="hasSensitivities">Whether to hold <c>∂x_t/∂θ</c> per sample.</param>
    public GradientResult(int sampleCount, int stateCount, int parameterCount, bool hasSensitivities)
        : this(sampleCount, stateCount, parameterCount, hasSensitivities, observationCount: 1)
    {
    }

    /// <summary>Allocates a result for the given shapes.</summary>
    /// <param name="sampleCount">The number of samples <c>N</c>.</param>
    /// <param name="stateCount">The number of states <c>n</c>.</param>
    /// <param name="parameterCount">The number of parameters <c>m</c>.</param>
    /// <param name="hasSensitivities">Whether to hold <c>∂x_t/∂θ</c> per sample.</param>
    /// <param name="observationCount">The number of observation times <c>K</c> of the loss (≥ 1).</param>
    public GradientResult(int sampleCount, int stateCount, int parameterCount, bool hasSensitivities, int observationCount)
        : this(sampleCount, stateCount, parameterCount, hasSensitivities, observationCount, GradientOptions.None)
    {
    }

    /// <summary>Allocates a result for the given shapes, with room for the extra outputs <paramref name="options"/> asks for.</summary>
    /// <param name="sampleCount">The number of samples <c>N</c>.</param>
    /// <param name="stateCount">The number of states <c>n</c>.</param>
    /// <param name="parameterCount">The number of parameters <c>m</c>.</param>
    /// <param name="hasSensitivities">Whether to hold <c>∂x_t/∂θ</c> per sample.</param>
    /// <param name="observationCount">The number of observation times <c>K</c> of the loss (≥ 1).</param>
    /// <param name="options">The extra outputs: <c>∂L/∂x0</c> per sample, <c>∂L/∂τ_k</c> and <c>∂L/∂t0</c>.</param>
    public GradientResult(int sampleCount, int stateCount, int parameterCount, bool hasSensitivities, int observationCount, GradientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stateCount);
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(observationCount);
        SampleCount = sampleCount;
        StateCount = stateCount;
        ParameterCount = parameterCount;
        HasSensitivities = hasSensitivities;
        ObservationCount = observationCount;
        _gradient = new double[parameterCount];
        _terminalStates = new double[sampleCount * stateCount];
        _sensitivities = hasSensitivities ? new double[sampleCount * stateCount * parameterCount] : [];
        _observedStates = new double[checked(sampleCount * observationCount * stateCount)];
        HasInitialStateGradients = options.InitialStateGradients;
        HasTimeGradients = options.TimeGradients;
        _initialStateGradients = options.InitialStateGradients ? new double[checked(sampleCount * stateCount)] : [];
        _observationTimeGradients = options.TimeGradients ? new double[observationCount] : [];
    }

    /// <summary>Gets the number of samples <c>N</c>.</summary>
    public int SampleCount { get; }

    /// <summary>Gets the number of states <c>n</c>.</summary>
    public int StateCount { get; }

    /// <summary>Gets the number of parameters <c>m</c>.</summary>
    public int ParameterCount { get; }

    /// <summary>Gets the number of observation times <c>K</c> of the loss.</summary>
    public int ObservationCount { get; }

    /// <summary>Gets a value indicating whether <see cref="Sensitivity"/> is available.</summary>
    public bool HasSensitivities { get; }

    /// <summary>Gets a value indicating whether <see cref="InitialStateGradients"/> are computed (<see cref="GradientOptions.InitialStateGradients"/>).</summary>
    public bool HasInitialStateGradients { get; }

    /// <summary>
    /// Gets a value indicating whether <see cref="ObservationTimeGradients"/> and <see cref="StartTimeGradient"/> are computed
    /// (<see cref="GradientOptions.TimeGradients"/>).
    /// </summary>
    public bool HasTimeGradients { get; }

    /// <summary>
    /// Gets <c>∂Loss/∂x0⁽ⁱ⁾</c> for every sample, row-major <c>N×n</c> (empty unless <see cref="HasInitialStateGradients"/>):
    /// the adjoint at the start time for the adjoint methods, <c>Σ_k (∂ℓ/∂x(τ_k))ᵀ ∂x(τ_k)/∂x0</c> for forward sensitivities.
    /// </summary>
    public ReadOnlySpan<double> InitialStateGradients => _initialStateGradients;

    /// <summary>
    /// Gets <c>∂Loss/∂τ_k</c> for each observation time (length <c>K</c>, summed over samples; empty unless
    /// <see cref="HasTimeGradients"/>): <c>Σ_i (∂ℓ/∂x(τ_k))·f(τ_k, x⁽ⁱ⁾(τ_k))</c>, the derivative of the exact flow's loss,
    /// to the solver's accuracy.
    /// </summary>
    public ReadOnlySpan<double> ObservationTimeGradients => _observationTimeGradients;

    /// <summary>
    /// Gets <c>∂Loss/∂t0</c>, the start time moved with the observation times held (summed over samples):
    /// <c>−Σ_i (∂L/∂x0⁽ⁱ⁾)·f(t0, x0⁽ⁱ⁾)</c>. Zero unless <see cref="HasTimeGradients"/>.
    /// </summary>
    public double StartTimeGradient { get; internal set; }

    /// <summary>Gets the loss.</summary>
    public double Loss { get; internal set; }

    /// <summary>Gets the horizon <c>t</c> the terminal states refer to.</summary>
    public double Horizon { get; internal set; }

    /// <summary>Gets the total solver work over all samples (forward and backward).</summary>
    public SolverStatistics Statistics { get; internal set; }

    /// <summary>Gets the gradient <c>∂Loss/∂θ</c> (length <c>m</c>).</summary>
    public ReadOnlySpan<double> Gradient => _gradient;

    /// <summary>Gets the predicted terminal states <c>x_t⁽ⁱ⁾</c>, row-major <c>N×n</c>.</summary>
    public ReadOnlySpan<double> TerminalStates => _terminalStates;

    /// <summary>
    /// Gets the predicted states at every observation time, row-major <c>N×K×n</c>: exactly the states the loss was
    /// evaluated on during the solve that produced <see cref="Gradient"/> (the same solver, grid and bits).
    /// </summary>
    public ReadOnlySpan<double> ObservedStates => _observedStates;

    /// <summary>Gets all sensitivities, row-major <c>N×n×m</c> (empty unless <see cref="HasSensitivities"/>).</summary>
    public ReadOnlySpan<double> Sensitivities => _sensitivities;

    /// <summary>
    /// Gets <c>σ_t² = (1/N) Σ_i ‖x_t⁽ⁱ⁾‖²</c>, the terminal second moment the variance-corrected rule divides by
    /// (computed by <see cref="TerminalVariance"/>, which scales before squaring so it does not overflow early).
    /// </summary>
    public double TerminalSecondMoment => TerminalVariance.Compute(_terminalStates, SampleCount).Value;

    internal Span<double> GradientBuffer => _gradient;

    internal Span<double> TerminalStateBuffer => _terminalStates;

    internal Span<double> SensitivityBuffer => _sensitivities;

    internal double[] ObservedStateBuffer => _observedStates;

    internal Span<double> InitialStateGradientBuffer => _initialStateGradients;

    internal Span<double> ObservationTimeGradientBuffer => _observationTimeGradients;

    /// <summary>Gets one sample's <c>∂Loss/∂x0⁽ⁱ⁾</c>.</summary>
    /// <param name="sample">The sample index.</param>
    /// <returns>Length <c>n</c>.</returns>
    /// <exception cref="InvalidOperationException">The result was not asked for initial-state gradients.</exception>
    public ReadOnlySpan<double> InitialStateGradient(int sample)
    {
        if (!HasInitialStateGradients)
        {
            throw new InvalidOperationException("This result holds no initial-state gradients; create the problem with new GradientOptions { InitialStateGradients = true }.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, SampleCount);
        return _initialStateGradients.AsSpan(sample * StateCount, StateCount);
    }

    /// <summary>Gets the predicted terminal state of one sample.</summary>
    /// <param name="sample">The sample index.</param>
    /// <returns><c>x_t⁽ⁱ⁾</c> (length <c>n</c>).</returns>
    public ReadOnlySpan<double> TerminalState(int sample) => _terminalStates.AsSpan(sample * StateCount, StateCount);

    /// <summary>Gets the predicted state of one sample at one observation time.</summary>
    /// <param name="sample">The sample index.</param>
    /// <param name="observation">The index into the loss's observation times.</param>
    /// <returns><c>x⁽ⁱ⁾(τ_k)</c> (length <c>n</c>).</returns>
    public ReadOnlySpan<double> ObservedState(int sample, int observation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, SampleCount);
        ArgumentOutOfRangeException.ThrowIfNegative(observation);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(observation, ObservationCount);
        return _observedStates.AsSpan(((sample * ObservationCount) + observation) * StateCount, StateCount);
    }

    /// <summary>Gets one sample's sensitivity matrix <c>Sᵢ = ∂x_t⁽ⁱ⁾/∂θ</c>.</summary>
    /// <param name="sample">The sample index.</param>
    /// <returns>Row-major <c>n×m</c>: entry <c>[j*m + k] = ∂x_j/∂θ_k</c>.</returns>
    /// <exception cref="InvalidOperationException">The sensitivity method does not provide sensitivities.</exception>
    public ReadOnlySpan<double> Sensitivity(int sample)
    {
        if (!HasSensitivities)
        {
            throw new InvalidOperationException("This result holds no sensitivities; use ForwardSensitivity to get ∂x_t/∂θ.");
        }

        int size = StateCount * ParameterCount;
        return _sensitivities.AsSpan(sample * size, size);
    }
}
