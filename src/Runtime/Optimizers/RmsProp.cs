using System;
using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>
/// RMSprop (Tieleman &amp; Hinton, 2012): <c>v ← ρ v + (1 − ρ) g²</c>, <c>θ ← θ − η g / (√v + ε)</c>
/// (ε outside the square root, as in PyTorch).
/// </summary>
public sealed class RmsProp : IOptimizer
{
    private const string SquareAverageKey = "squareAverage";
    private double[]? _squareAverage;
    private long _stepCount;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step size η (positive, finite).</param>
    /// <param name="decay">The decay ρ of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">The denominator guard ε (positive, finite).</param>
    public RmsProp(double learningRate, double decay = 0.99, double epsilon = 1e-8)
    {
        OptimizerGuard.ThrowIfNotPositiveFinite(learningRate);
        OptimizerGuard.ThrowIfNotInUnitInterval(decay);
        OptimizerGuard.ThrowIfNotPositiveFinite(epsilon);
        LearningRate = learningRate;
        Decay = decay;
        Epsilon = epsilon;
    }

    /// <summary>Gets the step size η.</summary>
    public double LearningRate { get; }

    /// <summary>Gets ρ.</summary>
    public double Decay { get; }

    /// <summary>Gets ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public string Name => "RmsProp";

    /// <inheritdoc/>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, in OptimizerContext context)
    {
        OptimizerGuard.ThrowIfLengthsDiffer(parameters, gradient);
        double[] v = OptimizerGuard.EnsureBuffer(ref _squareAverage, parameters.Length);
        for (int k = 0; k < parameters.Length; k++)
        {
            double g = gradient[k];
            v[k] = (Decay * v[k]) + ((1.0 - Decay) * g * g);
            parameters[k] -= LearningRate * g / (Math.Sqrt(v[k]) + Epsilon);
        }

        _stepCount++;
    }

    /// <inheritdoc/>
    public OptimizerState GetState()
    {
        var arrays = new Dictionary<string, double[]>();
        if (_squareAverage is not null)
        {
            arrays.Add(SquareAverageKey, _squareAverage);
        }

        return new OptimizerState(Name, _stepCount, arrays);
    }

    /// <inheritdoc/>
    public void SetState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureName(Name);
        _squareAverage = state.Arrays.ContainsKey(SquareAverageKey) ? (double[])state.GetArray(SquareAverageKey).Clone() : null;
        _stepCount = state.StepCount;
    }
}
