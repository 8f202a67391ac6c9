using System;
using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>Plain gradient descent, <c>θ ← θ − η ∇Loss</c> (full-batch, so "stochastic" only by name).</summary>
public sealed class Sgd : IOptimizer
{
    private long _stepCount;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step size η (positive, finite).</param>
    public Sgd(double learningRate)
    {
        OptimizerGuard.ThrowIfNotPositiveFinite(learningRate);
        LearningRate = learningRate;
    }

    /// <summary>Gets the step size η.</summary>
    public double LearningRate { get; }

    /// <inheritdoc/>
    public string Name => "Sgd";

    /// <inheritdoc/>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, in OptimizerContext context)
    {
        OptimizerGuard.ThrowIfLengthsDiffer(parameters, gradient);
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] -= LearningRate * gradient[k];
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
