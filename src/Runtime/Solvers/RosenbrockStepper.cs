using System;

namespace NeuralOdeGen;

/// <summary>
/// A Rosenbrock method (<see cref="RosenbrockTableau"/>) in Hairer &amp; Wanner's transformed form: per attempted step
/// one LU of <c>W = I/(hγ) − J</c> and one solve per stage; the Jacobian (and <c>∂F/∂t</c>) once per step, reused
/// after a rejection. Dense output is the method's own interpolant.
/// </summary>
internal sealed class RosenbrockStepper : ImplicitStepper
{
    private readonly int _stageCount;
    private readonly double _gamma;
    private readonly double[] _a;
    private readonly double[] _coupling;
    private readonly double[] _nodes;
    private readonly double[] _timeWeights;
    private readonly double[] _m;
    private readonly double[] _errorWeights;
    private readonly double[] _dense;
    private readonly int _denseRows;
    private readonly double[] _stages;
    private readonly double[] _stageState;
    private readonly double[] _denseScratch;

    public RosenbrockStepper(OdeSolver solver, int dimension)
        : this(solver, ImplicitLayout.Plain(dimension))
    {
    }

    /// <summary>
    /// Creates a stepper for an augmented system. The stages use the exact block lower-triangular Jacobian of the augmented
    /// system (its coupling blocks from <see cref="IJacobianSystem.CouplingProduct"/>), so the method integrates the
    /// augmented system exactly as it would with a dense Jacobian, with one LU of the stiff block.
    /// </summary>
    public RosenbrockStepper(OdeSolver solver, ImplicitLayout layout)
        : base(solver, layout, Math.Min(solver.RosenbrockTableau!.Order, solver.RosenbrockTableau.EmbeddedOrder), usesTimeDerivative: true)
    {
        RosenbrockTableau tableau = solver.RosenbrockTableau;
        _stageCount = tableau.StageCount;
        _gamma = tableau.Gamma;
        _a = tableau.A.ToArray();
        _coupling = tableau.Coupling.ToArray();
        _nodes = tableau.Nodes.ToArray();
        _timeWeights = tableau.TimeWeights.ToArray();
        _m = tableau.M.ToArray();
        _errorWeights = new double[_stageCount];
        for (int i = 0; i < _stageCount; i++)
        {
            _errorWeights[i] = tableau.M[i] - tableau.EmbeddedM[i];
        }

        _dense = tableau.DenseOutput.ToArray();
        _denseRows = _dense.Length / _stageCount;
        _stages = new double[_stageCount * layout.Dimension];
        _stageState = new double[layout.Dimension];
        _denseScratch = new double[_denseRows * layout.Dimension];
    }

    /// <inheritdoc/>
    public override void Interpolate(double t, Span<double> y)
    {
        WriteDenseRows(_denseScratch);
        InterpolateRows((t - PreviousTime) / LastStep, PreviousState, StepStart, _denseScratch, _denseRows, y[..Dimension]);
    }

    /// <inheritdoc/>
    public override int DenseRowCount => _denseRows;

    /// <summary>Writes the last accepted step's dense rows <c>w_r = Σ_i d_ri K_i</c> (row-major <c>R × n</c>).</summary>
    public override void WriteDenseRows(Span<double> rows)
    {
        int n = Dimension;
        int s = _stageCount;
        for (int r = 0; r < _denseRows; r++)
        {
            for (int component = 0; component < n; component++)
            {
                double w = 0.0;
                for (int i = 0; i < s; i++)
                {
                    w += _dense[(r * s) + i] * _stages[(i * n) + component];
                }

                rows[(r * n) + component] = w;
            }
        }
    }

    /// <summary>
    /// The Rosenbrock dense output <c>y(θ) = (1 − θ) y₀ + θ (y₁ + (1 − θ)(w₀ + θ (w₁ + …)))</c> from a step's end states
    /// and its dense rows (<see cref="WriteDenseRows"/>), by Horner per component.
    /// </summary>
    public static void InterpolateRows(double theta, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, ReadOnlySpan<double> rows, int rowCount, Span<double> y)
    {
        int n = y.Length;
        double complement = 1.0 - theta;
        for (int component = 0; component < n; component++)
        {
            double inner = 0.0;
            for (int r = rowCount - 1; r >= 0; r--)
            {
                inner = rows[(r * n) + component] + (theta * inner);
            }

            y[component] = (complement * y0[component]) + (theta * (y1[component] + (complement * inner)));
        }
    }

    /// <inheritdoc/>
    protected override bool Attempt<TSystem>(ref TSystem system, double h)
    {
        int n = Dimension;
        int stiff = Layout.StiffDimension;
        int s = _stageCount;
        double[] jacobian = Jacobian;
        Span<double> w = Lu.Matrix;
        double diagonal = 1.0 / (h * _gamma);
        for (int k = 0; k < w.Length; k++)
        {
            w[k] = -jacobian[k];
        }

        for (int i = 0; i < stiff; i++)
        {
            w[(i * stiff) + i] += diagonal;
        }

        Factorizations++;
        if (!Lu.Factor())
        {
            return false;
        }

        ReadOnlySpan<double> y = StepStart;
        double t = Time;
        for (int stage = 0; stage < s; stage++)
        {
            Span<double> k = _stages.AsSpan(stage * n, n);
            if (stage == 0)
            {
                // α₁ = 0 and no earlier stages: F(t, y), already known.
                Derivative.CopyTo(k);
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    double sum = y[i];
                    for (int j = 0; j < stage; j++)
                    {
                        sum += _a[(stage * s) + j] * _stages[(j * n) + i];
                    }

                    _stageState[i] = sum;
                }

                system.Evaluate(t + (_nodes[stage] * h), _stageState, k);
                Evaluations++;
                for (int i = 0; i < n; i++)
                {
                    double sum = 0.0;
                    for (int j = 0; j < stage; j++)
                    {
                        sum += _coupling[(stage * s) + j] * _stages[(j * n) + i];
                    }

                    k[i] += sum / h;
                }
            }

            if (HasTimeDerivative)
            {
                double weight = _timeWeights[stage] * h;
                for (int i = 0; i < n; i++)
                {
                    k[i] += weight * TimeDerivative[i];
                }
            }

            SolveBlocks(ref system, k, diagonal, h * _gamma);
        }

        Span<double> candidate = Candidate;
        for (int i = 0; i < n; i++)
        {
            double value = y[i];
            double error = 0.0;
            for (int j = 0; j < s; j++)
            {
                double kj = _stages[(j * n) + i];
                value += _m[j] * kj;
                error += _errorWeights[j] * kj;
            }

            candidate[i] = value;
            ErrorEstimate[i] = error;
        }

        EndDerivativeKnown = false;
        return true;
    }
}
