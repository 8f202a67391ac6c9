using System;

namespace NeuralOdeGen;

/// <summary>
/// A stiffly accurate ESDIRK method (<see cref="DiagonallyImplicitTableau"/>): each implicit stage
/// <c>Y_i = y + h Σ_{j&lt;i} a_ij F_j + hγ F(t + c_i h, Y_i)</c> is solved by a simplified Newton iteration on one LU
/// of <c>I − hγJ</c> per attempted step (the Jacobian once per step, reused after a rejection), with Hairer &amp;
/// Wanner's convergence-rate monitoring (Solving ODEs II, IV.8): the iteration stops when
/// <c>θ/(1 − θ)·‖ΔY‖ ≤ κ</c>, and the step is retried smaller when <c>θ ≥ 1</c> or when the rate predicts no
/// convergence within the iteration budget. Dense output is cubic Hermite (first same as last: no extra evaluation).
/// </summary>
internal sealed class EsdirkStepper : ImplicitStepper
{
    private const int MaxIterations = 10;

    private readonly int _stageCount;
    private readonly double _gamma;
    private readonly double[] _a;
    private readonly double[] _c;
    private readonly double[] _b;
    private readonly double[] _errorWeights;
    private readonly double[] _derivatives;
    private readonly double[] _stageBase;
    private readonly double[] _stageValue;
    private readonly double _newtonTolerance;
    private double _rate = 1.0;

    public EsdirkStepper(OdeSolver solver, int dimension)
        : this(solver, ImplicitLayout.Plain(dimension))
    {
    }

    /// <summary>
    /// Creates a stepper for an augmented system. The simplified Newton iteration uses the augmented system's own iteration
    /// matrix at the step's start, <c>I − hγJ_aug</c>, block lower triangular: one LU of the stiff block's <c>I − hγJ</c>
    /// serves the state and every replica, and the off-diagonal blocks enter as coupling products. The matrix only sets
    /// the contraction rate, so the converged stages solve the augmented stage equations to the Newton tolerance.
    /// </summary>
    /// <remarks>
    /// The block-diagonal matrix (coupling dropped) also converges, but each replica's correction then lags the state's by
    /// one iteration, and the convergence test, which borrows the previous rate on the first iteration, accepted that
    /// lagging iterate: 6 % error in the sensitivities of Prothero–Robinson with fixed steps (measured, 500 steps).
    /// </remarks>
    public EsdirkStepper(OdeSolver solver, ImplicitLayout layout)
        : base(solver, layout, Math.Min(solver.DiagonallyImplicitTableau!.Order, solver.DiagonallyImplicitTableau.EmbeddedOrder), usesTimeDerivative: false)
    {
        DiagonallyImplicitTableau tableau = solver.DiagonallyImplicitTableau;
        _stageCount = tableau.StageCount;
        _gamma = tableau.Gamma;
        _a = tableau.A.ToArray();
        _c = tableau.C.ToArray();
        _b = tableau.B.ToArray();
        _errorWeights = new double[_stageCount];
        for (int i = 0; i < _stageCount; i++)
        {
            _errorWeights[i] = tableau.B[i] - tableau.EmbeddedB[i];
        }

        int dimension = layout.Dimension;
        _derivatives = new double[_stageCount * dimension];
        _stageBase = new double[dimension];
        _stageValue = new double[dimension];

        // Hairer & Wanner's RADAU5 choice, in the error norm (1 = the tolerance): κ = max(10 ε / rtol, min(0.03, √rtol)).
        double rtol = solver.RelativeTolerance;
        _newtonTolerance = Math.Max(10.0 * 2.220446049250313e-16 / rtol, Math.Min(0.03, Math.Sqrt(rtol)));
    }

    /// <inheritdoc/>
    public override void Interpolate(double t, Span<double> y) =>
        InterpolateHermite(t, PreviousDerivative, Derivative, y);

    /// <inheritdoc/>
    protected override void OnReset() => _rate = 1.0;

