using System;

namespace NeuralOdeGen;

/// <summary>
/// The coefficients of an explicit Runge–Kutta method: <c>a</c> (strictly lower triangular), weights <c>b</c>,
/// nodes <c>c</c>, and optionally embedded weights <c>b̂</c> for error estimation. A tableau checks itself on
/// construction: row sums <c>c_i = Σ_j a_ij</c>, explicitness, and the order conditions up to
/// <c>min(order, 4)</c> for <c>b</c> and <c>min(embedded order, 4)</c> for <c>b̂</c>.
/// </summary>
public sealed class ButcherTableau
{
    // Coefficients are given as exact fractions rounded to double; the conditions hold to a few ulps. The checks are
    // written !(|x − y| ≤ tol) so that a NaN coefficient fails them instead of passing every one.
    private const double ConditionTolerance = 1e-13;

    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly double[]? _embeddedB;

    /// <summary>Creates and validates a tableau.</summary>
    /// <param name="name">A short name, e.g. <c>"Dormand–Prince 5(4)"</c>.</param>
    /// <param name="a">The stage matrix, row-major <c>s×s</c>; entries on and above the diagonal must be 0.</param>
    /// <param name="b">The weights of the propagated solution (length <c>s</c>).</param>
    /// <param name="c">The nodes (length <c>s</c>).</param>
    /// <param name="order">The order of the propagated solution.</param>
    /// <param name="embeddedB">The weights of the embedded solution, or <see langword="null"/> for a fixed-step method.</param>
    /// <param name="embeddedOrder">The order of the embedded solution (0 when there is none).</param>
    /// <param name="isFirstSameAsLast">Whether the last stage is evaluated at the propagated solution, so it can be reused as the next step's first stage.</param>
    /// <param name="citation">Where the coefficients come from.</param>
    /// <param name="continuousExtension">The method's own dense output, or <see langword="null"/> for cubic Hermite interpolation.</param>
    /// <exception cref="ArgumentException">The shapes disagree, the method is not explicit, or a consistency or order condition fails (of the method or of its continuous extension).</exception>
    public ButcherTableau(
        string name,
        double[] a,
        double[] b,
        double[] c,
        int order,
        double[]? embeddedB,
        int embeddedOrder,
        bool isFirstSameAsLast,
        string citation,
        ContinuousExtension? continuousExtension = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(citation);
        int s = b.Length;
        if (s == 0)
        {
            throw new ArgumentException("A tableau needs at least one stage; b is empty.", nameof(b));
        }

        if (c.Length != s)
        {
            throw new ArgumentException($"c has {c.Length} entries but b has {s}; both need one per stage.", nameof(c));
        }

        if (a.Length != s * s)
        {
            throw new ArgumentException($"a has {a.Length} entries; a {s}-stage tableau needs {s * s} (row-major s×s).", nameof(a));
        }

        if (embeddedB is not null && embeddedB.Length != s)
        {
            throw new ArgumentException($"embeddedB has {embeddedB.Length} entries but the tableau has {s} stages.", nameof(embeddedB));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        if (embeddedB is null ? embeddedOrder != 0 : embeddedOrder < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(embeddedOrder), embeddedOrder, "The embedded order must be ≥ 1 with embedded weights and 0 without.");
        }

        for (int i = 0; i < s; i++)
        {
            double rowSum = 0.0;
            for (int j = 0; j < s; j++)
            {
                double aij = a[(i * s) + j];
                if (j >= i && aij != 0.0)
                {
                    throw new ArgumentException($"a[{i},{j}] = {aij} but an explicit method needs a strictly lower-triangular a.", nameof(a));
                }

                rowSum += aij;
            }

            if (!(Math.Abs(rowSum - c[i]) <= ConditionTolerance))
            {
                throw new ArgumentException($"Row {i} of a sums to {rowSum:R} but c[{i}] = {c[i]:R}; the nodes must equal the row sums.", nameof(c));
            }
        }

        CheckOrderConditions(a, b, c, Math.Min(order, 4), nameof(b));
        if (embeddedB is not null)
        {
            CheckOrderConditions(a, embeddedB, c, Math.Min(embeddedOrder, 4), nameof(embeddedB));
        }

        if (isFirstSameAsLast)
        {
            // The last stage must be evaluated at the propagated solution: last row of a equals b, and c = 1.
            for (int j = 0; j < s; j++)
            {
                if (!(Math.Abs(a[((s - 1) * s) + j] - b[j]) <= ConditionTolerance))
                {
                    throw new ArgumentException("A first-same-as-last tableau needs its last row of a equal to b.", nameof(isFirstSameAsLast));
                }
            }
        }

        continuousExtension?.Validate(a, b, c, ConditionTolerance, nameof(continuousExtension));
        Name = name;
        Citation = citation;
        this.ContinuousExtension = continuousExtension;
        Order = order;
        EmbeddedOrder = embeddedOrder;
        IsFirstSameAsLast = isFirstSameAsLast;
        _a = (double[])a.Clone();
        _b = (double[])b.Clone();
        _c = (double[])c.Clone();
        _embeddedB = embeddedB is null ? null : (double[])embeddedB.Clone();
    }

