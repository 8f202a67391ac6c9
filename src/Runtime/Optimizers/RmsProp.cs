using System;
using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>
/// RMSprop (Tieleman &amp; Hinton, 2012): <c>v ← ρ v + (1 − ρ) g²</c>, <c>θ ← θ − η g / (√v + ε)</c>
/// (ε outside the square root, as in PyTorch).
/// </summary>
/// <remarks>
/// The average is kept as its square root <c>r = √v</c>, updated as <c>r ← hypot(√ρ r, √(1 − ρ) |g|)</c>, so that
/// no <c>g²</c> is ever formed: a finite gradient, however large, gives a finite step (at most η/√(1 − ρ) per coordinate).
/// </remarks>
public sealed class RmsProp : IOptimizer
{
    private const string RootMeanSquareKey = "rootMeanSquare";

    // Checkpoints written before the square-root form store v itself under this key; SetState still reads them.
    private const string LegacySquareAverageKey = "squareAverage";
    private double[]? _rootMeanSquare;
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
        double[] r = OptimizerGuard.EnsureBuffer(ref _rootMeanSquare, parameters.Length);
        double rootDecay = Math.Sqrt(Decay);
        double rootOneMinusDecay = Math.Sqrt(1.0 - Decay);
        for (int k = 0; k < parameters.Length; k++)
        {
            double g = gradient[k];
            r[k] = double.Hypot(rootDecay * r[k], rootOneMinusDecay * Math.Abs(g));
            parameters[k] -= LearningRate * (g / (r[k] + Epsilon));
        }

        _stepCount++;
    }

    /// <inheritdoc/>
    public OptimizerState GetState()
    {
        var arrays = new Dictionary<string, double[]>();
        if (_rootMeanSquare is not null)
        {
            arrays.Add(RootMeanSquareKey, _rootMeanSquare);
        }

        return new OptimizerState(Name, _stepCount, arrays);
    }

    /// <inheritdoc/>
    public void SetState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureName(Name);
        _rootMeanSquare = state.Arrays.ContainsKey(RootMeanSquareKey) ? (double[])state.GetArray(RootMeanSquareKey).Clone()
            : state.Arrays.ContainsKey(LegacySquareAverageKey) ? RootsOf(state.GetArray(LegacySquareAverageKey))
            : null;
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
