using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace NeuralOdeGen;

/// <summary>
/// Gauss–Newton with Levenberg–Marquardt damping: <c>θ ← θ − η (G + μI)⁻¹ ∇Loss</c>,
/// <c>G = (1/N) Σᵢ SᵢᵀSᵢ</c>, where <c>Sᵢ = ∂x_t⁽ⁱ⁾/∂θ</c> (n×m) are the per-sample forward sensitivities.
/// </summary>
/// <remarks>
/// <para>
/// This generalises the paper's <see cref="VarianceCorrected"/> rule: for <c>f(x) = a·x</c>,
/// <c>S = t·x_t</c> and <c>G = t² σ_t²</c>, so with <c>μ = 0</c> the two produce the same iterates; for many
/// parameters and nonlinear dynamics <c>G</c> is the matrix the scalar <c>t² σ_t²</c> stands in for.
/// </para>
/// <para>
/// With damping adaptation on (the default), a trial step is accepted only if it does not raise the loss
/// (evaluated through <see cref="OptimizerContext.LossEvaluator"/>); otherwise μ is raised
/// (seeded at <c>10⁻³ · max diag G</c> when it is 0, then multiplied by <see cref="DampingIncrease"/>) and the
/// step recomputed, up to <see cref="MaxRejections"/> times. After an accepted step μ is multiplied by
/// <see cref="DampingDecrease"/>. If no step is acceptable the parameters are left unchanged (μ stays raised).
/// The linear solve uses a Cholesky factorisation, falling back to LU when <c>G + μI</c> is not numerically
/// positive definite; a non-finite solution counts as a rejection.
/// </para>
/// </remarks>
public sealed class GaussNewton : IOptimizer
{
    private const string DampingKey = "damping";
    private const double DampingSeedFraction = 1e-3;

    // Keeps μ finite (and the state serialisable) however many steps fail in a row.
    private const double MaxDamping = 1e300;
    private double[]? _trial;
    private long _stepCount;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">The step fraction η (positive, finite); 1 is the full Gauss–Newton step.</param>
    /// <param name="initialDamping">The initial μ (non-negative, finite).</param>
    /// <param name="adaptDamping">Whether to accept/reject steps and adapt μ (Levenberg–Marquardt).</param>
    /// <param name="dampingIncrease">The factor applied to μ after a rejected step (&gt; 1).</param>
    /// <param name="dampingDecrease">The factor applied to μ after an accepted step (in (0, 1]).</param>
    /// <param name="maxRejections">The number of rejected trials per step before giving up (positive).</param>
    public GaussNewton(
        double learningRate = 1.0,
        double initialDamping = 0.0,
        bool adaptDamping = true,
        double dampingIncrease = 10.0,
        double dampingDecrease = 0.1,
        int maxRejections = 60)
    {
        OptimizerGuard.ThrowIfNotPositiveFinite(learningRate);
        if (!double.IsFinite(initialDamping) || initialDamping < 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(initialDamping), initialDamping, "Must be non-negative and finite.");
        }

