using System;
using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>
/// The paper's variance-corrected rule (Algorithm 2, Theorem 5.1):
/// <c>θ ← θ − η ∇Loss / (t² σ_t²)</c> with the model's own terminal variance
/// <c>σ_t² = (1/N) Σᵢ ‖x_t⁽ⁱ⁾‖²</c>.
/// </summary>
/// <remarks>
/// <para>
/// For the paper's model <c>f(x) = a·x</c> the rule removes the factor <c>t² σ_t²</c> from Lemma 4.1's
/// contraction, giving <c>Loss(a_{k+1}) ≈ (1 − 2η) Loss(a_k)</c> to first order in η. The exact iteration on
/// that model is <c>a_{k+1} = a_k − (η/t)(1 − e^{(a*−a_k)t})</c>, whose asymptotic loss ratio is
/// <c>(1 − η)²</c>, not <c>1 − 2η</c>; far below <c>a*</c> its first step overshoots by <c>(η/t) e^{(a*−a_k)t}</c>.
/// </para>
/// <para>
/// Beyond one dimension the rule is applied as written: one <em>scalar</em> preconditioner
/// <c>1/(t² σ_t²)</c>, with <c>‖x_t⁽ⁱ⁾‖²</c> summing over the n states, shared by every parameter. That is exact
/// only when every parameter scales the whole linear flow as <c>a</c> does (<c>∂x_t/∂θ = t·x_t</c>); in general
/// the principled generalisation is <see cref="GaussNewton"/>, whose matrix <c>G = (1/N) Σ SᵢᵀSᵢ</c> equals
/// <c>t² σ_t²</c> on the 1-D linear model.
/// </para>
/// <para>
/// The variance is computed in scaled form (see <see cref="TerminalVariance"/>) and every step is checked:
/// a non-finite gradient, non-finite or zero variance, or non-finite step throws
/// <see cref="OptimizerException"/> instead of writing NaN into the parameters.
/// </para>
/// </remarks>
public sealed class VarianceCorrected : IOptimizer
{
    private long _stepCount;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step size η (positive, finite); the paper uses 0.5.</param>
    public VarianceCorrected(double learningRate)
    {
        OptimizerGuard.ThrowIfNotPositiveFinite(learningRate);
        LearningRate = learningRate;
    }

    /// <summary>Gets the step size η.</summary>
    public double LearningRate { get; }

    /// <inheritdoc/>
    public string Name => "VarianceCorrected";

    /// <inheritdoc/>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, in OptimizerContext context)
    {
        OptimizerGuard.ThrowIfLengthsDiffer(parameters, gradient);
        double t = context.Horizon;
        if (!double.IsFinite(t) || t <= 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(context), t, "The variance-corrected rule needs a positive, finite horizon t.");
        }

        if (context.SampleCount == 0)
        {
            throw new ArgumentException("The variance-corrected rule needs the model's terminal states (context has none).", nameof(context));
        }

        for (int k = 0; k < gradient.Length; k++)
        {
            if (!double.IsFinite(gradient[k]))
            {
                throw new OptimizerException($"Gradient component {k} is {gradient[k]}; the variance-corrected step is undefined.");
            }
        }

        TerminalVariance variance = TerminalVariance.Compute(context.TerminalStates, context.SampleCount);
        if (!variance.IsUsable)
        {
            throw new OptimizerException(variance.Scale == 0.0
                ? "The terminal variance σ_t² is zero (all terminal states are 0); the rule would divide by zero."
                : $"The terminal states are not finite (largest magnitude {variance.Scale}); σ_t² overflowed.");
        }

        // step_k = η g_k / (t² M² s), divided in stages so that M² never overflows on its own.
        double factor = LearningRate / (t * t * variance.ScaledMean);
        double scale = variance.Scale;
        for (int k = 0; k < gradient.Length; k++)
        {
            double step = gradient[k] / scale / scale * factor;
            if (!double.IsFinite(step) || !double.IsFinite(parameters[k] - step))
            {
                throw new OptimizerException(
                    $"The variance-corrected step for parameter {k} is not finite (gradient {gradient[k]:R}, σ_t² = {variance.Value:R}, t = {t:R}).");
            }
        }

        for (int k = 0; k < gradient.Length; k++)
        {
            parameters[k] -= gradient[k] / scale / scale * factor;
        }

        _stepCount++;
    }

    /// <inheritdoc/>
    public OptimizerState GetState() => new(Name, _stepCount, new Dictionary<string, double[]>());

    /// <inheritdoc/>
    public void SetState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureName(Name);
        _stepCount = state.StepCount;
    }
}