    /// <inheritdoc/>
    protected override bool Attempt<TSystem>(ref TSystem system, double h)
    {
        int n = Dimension;
        int stiff = Layout.StiffDimension;
        int s = _stageCount;
        double hg = h * _gamma;
        double[] jacobian = Jacobian;
        Span<double> matrix = Lu.Matrix;
        for (int k = 0; k < matrix.Length; k++)
        {
            matrix[k] = -hg * jacobian[k];
        }

        for (int i = 0; i < stiff; i++)
        {
            matrix[(i * stiff) + i] += 1.0;
        }

        Factorizations++;
        if (!Lu.Factor())
        {
            return false;
        }

        ReadOnlySpan<double> y = StepStart;
        double t = Time;
        Derivative.CopyTo(_derivatives.AsSpan(0, n));

        // The contraction rate carries over from the previous stage and step, relaxed towards 1 as in Hairer & Wanner's
        // RADAU5 (η ← max(η, ε)^0.8), so a step that starts well needs one iteration per stage, not two.
        double rate = Math.Pow(Math.Max(_rate, 2.220446049250313e-16), 0.8);
        for (int stage = 1; stage < s; stage++)
        {
            // Explicit part and predictor Y⁰ = base + hγ F_{i−1}.
            ReadOnlySpan<double> previous = _derivatives.AsSpan((stage - 1) * n, n);
            for (int i = 0; i < n; i++)
            {
                double sum = 0.0;
                for (int j = 0; j < stage; j++)
                {
                    sum += _a[(stage * s) + j] * _derivatives[(j * n) + i];
                }

                _stageBase[i] = y[i] + (h * sum);
                _stageValue[i] = _stageBase[i] + (hg * previous[i]);
            }

            if (!SolveStage(ref system, t + (_c[stage] * h), hg, ref rate))
            {
                // A failed iteration says nothing good about the next one: start the retry cautiously.
                _rate = 1.0;
                return false;
            }

            // F_i from the stage equation, not a new evaluation: it does not amplify the Newton residual by the stiff J.
            Span<double> derivative = _derivatives.AsSpan(stage * n, n);
            for (int i = 0; i < n; i++)
            {
                derivative[i] = (_stageValue[i] - _stageBase[i]) / hg;
            }
        }

        // Stiffly accurate: the solution is the last stage; the error estimate is h Σ (b_i − b̂_i) F_i.
        Span<double> candidate = Candidate;
        for (int i = 0; i < n; i++)
        {
            double value = 0.0;
            double error = 0.0;
            for (int j = 0; j < s; j++)
            {
                double fj = _derivatives[(j * n) + i];
                value += _b[j] * fj;
                error += _errorWeights[j] * fj;
            }

            candidate[i] = y[i] + (h * value);
            ErrorEstimate[i] = h * error;
        }

        _rate = rate;
        _derivatives.AsSpan((s - 1) * n, n).CopyTo(EndDerivative);
        EndDerivativeKnown = true;
        return true;
    }

    // Simplified Newton on G(Y) = Y − base − hγ F(t, Y) = 0 with the factorised I − hγJ; _stageValue holds the predictor.
    private bool SolveStage<TSystem>(ref TSystem system, double t, double hg, ref double rate)
        where TSystem : struct, IJacobianSystem
    {
        int n = Dimension;
        double rtol = Solver.RelativeTolerance;
        double atol = Solver.AbsoluteTolerance;
        ReadOnlySpan<double> y = StepStart;
        Span<double> delta = Scratch;
        double previousNorm = 0.0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            system.Evaluate(t, _stageValue, delta);
            Evaluations++;
            for (int i = 0; i < n; i++)
            {
                delta[i] = _stageBase[i] + (hg * delta[i]) - _stageValue[i];
            }

            SolveBlocks(ref system, delta, 1.0, hg);
            NewtonIterations++;
            double sum = 0.0;
            for (int i = 0; i < n; i++)
            {
                _stageValue[i] += delta[i];
                double ratio = delta[i] / (atol + (rtol * Math.Abs(y[i])));
                sum += ratio * ratio;
            }

            double norm = Math.Sqrt(sum / n);
            if (!double.IsFinite(norm))
            {
                return false;
            }

            if (iteration > 0)
            {
                rate = norm / previousNorm;
                if (rate >= 1.0)
                {
                    return false;
                }

                // Not converging within the remaining iterations at this rate: give up early (Hairer & Wanner II, IV.8).
                if (Math.Pow(rate, MaxIterations - 1 - iteration) / (1.0 - rate) * norm > _newtonTolerance)
                {
                    return false;
                }
            }

            // The first iteration borrows the carried rate.
            double eta = Math.Min(rate, 0.99) / (1.0 - Math.Min(rate, 0.99));
            if (norm == 0.0 || eta * norm <= _newtonTolerance)
            {
                return true;
            }

            previousNorm = norm;
        }

        return false;
    }
}
