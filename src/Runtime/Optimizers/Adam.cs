using System;
using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>
/// Adam (Kingma &amp; Ba, 2014, Algorithm 1): exponential moving averages of the gradient and its square with
/// bias correction, <c>θ ← θ − η m̂ / (√v̂ + ε)</c>, <c>m̂ = m/(1 − β₁ᵏ)</c>, <c>v̂ = v/(1 − β₂ᵏ)</c>.
/// </summary>
/// <remarks>
/// Thanks to the bias correction the first step has magnitude η (up to ε) in every coordinate. The second moment is
/// kept as its square root <c>r = √v</c>, updated as <c>r ← hypot(√β₂ r, √(1 − β₂) |g|)</c>, so that no <c>g²</c> is
/// ever formed: a finite gradient, however large (a naive <c>g²</c> overflows above ~1.3e154), gives a finite step.
/// </remarks>
public sealed class Adam : IOptimizer
{
    private const string FirstMomentKey = "m";
    private const string RootSecondMomentKey = "sqrtV";

    // Checkpoints written before the square-root form store v itself under this key; SetState still reads them.
    private const string LegacySecondMomentKey = "v";
    private double[]? _firstMoment;
    private double[]? _rootSecondMoment;
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
        double[] r = OptimizerGuard.EnsureBuffer(ref _rootSecondMoment, parameters.Length);
        long step = _stepCount + 1;
        double correction1 = 1.0 - Math.Pow(Beta1, step);
        double rootCorrection2 = Math.Sqrt(1.0 - Math.Pow(Beta2, step));
        double rootBeta2 = Math.Sqrt(Beta2);
        double rootOneMinusBeta2 = Math.Sqrt(1.0 - Beta2);

        // η m̂/(√v̂ + ε) with m̂ = m/c₁ and √v̂ = r/√c₂, rearranged so that every intermediate stays finite.
        double scale = LearningRate * rootCorrection2 / correction1;
        double guard = Epsilon * rootCorrection2;
        for (int k = 0; k < parameters.Length; k++)
        {
            double g = gradient[k];
            m[k] = (Beta1 * m[k]) + ((1.0 - Beta1) * g);
            r[k] = double.Hypot(rootBeta2 * r[k], rootOneMinusBeta2 * Math.Abs(g));
            parameters[k] -= scale * (m[k] / (r[k] + guard));
        }

        _stepCount = step;
    }

    /// <inheritdoc/>
    public OptimizerState GetState()
    {
        var arrays = new Dictionary<string, double[]>();
        if (_firstMoment is not null && _rootSecondMoment is not null)
        {
            arrays.Add(FirstMomentKey, _firstMoment);
            arrays.Add(RootSecondMomentKey, _rootSecondMoment);
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
            _rootSecondMoment = state.Arrays.ContainsKey(RootSecondMomentKey)
                ? (double[])state.GetArray(RootSecondMomentKey, m.Length).Clone()
                : RootsOf(state.GetArray(LegacySecondMomentKey, m.Length));
        }
        else
        {
            _firstMoment = null;
            _rootSecondMoment = null;
        }

        _stepCount = state.StepCount;
    }

    private static double[] RootsOf(double[] squares)
    {
        double[] roots = new double[squares.Length];
        for (int k = 0; k < squares.Length; k++)
        {
            roots[k] = Math.Sqrt(squares[k]);
        }

        return roots;
    }
}
