using System;

namespace NeuralOdeGen;

/// <summary>
/// The coefficients of a stiffly accurate ESDIRK method (singly diagonally implicit Runge–Kutta with an explicit
/// first stage): <c>a</c> lower triangular with <c>a_00 = 0</c> and <c>a_ii = γ</c> for <c>i ≥ 1</c>, weights
/// <c>b</c> equal to the last row of <c>a</c> (so the solution is the last stage), embedded weights <c>b̂</c>, nodes
/// <c>c</c>. The tableau checks itself on construction: the structure, row sums <c>c_i = Σ_j a_ij</c>, the order
/// conditions up to <c>min(order, 4)</c> for <c>b</c> and <c>min(embedded order, 4)</c> for <c>b̂</c>, and computes
/// <see cref="StabilityAtInfinity"/>.
/// </summary>
public sealed class DiagonallyImplicitTableau
{
    // Coefficients are published with 17 significant digits; the conditions hold to a few ulps. The checks are written
    // !(|x − y| ≤ tol) so that a NaN coefficient fails them instead of passing every one.
    private const double ConditionTolerance = 1e-13;

    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _c;
    private readonly double[] _embeddedB;

    /// <summary>Creates and validates a tableau.</summary>
    /// <param name="name">A short name, e.g. <c>"Kvaerno5"</c>.</param>
    /// <param name="a">The stage matrix, row-major <c>s×s</c>, lower triangular with diagonal <c>(0, γ, …, γ)</c>.</param>
    /// <param name="b">The weights (length <c>s</c>), equal to the last row of <paramref name="a"/>.</param>
    /// <param name="c">The nodes (length <c>s</c>).</param>
    /// <param name="embeddedB">The embedded weights (length <c>s</c>).</param>
    /// <param name="order">The order of the solution.</param>
    /// <param name="embeddedOrder">The order of the embedded solution.</param>
    /// <param name="citation">Where the coefficients come from.</param>
    /// <exception cref="ArgumentException">The shapes or structure disagree, or a consistency or order condition fails.</exception>
    public DiagonallyImplicitTableau(string name, double[] a, double[] b, double[] c, double[] embeddedB, int order, int embeddedOrder, string citation)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(embeddedB);
        ArgumentNullException.ThrowIfNull(citation);
        int s = b.Length;
        if (s < 2)
        {
            throw new ArgumentException($"An ESDIRK method needs at least 2 stages; b has {s}.", nameof(b));
        }

        if (c.Length != s || embeddedB.Length != s || a.Length != s * s)
        {
            throw new ArgumentException($"Shapes disagree: b has {s} entries, c {c.Length}, embeddedB {embeddedB.Length}, a {a.Length} (needs {s * s}).", nameof(a));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddedOrder, 1);
        double gamma = a[s + 1];
        if (!(gamma > 0.0) || a[0] != 0.0)
        {
            throw new ArgumentException($"An ESDIRK method needs a[0,0] = 0 and γ = a[1,1] > 0; got {a[0]} and {gamma}.", nameof(a));
        }

        for (int i = 0; i < s; i++)
        {
            double rowSum = 0.0;
            for (int j = 0; j < s; j++)
            {
                double aij = a[(i * s) + j];
                if ((j > i && aij != 0.0) || (j == i && i > 0 && aij != gamma))
                {
                    throw new ArgumentException($"a[{i},{j}] = {aij}: a must be lower triangular with diagonal (0, γ, …, γ), γ = {gamma}.", nameof(a));
                }

                rowSum += aij;
            }

            if (!(Math.Abs(rowSum - c[i]) <= ConditionTolerance))
            {
                throw new ArgumentException($"Row {i} of a sums to {rowSum:R} but c[{i}] = {c[i]:R}; the nodes must equal the row sums.", nameof(c));
            }

            if (a[((s - 1) * s) + i] != b[i])
            {
                throw new ArgumentException($"b[{i}] = {b[i]} differs from a[{s - 1},{i}]; the method must be stiffly accurate (b = last row of a).", nameof(b));
            }
        }

        ButcherTableau.CheckOrderConditions(a, b, c, Math.Min(order, 4), nameof(b));
        ButcherTableau.CheckOrderConditions(a, embeddedB, c, Math.Min(embeddedOrder, 4), nameof(embeddedB));

        // For a stiffly accurate method R(z) is the last stage's response to y' = λy. As z = hλ → −∞ the stage
        // equations Y_i = 1 + z Σ_{j≤i} a_ij Y_j force Σ_{j≤i} a_ij Y_j → 0, i.e. Y_i → −(Σ_{j<i} a_ij Y_j)/γ, Y_0 = 1.
        double[] limit = new double[s];
        limit[0] = 1.0;
        for (int i = 1; i < s; i++)
        {
            double sum = 0.0;
            for (int j = 0; j < i; j++)
            {
                sum += a[(i * s) + j] * limit[j];
            }

            limit[i] = -sum / gamma;
        }

        Name = name;
        Citation = citation;
        Gamma = gamma;
        Order = order;
        EmbeddedOrder = embeddedOrder;
        StabilityAtInfinity = limit[s - 1];
        _a = (double[])a.Clone();
        _b = (double[])b.Clone();
        _c = (double[])c.Clone();
        _embeddedB = (double[])embeddedB.Clone();
    }

    /// <summary>Gets the method's name.</summary>
    public string Name { get; }

    /// <summary>Gets the source of the coefficients.</summary>
    public string Citation { get; }

    /// <summary>Gets the number of stages <c>s</c> (the first explicit, the others one Newton solve each).</summary>
    public int StageCount => _b.Length;

    /// <summary>Gets the diagonal coefficient γ.</summary>
    public double Gamma { get; }

    /// <summary>Gets the order of the solution.</summary>
    public int Order { get; }

    /// <summary>Gets the order of the embedded solution.</summary>
    public int EmbeddedOrder { get; }

    /// <summary>Gets the stability function at infinity, <c>R(∞)</c>, computed from the coefficients: 0 for an L-stable method.</summary>
    public double StabilityAtInfinity { get; }

    /// <summary>Gets the stage matrix, row-major <c>s×s</c>.</summary>
    public ReadOnlySpan<double> A => _a;

    /// <summary>Gets the weights (the last row of <see cref="A"/>).</summary>
    public ReadOnlySpan<double> B => _b;

    /// <summary>Gets the nodes.</summary>
    public ReadOnlySpan<double> C => _c;

    /// <summary>Gets the embedded weights.</summary>
    public ReadOnlySpan<double> EmbeddedB => _embeddedB;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