    /// <summary>
    /// Gets the method's own dense output (no extra evaluations), or <see langword="null"/> when it has none and the
    /// solver interpolates with cubic Hermite from the derivatives at both ends of the step.
    /// </summary>
    public ContinuousExtension? ContinuousExtension { get; }

    /// <summary>Gets the method's name.</summary>
    public string Name { get; }

    /// <summary>Gets the source of the coefficients.</summary>
    public string Citation { get; }

    /// <summary>Gets the number of stages <c>s</c>.</summary>
    public int StageCount => _b.Length;

    /// <summary>Gets the order of the propagated solution.</summary>
    public int Order { get; }

    /// <summary>Gets the order of the embedded solution, or 0 when the method has none.</summary>
    public int EmbeddedOrder { get; }

    /// <summary>Gets a value indicating whether the method has an embedded error estimate (and so supports adaptive steps).</summary>
    public bool HasEmbedded => _embeddedB is not null;

    /// <summary>Gets a value indicating whether the last stage equals the next step's first (FSAL).</summary>
    public bool IsFirstSameAsLast { get; }

    /// <summary>Gets the stage matrix, row-major <c>s×s</c>.</summary>
    public ReadOnlySpan<double> A => _a;

    /// <summary>Gets the weights.</summary>
    public ReadOnlySpan<double> B => _b;

    /// <summary>Gets the nodes.</summary>
    public ReadOnlySpan<double> C => _c;

    /// <summary>Gets the embedded weights (empty when the method has none).</summary>
    public ReadOnlySpan<double> EmbeddedB => _embeddedB;

    /// <inheritdoc/>
    public override string ToString() => Name;

    // Order conditions for the rooted trees up to order 4 (Hairer, Nørsett & Wanner, Solving ODEs I, §II.2). They hold
    // for any Runge–Kutta matrix, so DiagonallyImplicitTableau checks its (implicit) a with them too.
    internal static void CheckOrderConditions(double[] a, double[] b, double[] c, int order, string argumentName)
    {
        int s = b.Length;
        double[] ac = new double[s];
        double[] ac2 = new double[s];
        double[] aac = new double[s];
        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j < s; j++)
            {
                ac[i] += a[(i * s) + j] * c[j];
                ac2[i] += a[(i * s) + j] * c[j] * c[j];
            }
        }

        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j < s; j++)
            {
                aac[i] += a[(i * s) + j] * ac[j];
            }
        }

        double sumB = 0, sumBc = 0, sumBc2 = 0, sumBac = 0, sumBc3 = 0, sumBcac = 0, sumBac2 = 0, sumBaac = 0;
        for (int i = 0; i < s; i++)
        {
            sumB += b[i];
            sumBc += b[i] * c[i];
            sumBc2 += b[i] * c[i] * c[i];
            sumBac += b[i] * ac[i];
            sumBc3 += b[i] * c[i] * c[i] * c[i];
            sumBcac += b[i] * c[i] * ac[i];
            sumBac2 += b[i] * ac2[i];
            sumBaac += b[i] * aac[i];
        }

        Check(1, sumB, 1.0, "Σ b_i = 1");
        Check(2, sumBc, 1.0 / 2.0, "Σ b_i c_i = 1/2");
        Check(3, sumBc2, 1.0 / 3.0, "Σ b_i c_i² = 1/3");
        Check(3, sumBac, 1.0 / 6.0, "Σ b_i a_ij c_j = 1/6");
        Check(4, sumBc3, 1.0 / 4.0, "Σ b_i c_i³ = 1/4");
        Check(4, sumBcac, 1.0 / 8.0, "Σ b_i c_i a_ij c_j = 1/8");
        Check(4, sumBac2, 1.0 / 12.0, "Σ b_i a_ij c_j² = 1/12");
        Check(4, sumBaac, 1.0 / 24.0, "Σ b_i a_ij a_jk c_k = 1/24");

        void Check(int conditionOrder, double actual, double expected, string condition)
        {
            if (conditionOrder <= order && !(Math.Abs(actual - expected) <= ConditionTolerance))
            {
                throw new ArgumentException($"Order condition {condition} fails for {argumentName}: got {actual:R}.", argumentName);
            }
        }
    }
}
