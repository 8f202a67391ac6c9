using System;
using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>
/// Heavy-ball momentum, <c>v ← β v + ∇Loss</c>, <c>θ ← θ − η v</c>; with Nesterov's look-ahead,
/// <c>θ ← θ − η (∇Loss + β v)</c> (the PyTorch formulation, so hyper-parameters carry over).
/// </summary>
public sealed class Momentum : IOptimizer
{
    private const string VelocityKey = "velocity";
    private double[]? _velocity;
    private long _stepCount;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step size η (positive, finite).</param>
    /// <param name="momentum">The momentum coefficient β in [0, 1).</param>
    /// <param name="nesterov">Whether to use Nesterov's look-ahead gradient.</param>
    public Momentum(double learningRate, double momentum = 0.9, bool nesterov = false)
    {
        OptimizerGuard.ThrowIfNotPositiveFinite(learningRate);
        OptimizerGuard.ThrowIfNotInUnitInterval(momentum);
        LearningRate = learningRate;
        MomentumCoefficient = momentum;
        Nesterov = nesterov;
    }

    /// <summary>Gets the step size η.</summary>
    public double LearningRate { get; }

    /// <summary>Gets the momentum coefficient β.</summary>
    public double MomentumCoefficient { get; }

    /// <summary>Gets whether Nesterov's look-ahead is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public string Name => Nesterov ? "Nesterov" : "Momentum";

    /// <inheritdoc/>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, in OptimizerContext context)
    {
        OptimizerGuard.ThrowIfLengthsDiffer(parameters, gradient);
        double[] velocity = OptimizerGuard.EnsureBuffer(ref _velocity, parameters.Length);
        double beta = MomentumCoefficient;
        for (int k = 0; k < parameters.Length; k++)
        {
            velocity[k] = (beta * velocity[k]) + gradient[k];
            double direction = Nesterov ? gradient[k] + (beta * velocity[k]) : velocity[k];
            parameters[k] -= LearningRate * direction;
        }

        _stepCount++;
    }

    /// <inheritdoc/>
    public OptimizerState GetState()
    {
        var arrays = new Dictionary<string, double[]>();
        if (_velocity is not null)
        {
            arrays.Add(VelocityKey, _velocity);
        }

        return new OptimizerState(Name, _stepCount, arrays);
    }

    /// <inheritdoc/>
    public void SetState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureName(Name);
        _velocity = state.Arrays.ContainsKey(VelocityKey) ? (double[])state.GetArray(VelocityKey).Clone() : null;
        _stepCount = state.StepCount;
    }
}
