using System;

namespace NeuralOdeGen;

/// <summary>
/// The coefficients of a Rosenbrock method in the transformed form of Hairer &amp; Wanner (Solving ODEs II, §IV.7,
/// eq. 7.25), which needs no matrix–vector product with the Jacobian: with <c>W = I/(hγ) − J</c>,
/// <code>
/// W K_i = F(t + α_i h, y + Σ_{j&lt;i} a_ij K_j) + Σ_{j&lt;i} (c_ij / h) K_j + γ_i h ∂F/∂t,    y₁ = y + Σ m_i K_i,
/// </code>
/// and the embedded solution <c>ŷ₁ = y + Σ m̂_i K_i</c>. Dense output over a step is
/// <c>y(t + θh) = (1 − θ) y + θ (y₁ + (1 − θ)(w₀ + θ (w₁ + θ (w₂ + …))))</c> with <c>w_r = Σ_i d_ri K_i</c>.
/// </summary>
/// <remarks>
/// The tableau checks itself on construction: it recovers the original coefficients <c>Γ = (diag(1/γ) − C)⁻¹</c>,
/// <c>α = A Γ</c>, <c>b = m Γ</c>, <c>b̂ = m̂ Γ</c>, then requires the nodes <c>α_i = Σ_j α_ij</c> and
/// <c>γ_i = Σ_j Γ_ij</c> and the Rosenbrock order conditions (Hairer &amp; Wanner II, Table IV.7.1) up to
/// <c>min(order, 4)</c> for <c>b</c> and <c>min(embedded order, 4)</c> for <c>b̂</c>.
/// </remarks>
public sealed class RosenbrockTableau
{
    // The published coefficients carry 16 significant digits and reach magnitudes ~35; the recovered α, Γ, b and
    // their products in the order conditions keep ~12 digits, well above any failed condition (≥ 1e-4 in practice).
    // The checks are written !(|x − y| ≤ tol) so that a NaN coefficient fails them instead of passing every one.
    private const double ConditionTolerance = 1e-10;

    private readonly double[] _a;
    private readonly double[] _coupling;
    private readonly double[] _nodes;
    private readonly double[] _timeWeights;
    private readonly double[] _m;
    private readonly double[] _embeddedM;
    private readonly double[] _dense;

