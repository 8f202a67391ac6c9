using System;

namespace NeuralOdeGen;

/// <summary>
/// An explicit Butcher tableau laid out for <see cref="RungeKuttaStep"/> and <see cref="RungeKuttaReverseStep"/>: the
/// rows of <c>A</c> for the forward stages, its columns (read in increasing row order) for the reverse sweep's couplings,
/// and how many stages can affect the propagated solution.
/// </summary>
internal sealed class RungeKuttaCoefficients
{
    private readonly double[] _a;
    private readonly double[] _columns;
    private readonly double[] _b;
    private readonly double[] _c;

    public RungeKuttaCoefficients(ButcherTableau tableau)
    {
        int s = tableau.StageCount;
        StageCount = s;
        _a = tableau.A.ToArray();
        _b = tableau.B.ToArray();
        _c = tableau.C.ToArray();
        _columns = new double[s * s];
        for (int l = 0; l < s; l++)
        {
            for (int j = 0; j < s; j++)
            {
                _columns[(j * s) + l] = _a[(l * s) + j];
            }
        }

        // Stages after the last nonzero weight (DP5's FSAL stage) cannot affect the propagated solution.
        UsedStages = s;
        while (UsedStages > 1 && _b[UsedStages - 1] == 0.0)
        {
            UsedStages--;
        }
    }

    /// <summary>Gets the number of stages <c>s</c>.</summary>
    public int StageCount { get; }

    /// <summary>Gets the number of leading stages with a weight in the solution or in a later used stage.</summary>
    public int UsedStages { get; }

    /// <summary>Gets the solution weights <c>b</c>.</summary>
    public ReadOnlySpan<double> B => _b;

    /// <summary>Gets the nodes <c>c</c>.</summary>
    public ReadOnlySpan<double> C => _c;

    /// <summary>Gets <c>a_i0 … a_i,i−1</c>, the weights of stage <c>i</c>'s state.</summary>
    public ReadOnlySpan<double> Row(int i) => _a.AsSpan(i * StageCount, i);

    /// <summary>Gets <c>a_lj</c> for the used stages <c>l = j + 1 … UsedStages − 1</c>: how stage <c>j</c> feeds the later ones.</summary>
    public ReadOnlySpan<double> Couplings(int j) => _columns.AsSpan((j * StageCount) + j + 1, UsedStages - j - 1);
}