        if (!double.IsFinite(dampingIncrease) || dampingIncrease <= 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(dampingIncrease), dampingIncrease, "Must be finite and greater than 1.");
        }

        if (!(dampingDecrease > 0.0 && dampingDecrease <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(dampingDecrease), dampingDecrease, "Must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRejections);
        LearningRate = learningRate;
        Damping = initialDamping;
        AdaptDamping = adaptDamping;
        DampingIncrease = dampingIncrease;
        DampingDecrease = dampingDecrease;
        MaxRejections = maxRejections;
    }

    /// <summary>Gets the step fraction η.</summary>
    public double LearningRate { get; }

    /// <summary>Gets the current damping μ.</summary>
    public double Damping { get; private set; }

    /// <summary>Gets whether μ is adapted (Levenberg–Marquardt) from trial losses.</summary>
    public bool AdaptDamping { get; }

    /// <summary>Gets the factor applied to μ after a rejected trial.</summary>
    public double DampingIncrease { get; }

    /// <summary>Gets the factor applied to μ after an accepted step.</summary>
    public double DampingDecrease { get; }

    /// <summary>Gets the number of rejected trials allowed per step.</summary>
    public int MaxRejections { get; }

    /// <summary>Gets the number of trials rejected during the last <see cref="Step"/>.</summary>
    public int LastRejections { get; private set; }

    /// <summary>Gets whether the last <see cref="Step"/> found no acceptable trial and left the parameters unchanged.</summary>
    public bool LastStepFailed { get; private set; }

    /// <inheritdoc/>
    public string Name => "GaussNewton";

    /// <inheritdoc/>
    public bool RequiresSensitivities => true;

    /// <inheritdoc/>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, in OptimizerContext context)
    {
        OptimizerGuard.ThrowIfLengthsDiffer(parameters, gradient);
        int m = parameters.Length;
        int n = context.StateCount;
        int sampleCount = context.SampleCount;
        if (!context.HasSensitivities)
        {
            throw new InvalidOperationException(
                "GaussNewton needs the per-sample sensitivities ∂x_t/∂θ; use a sensitivity method that provides them (forward sensitivities).");
        }

        if (context.Sensitivities.Length != sampleCount * n * m)
        {
            throw new ArgumentException(
                $"The sensitivities have length {context.Sensitivities.Length}, expected N·n·m = {sampleCount}·{n}·{m}.", nameof(context));
        }

        ILossEvaluator? evaluator = context.LossEvaluator;
        if (AdaptDamping && evaluator is null)
        {
            throw new ArgumentException(
                "Levenberg–Marquardt damping needs context.LossEvaluator to test trial steps; supply one or set adaptDamping: false.", nameof(context));
        }

        for (int k = 0; k < m; k++)
        {
            if (!double.IsFinite(gradient[k]))
            {
                throw new OptimizerException($"Gradient component {k} is {gradient[k]}; the Gauss–Newton step is undefined.");
            }
        }

        Matrix<double> gaussNewton = BuildGaussNewtonMatrix(context.Sensitivities, sampleCount, n, m);
        double maxDiagonal = 0.0;
        for (int k = 0; k < m; k++)
        {
            maxDiagonal = Math.Max(maxDiagonal, gaussNewton[k, k]);
        }

        if (!double.IsFinite(maxDiagonal))
        {
            throw new OptimizerException($"The Gauss–Newton matrix is not finite (largest diagonal {maxDiagonal}); the sensitivities overflowed.");
        }

        Vector<double> rightHandSide = Vector<double>.Build.Dense(m);
        for (int k = 0; k < m; k++)
        {
            rightHandSide[k] = gradient[k];
        }

        double[] trial = OptimizerGuard.EnsureBuffer(ref _trial, m);
        double damping = Damping;
        LastRejections = 0;
        LastStepFailed = false;
        for (int attempt = 0; attempt <= MaxRejections; attempt++)
        {
            if (TrySolve(gaussNewton, damping, rightHandSide, out Vector<double> direction))
            {
                bool finite = true;
                for (int k = 0; k < m; k++)
                {
                    trial[k] = parameters[k] - (LearningRate * direction[k]);
                    finite &= double.IsFinite(trial[k]);
                }

                if (finite && (!AdaptDamping || evaluator!.EvaluateLoss(trial) <= context.Loss))
                {
                    trial.CopyTo(parameters);
                    Damping = AdaptDamping ? damping * DampingDecrease : damping;
                    _stepCount++;
                    return;
                }
            }

            LastRejections++;
            if (!AdaptDamping)
            {
                throw new OptimizerException(
                    $"The undamped Gauss–Newton step is not finite (μ = {damping:R}); G is singular or the step overflowed.");
            }

            damping = damping == 0.0
                ? DampingSeedFraction * (maxDiagonal > 0.0 ? maxDiagonal : 1.0)
                : Math.Min(damping * DampingIncrease, MaxDamping);
        }

        Damping = damping;
        LastStepFailed = true;
        _stepCount++;
    }

    /// <inheritdoc/>
    public OptimizerState GetState() =>
        new(Name, _stepCount, new Dictionary<string, double[]> { [DampingKey] = [Damping] });

    /// <inheritdoc/>
    public void SetState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.EnsureName(Name);
        double damping = state.GetArray(DampingKey, 1)[0];
        if (!double.IsFinite(damping) || damping < 0.0)
        {
            throw new ArgumentException($"The stored damping μ = {damping} is not a non-negative finite number.", nameof(state));
        }

        Damping = damping;
        _stepCount = state.StepCount;
    }

    private static Matrix<double> BuildGaussNewtonMatrix(ReadOnlySpan<double> sensitivities, int sampleCount, int n, int m)
    {
        // G = (1/N) Σᵢ SᵢᵀSᵢ = (1/N) Σ over the N·n sensitivity rows r of r rᵀ; lower triangle, then mirrored.
        var matrix = Matrix<double>.Build.Dense(m, m);
        int rows = sampleCount * n;
        for (int row = 0; row < rows; row++)
        {
            ReadOnlySpan<double> r = sensitivities.Slice(row * m, m);
            for (int a = 0; a < m; a++)
            {
                double ra = r[a];
                for (int b = 0; b <= a; b++)
                {
                    matrix[a, b] += ra * r[b];
                }
            }
        }

        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double value = matrix[a, b] / sampleCount;
                matrix[a, b] = value;
                matrix[b, a] = value;
            }
        }

        return matrix;
    }

    private static bool TrySolve(Matrix<double> gaussNewton, double damping, Vector<double> rightHandSide, out Vector<double> direction)
    {
        Matrix<double> system = gaussNewton.Clone();
        for (int k = 0; k < system.RowCount; k++)
        {
            system[k, k] += damping;
        }

        try
        {
            direction = system.Cholesky().Solve(rightHandSide);
        }
        catch (ArgumentException)
        {
            // Not numerically positive definite (e.g. μ = 0 with a rank-deficient G): LU still solves a regular system.
            direction = system.LU().Solve(rightHandSide);
        }

        for (int k = 0; k < direction.Count; k++)
        {
            if (!double.IsFinite(direction[k]))
            {
                return false;
            }
        }

        return true;
    }
}
