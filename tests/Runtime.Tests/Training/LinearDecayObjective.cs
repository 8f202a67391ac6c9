using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace NeuralOdeGen.Runtime.Tests;

/// <summary>
/// A test objective: the paper's model problem in closed form (eq. 4–5): learn <c>f(x) = a·x</c> towards <c>f*(x) = a*·x</c> from
/// the terminal loss <c>(1/N) Σᵢ ½ (x0⁽ⁱ⁾e^{at} − x0⁽ⁱ⁾e^{a*t})²</c>, with the exact flow <c>x_t = x0 e^{at}</c>
/// instead of a solver, so that optimizer behaviour is seen without discretisation error.
/// </summary>
/// <remarks>
/// Gradient <c>(1/N) Σᵢ (x_t⁽ⁱ⁾ − x_t*⁽ⁱ⁾) · t x_t⁽ⁱ⁾</c>, sensitivities <c>∂x_t⁽ⁱ⁾/∂a = t x_t⁽ⁱ⁾</c>. Past
/// <c>a t ≈ 709</c>, <c>e^{at}</c> overflows and the loss becomes +∞, which the trainer reports as divergence.
/// </remarks>
internal sealed class LinearDecayObjective : ITrainingObjective
{
    private readonly double[] _initialStates;

    /// <summary>Creates the objective over given initial states.</summary>
    /// <param name="targetRate">a* (finite).</param>
    /// <param name="horizon">t (positive, finite).</param>
    /// <param name="initialStates">x0⁽ⁱ⁾, at least one, all finite; copied.</param>
    public LinearDecayObjective(double targetRate, double horizon, ReadOnlySpan<double> initialStates)
    {
        if (!double.IsFinite(targetRate))
        {
            throw new ArgumentOutOfRangeException(nameof(targetRate), targetRate, "Must be finite.");
        }

        if (!double.IsFinite(horizon) || horizon <= 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "Must be positive and finite.");
        }

        if (initialStates.IsEmpty)
        {
            throw new ArgumentException("At least one initial state is needed.", nameof(initialStates));
        }

        double sum = 0.0;
        foreach (double x0 in initialStates)
        {
            if (!double.IsFinite(x0))
            {
                throw new ArgumentException($"Initial state {x0} is not finite.", nameof(initialStates));
            }

            sum += x0 * x0;
        }

        TargetRate = targetRate;
        Horizon = horizon;
        _initialStates = initialStates.ToArray();
        MeanSquaredInitialState = sum / _initialStates.Length;
    }

    /// <summary>Gets a*.</summary>
    public double TargetRate { get; }

    /// <inheritdoc/>
    public double Horizon { get; }

    /// <summary>Gets <c>(1/N) Σᵢ x0⁽ⁱ⁾²</c>, the sample's σ² in the closed forms of DESIGN §1.</summary>
    public double MeanSquaredInitialState { get; }

    /// <summary>Gets the initial states x0⁽ⁱ⁾.</summary>
    public ReadOnlySpan<double> InitialStates => _initialStates;

    /// <inheritdoc/>
    public int ParameterCount => 1;

    /// <inheritdoc/>
    public int StateCount => 1;

    /// <inheritdoc/>
    public int SampleCount => _initialStates.Length;

    /// <inheritdoc/>
    public bool CanProvideSensitivities => true;

    /// <summary>Samples N initial states from <c>N(0, σ²)</c> with a Mersenne Twister seeded by <paramref name="seed"/>.</summary>
    /// <param name="targetRate">a*.</param>
    /// <param name="horizon">t.</param>
    /// <param name="sampleCount">N (positive).</param>
    /// <param name="seed">The random seed; the same seed gives the same sample on every platform.</param>
    /// <param name="standardDeviation">σ (positive).</param>
    public static LinearDecayObjective Sample(double targetRate, double horizon, int sampleCount, int seed, double standardDeviation = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        if (!double.IsFinite(standardDeviation) || standardDeviation <= 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "Must be positive and finite.");
        }

        double[] initialStates = new double[sampleCount];
        Normal.Samples(new MersenneTwister(seed), initialStates, 0.0, standardDeviation);
        return new LinearDecayObjective(targetRate, horizon, initialStates);
    }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result)
    {
        ArgumentNullException.ThrowIfNull(result);
        CheckParameters(parameters);
        if (result.TerminalStates.Length != _initialStates.Length || result.Gradient.Length != 1)
        {
            throw new ArgumentException("The evaluation buffers were not made for this objective.", nameof(result));
        }

        double t = Horizon;
        double growth = Math.Exp(parameters[0] * t);
        double target = Math.Exp(TargetRate * t);
        bool sensitivities = result.IncludesSensitivities;
        double loss = 0.0;
        double gradient = 0.0;
        for (int i = 0; i < _initialStates.Length; i++)
        {
            double x0 = _initialStates[i];
            double xt = x0 * growth;
            double residual = xt - (x0 * target);
            loss += 0.5 * residual * residual;
            gradient += residual * t * xt;
            result.TerminalStates[i] = xt;
            if (sensitivities)
            {
                result.Sensitivities[i] = t * xt;
            }
        }

        result.Loss = loss / _initialStates.Length;
        result.Gradient[0] = gradient / _initialStates.Length;
    }

    /// <inheritdoc/>
    public double EvaluateLoss(ReadOnlySpan<double> parameters)
    {
        CheckParameters(parameters);
        double growth = Math.Exp(parameters[0] * Horizon);
        double target = Math.Exp(TargetRate * Horizon);
        double loss = 0.0;
        foreach (double x0 in _initialStates)
        {
            double residual = (x0 * growth) - (x0 * target);
            loss += 0.5 * residual * residual;
        }

        return loss / _initialStates.Length;
    }

    private static void CheckParameters(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != 1)
        {
            throw new ArgumentException($"The linear decay model has one parameter a; got {parameters.Length}.", nameof(parameters));
        }
    }
}
