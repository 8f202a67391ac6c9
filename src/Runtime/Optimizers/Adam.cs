using System;
using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>
/// Adam (Kingma &amp; Ba, 2014, Algorithm 1): exponential moving averages of the gradient and its square with
/// bias correction, <c>θ ← θ − η m̂ / (√v̂ + ε)</c>, <c>m̂ = m/(1 − β₁ᵏ)</c>, <c>v̂ = v/(1 − β₂ᵏ)</c>.
/// </summary>
/// <remarks>Thanks to the bias correction the first step has magnitude η (up to ε) in every coordinate.</remarks>
public sealed class Adam : IOptimizer
{
    private const string FirstMomentKey = "m";
    private const string SecondMomentKey = "v";
    private double[]? _firstMoment;
    private double[]? _secondMoment;
    private long _stepCount;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step size η (positive, finite).</param>
    /// <param name="beta1">The decay of the first-moment average, in [0, 1).</param>
    /// <param name="beta2">The decay of the second-moment average, in [0, 1).</param>
    /// <param name="epsilon">The denominator guard ε (positive, finite).</param>
    public Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        OptimizerGuard.ThrowIfNotPositiveFinite(learningRate);
        OptimizerGuard.ThrowIfNotInUnitInterval(beta1);
        OptimizerGuard.ThrowIfNotInUnitInterval(beta2);
        OptimizerGuard.ThrowIfNotPositiveFinite(epsilon);
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>Gets the step size η.</summary>
    public double LearningRate { get; }

    /// <summary>Gets β₁.</summary>
    public double Beta1 { get; }

    /// <summary>Gets β₂.</summary>
    public double Beta2 { get; }

    /// <summary>Gets ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    public string Name => "Adam";

    /// <inheritdoc/>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, in OptimizerContext context)
    {
        OptimizerGuard.ThrowIfLengthsDiffer(parameters, gradient);
        double[] m = OptimizerGuard.EnsureBuffer(ref _firstMoment, parameters.Length);
        double[] v = OptimizerGuard.EnsureBuffer(ref _secondMoment, parameters.Length);
        long step = _stepCount + 1;
        double correction1 = 1.0 - Math.Pow(Beta1, step);
        double correction2 = 1.0 - Math.Pow(Beta2, step);
        for (int k = 0; k < parameters.Length; k++)
        {
            double g = gradient[k];
            m[k] = (Beta1 * m[k]) + ((1.0 - Beta1) * g);
            v[k] = (Beta2 * v[k]) + ((1.0 - Beta2) * g * g);
            double mHat = m[k] / correction1;
            double vHat = v[k] / correction2;
            parameters[k] -= LearningRate * mHat / (Math.Sqrt(vHat) + Epsilon);
        }

        _stepCount = step;
    }

    /// <inheritdoc/>
    public OptimizerState GetState()
    {
        var arrays = new Dictionary<string, double[]>();
        if (_firstMoment is not null && _secondMoment is not null)
        {
            arrays.Add(FirstMomentKey, _firstMoment);
            arrays.Add(SecondMomentKey, _secondMoment);
        }

        return new OptimizerState(Name, _stepCount, arrays);
    }

    /// <inheritdoc/>
    public void SetState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureName(Name);
        if (state.Arrays.ContainsKey(FirstMomentKey))
        {
            double[] m = state.GetArray(FirstMomentKey);
            _firstMoment = (double[])m.Clone();
            _secondMoment = (double[])state.GetArray(SecondMomentKey, m.Length).Clone();
        }
        else
        {
            _firstMoment = null;
            _secondMoment = null;
        }

        _stepCount = state.StepCount;
    }
}