    /// <summary>Creates and validates a Rosenbrock tableau.</summary>
    /// <param name="name">A short name, e.g. <c>"Rodas4"</c>.</param>
    /// <param name="gamma">The diagonal coefficient γ &gt; 0.</param>
    /// <param name="a">The transformed stage coefficients <c>a_ij</c>, row-major <c>s×s</c>, strictly lower triangular.</param>
    /// <param name="coupling">The transformed coupling coefficients <c>c_ij</c>, row-major <c>s×s</c>, strictly lower triangular.</param>
    /// <param name="nodes">The stage times <c>α_i</c> (length <c>s</c>).</param>
    /// <param name="timeWeights">The weights <c>γ_i</c> of <c>h ∂F/∂t</c> (length <c>s</c>).</param>
    /// <param name="m">The solution weights (length <c>s</c>).</param>
    /// <param name="embeddedM">The embedded solution weights (length <c>s</c>).</param>
    /// <param name="denseOutput">The dense-output coefficients <c>d_ri</c>, row-major <c>r×s</c> (may be empty: linear interpolation).</param>
    /// <param name="order">The order of <c>y₁</c>.</param>
    /// <param name="embeddedOrder">The order of <c>ŷ₁</c>.</param>
    /// <param name="denseOutputOrder">The order of the dense output.</param>
    /// <param name="citation">Where the coefficients come from.</param>
    /// <exception cref="ArgumentException">The shapes disagree, a matrix is not strictly lower triangular, or a node or order condition fails.</exception>
    public RosenbrockTableau(
        string name,
        double gamma,
        double[] a,
        double[] coupling,
        double[] nodes,
        double[] timeWeights,
        double[] m,
        double[] embeddedM,
        double[] denseOutput,
        int order,
        int embeddedOrder,
        int denseOutputOrder,
        string citation)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(coupling);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(timeWeights);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(embeddedM);
        ArgumentNullException.ThrowIfNull(denseOutput);
        ArgumentNullException.ThrowIfNull(citation);
        if (!(gamma > 0.0) || !double.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"γ must be positive and finite; got {gamma}.");
        }

        int s = m.Length;
        if (s == 0)
        {
            throw new ArgumentException("A tableau needs at least one stage; m is empty.", nameof(m));
        }

        RequireLength(nodes, s, nameof(nodes));
        RequireLength(timeWeights, s, nameof(timeWeights));
        RequireLength(embeddedM, s, nameof(embeddedM));
        RequireLength(a, s * s, nameof(a));
        RequireLength(coupling, s * s, nameof(coupling));
        if (denseOutput.Length % s != 0)
        {
            throw new ArgumentException($"denseOutput has {denseOutput.Length} entries, not a multiple of the {s} stages.", nameof(denseOutput));
        }

        RequireStrictlyLower(a, s, nameof(a));
        RequireStrictlyLower(coupling, s, nameof(coupling));
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddedOrder, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(denseOutputOrder, 1);

        // Γ⁻¹ = diag(1/γ) − C is lower triangular; invert it column by column by forward substitution.
        double[] inverse = new double[s * s];
        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j < i; j++)
            {
                inverse[(i * s) + j] = -coupling[(i * s) + j];
            }

            inverse[(i * s) + i] = 1.0 / gamma;
        }

        double[] big = LowerInverse(inverse, s);
        double[] alpha = Multiply(a, big, s);
        for (int i = 0; i < s; i++)
        {
            double nodeSum = 0.0;
            double gammaSum = 0.0;
            for (int j = 0; j < s; j++)
            {
                nodeSum += alpha[(i * s) + j];
                gammaSum += big[(i * s) + j];
            }

            if (!(Math.Abs(nodeSum - nodes[i]) <= ConditionTolerance))
            {
                throw new ArgumentException($"Row {i} of α = A·Γ sums to {nodeSum:R} but nodes[{i}] = {nodes[i]:R}.", nameof(nodes));
            }

            if (!(Math.Abs(gammaSum - timeWeights[i]) <= ConditionTolerance))
            {
                throw new ArgumentException($"Row {i} of Γ sums to {gammaSum:R} but timeWeights[{i}] = {timeWeights[i]:R}.", nameof(timeWeights));
            }
        }

        double[] b = RowTimes(m, big, s);
        double[] embeddedB = RowTimes(embeddedM, big, s);
        CheckOrderConditions(alpha, big, gamma, b, Math.Min(order, 4), nameof(m));
        CheckOrderConditions(alpha, big, gamma, embeddedB, Math.Min(embeddedOrder, 4), nameof(embeddedM));

        // R(∞) = 1 − bᵀ (α + Γ)⁻¹ 1 (Hairer & Wanner II, eq. IV.7.14 at z → ∞): 0 for an L-stable method.
        double[] beta = new double[s * s];
        for (int k = 0; k < beta.Length; k++)
        {
            beta[k] = alpha[k] + big[k];
        }

        double[] ones = SolveLower(beta, s);
        double atInfinity = 1.0;
        for (int i = 0; i < s; i++)
        {
            atInfinity -= b[i] * ones[i];
        }

        Name = name;
        Citation = citation;
        Gamma = gamma;
        Order = order;
        EmbeddedOrder = embeddedOrder;
        DenseOutputOrder = denseOutputOrder;
        StabilityAtInfinity = atInfinity;
        _a = (double[])a.Clone();
        _coupling = (double[])coupling.Clone();
        _nodes = (double[])nodes.Clone();
        _timeWeights = (double[])timeWeights.Clone();
        _m = (double[])m.Clone();
        _embeddedM = (double[])embeddedM.Clone();
        _dense = (double[])denseOutput.Clone();
    }

    /// <summary>Gets the method's name.</summary>
    public string Name { get; }

    /// <summary>Gets the source of the coefficients.</summary>
    public string Citation { get; }

    /// <summary>Gets the number of stages <c>s</c> (one right-hand side evaluation and one LU solve each).</summary>
    public int StageCount => _m.Length;

    /// <summary>Gets the diagonal coefficient γ.</summary>
    public double Gamma { get; }

    /// <summary>Gets the order of the solution.</summary>
    public int Order { get; }

    /// <summary>Gets the order of the embedded solution.</summary>
    public int EmbeddedOrder { get; }

    /// <summary>Gets the order of the dense output.</summary>
    public int DenseOutputOrder { get; }

    /// <summary>Gets the stability function at infinity, <c>R(∞)</c>, computed from the coefficients: 0 for an L-stable method.</summary>
    public double StabilityAtInfinity { get; }

    /// <summary>Gets the transformed stage coefficients <c>a_ij</c>, row-major <c>s×s</c>.</summary>
    public ReadOnlySpan<double> A => _a;

    /// <summary>Gets the transformed coupling coefficients <c>c_ij</c>, row-major <c>s×s</c>.</summary>
    public ReadOnlySpan<double> Coupling => _coupling;

    /// <summary>Gets the stage times <c>α_i</c>.</summary>
    public ReadOnlySpan<double> Nodes => _nodes;

    /// <summary>Gets the weights <c>γ_i</c> of <c>h ∂F/∂t</c>.</summary>
    public ReadOnlySpan<double> TimeWeights => _timeWeights;

    /// <summary>Gets the solution weights <c>m_i</c>.</summary>
    public ReadOnlySpan<double> M => _m;

    /// <summary>Gets the embedded solution weights <c>m̂_i</c>.</summary>
    public ReadOnlySpan<double> EmbeddedM => _embeddedM;

    /// <summary>Gets the dense-output coefficients <c>d_ri</c>, row-major <c>r×s</c>.</summary>
    public ReadOnlySpan<double> DenseOutput => _dense;

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static void RequireLength(double[] values, int expected, string name)
    {
        if (values.Length != expected)
        {
            throw new ArgumentException($"{name} has {values.Length} entries; expected {expected}.", name);
        }
    }

    private static void RequireStrictlyLower(double[] matrix, int s, string name)
    {
        for (int i = 0; i < s; i++)
        {
            for (int j = i; j < s; j++)
            {
                if (matrix[(i * s) + j] != 0.0)
                {
                    throw new ArgumentException($"{name}[{i},{j}] = {matrix[(i * s) + j]} but {name} must be strictly lower triangular.", name);
                }
            }
        }
    }

    private static double[] LowerInverse(double[] lower, int s)
    {
        double[] result = new double[s * s];
        for (int column = 0; column < s; column++)
        {
            for (int i = column; i < s; i++)
            {
                double sum = i == column ? 1.0 : 0.0;
                for (int j = column; j < i; j++)
                {
                    sum -= lower[(i * s) + j] * result[(j * s) + column];
                }

                result[(i * s) + column] = sum / lower[(i * s) + i];
            }
        }

        return result;
    }

    // Solves the lower-triangular system L x = 1.
    private static double[] SolveLower(double[] lower, int s)
    {
        double[] x = new double[s];
        for (int i = 0; i < s; i++)
        {
            double sum = 1.0;
            for (int j = 0; j < i; j++)
            {
                sum -= lower[(i * s) + j] * x[j];
            }

            x[i] = sum / lower[(i * s) + i];
        }

        return x;
    }

    private static double[] Multiply(double[] left, double[] right, int s)
    {
        double[] result = new double[s * s];
        for (int i = 0; i < s; i++)
        {
            for (int k = 0; k < s; k++)
            {
                double value = left[(i * s) + k];
                for (int j = 0; j < s; j++)
                {
                    result[(i * s) + j] += value * right[(k * s) + j];
                }
            }
        }

        return result;
    }

    private static double[] RowTimes(double[] row, double[] matrix, int s)
    {
        double[] result = new double[s];
        for (int k = 0; k < s; k++)
        {
            for (int j = 0; j < s; j++)
            {
                result[j] += row[k] * matrix[(k * s) + j];
            }
        }

        return result;
    }

    // Hairer & Wanner II, Table IV.7.1, with β_ij = α_ij + γ_ij below the diagonal, β'_i = Σ_{j<i} β_ij, α_i = Σ_j α_ij.
    private static void CheckOrderConditions(double[] alpha, double[] big, double gamma, double[] b, int order, string argumentName)
    {
        int s = b.Length;
        double[] alphaSum = new double[s];
        double[] betaPrime = new double[s];
        double[] betaBetaPrime = new double[s];
        double[] alphaBetaPrime = new double[s];
        double[] betaAlpha2 = new double[s];
        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j < i; j++)
            {
                alphaSum[i] += alpha[(i * s) + j];
                betaPrime[i] += alpha[(i * s) + j] + big[(i * s) + j];
            }
        }

        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double beta = alpha[(i * s) + j] + big[(i * s) + j];
                betaBetaPrime[i] += beta * betaPrime[j];
                alphaBetaPrime[i] += alpha[(i * s) + j] * betaPrime[j];
                betaAlpha2[i] += beta * alphaSum[j] * alphaSum[j];
            }
        }

        double sum1 = 0, sum2 = 0, sum3a = 0, sum3b = 0, sum4a = 0, sum4b = 0, sum4c = 0, sum4d = 0;
        for (int i = 0; i < s; i++)
        {
            double betaBetaBetaPrime = 0.0;
            for (int j = 0; j < i; j++)
            {
                betaBetaBetaPrime += (alpha[(i * s) + j] + big[(i * s) + j]) * betaBetaPrime[j];
            }

            sum1 += b[i];
            sum2 += b[i] * betaPrime[i];
            sum3a += b[i] * alphaSum[i] * alphaSum[i];
            sum3b += b[i] * betaBetaPrime[i];
            sum4a += b[i] * alphaSum[i] * alphaSum[i] * alphaSum[i];
            sum4b += b[i] * alphaSum[i] * alphaBetaPrime[i];
            sum4c += b[i] * betaAlpha2[i];
            sum4d += b[i] * betaBetaBetaPrime;
        }

        double g = gamma;
        Check(1, sum1, 1.0, "Σ b_i = 1");
        Check(2, sum2, 0.5 - g, "Σ b_i β'_i = 1/2 − γ");
        Check(3, sum3a, 1.0 / 3.0, "Σ b_i α_i² = 1/3");
        Check(3, sum3b, (1.0 / 6.0) - g + (g * g), "Σ b_i β_ij β'_j = 1/6 − γ + γ²");
        Check(4, sum4a, 0.25, "Σ b_i α_i³ = 1/4");
        Check(4, sum4b, 0.125 - (g / 3.0), "Σ b_i α_i α_ij β'_j = 1/8 − γ/3");
        Check(4, sum4c, (1.0 / 12.0) - (g / 3.0), "Σ b_i β_ij α_j² = 1/12 − γ/3");
        Check(4, sum4d, (1.0 / 24.0) - (g / 2.0) + (1.5 * g * g) - (g * g * g), "Σ b_i β_ij β_jk β'_k = 1/24 − γ/2 + 3γ²/2 − γ³");

        void Check(int conditionOrder, double actual, double expected, string condition)
        {
            if (conditionOrder <= order && !(Math.Abs(actual - expected) <= ConditionTolerance))
            {
                throw new ArgumentException($"Order condition {condition} fails for {argumentName}: got {actual:R}, expected {expected:R}.", argumentName);
            }
        }
    }
}
