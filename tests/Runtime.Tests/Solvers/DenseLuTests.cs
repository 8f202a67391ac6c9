using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="DenseLu"/> on its own: hand-solvable systems that need row pivoting, singular and non-finite matrices,
/// and a second solve from the same factors. The implicit-solver tests reach it only through whole solves, where a
/// wrong pivot or a skipped elimination shows up as a slightly different step rather than a failed assertion.
/// </summary>
public sealed class DenseLuTests
{
    [Fact]
    public void Factor_ZeroLeadingEntry_PivotsAndSolvesExactly()
    {
        // M = [[0, 2, 1], [1, 1, 1], [2, 1, 3]], x = [1, 2, 3] ⇒ M x = [7, 6, 13]. Without pivoting the first pivot is 0.
        var lu = new DenseLu(3);
        double[] matrix = [0, 2, 1, 1, 1, 1, 2, 1, 3];
        matrix.CopyTo(lu.Matrix);
        double[] rhs = [7, 6, 13];

        Assert.True(lu.Factor());
        lu.Solve(rhs);

        // Small integers, one division per pivot: the solution is exact up to a couple of roundings.
        Assert.Equal(1.0, rhs[0], 1e-14);
        Assert.Equal(2.0, rhs[1], 1e-14);
        Assert.Equal(3.0, rhs[2], 1e-14);
    }

    [Fact]
    public void Factor_LargestEntryInLastRow_PicksItAsPivot()
    {
        // Partial pivoting takes the largest |entry| of column 0, here 4 in row 2. The factors are then
        // P M = L U with P = rows (2, 1, 0) … checked through the stored multipliers: l₁₀ = 2/4, l₂₀ = 1/4.
        var lu = new DenseLu(3);
        double[] matrix = [1, 1, 1, 2, 3, 1, 4, 1, 2];
        matrix.CopyTo(lu.Matrix);

        Assert.True(lu.Factor());

        // After the swap rows are (4,1,2), (2,3,1), (1,1,1); multipliers 0.5 and 0.25 are exact in binary.
        Assert.Equal(4.0, lu.Matrix[0]);
        Assert.Equal(0.5, lu.Matrix[3]);
        Assert.Equal(0.25, lu.Matrix[6]);

        // x = [1, −1, 2]: M x = [2, 1, 7].
        double[] rhs = [2, 1, 7];
        lu.Solve(rhs);
        Assert.Equal(1.0, rhs[0], 1e-14);
        Assert.Equal(-1.0, rhs[1], 1e-14);
        Assert.Equal(2.0, rhs[2], 1e-14);
    }

    [Fact]
    public void Solve_TwoRightHandSides_ReusesTheFactors()
    {
        // M = [[2, 1], [1, 3]] (det 5): M⁻¹ = [[3, −1], [−1, 2]] / 5, so e₀ ↦ [0.6, −0.2] and e₁ ↦ [−0.2, 0.4].
        var lu = new DenseLu(2);
        double[] matrix = [2, 1, 1, 3];
        matrix.CopyTo(lu.Matrix);
        Assert.True(lu.Factor());

        double[] first = [1, 0];
        double[] second = [0, 1];
        lu.Solve(first);
        lu.Solve(second);

        // Two eliminations on small integers: a few ulps.
        Assert.Equal(0.6, first[0], 1e-15);
        Assert.Equal(-0.2, first[1], 1e-15);
        Assert.Equal(-0.2, second[0], 1e-15);
        Assert.Equal(0.4, second[1], 1e-15);
    }

    [Fact]
    public void Factor_ZeroMultiplierRow_StillEliminatesTheRest()
    {
        // Column 0 below the pivot is [0, 3]: row 1 needs no elimination, row 2 does. M = [[1, 2, 0], [0, 1, 1], [3, 0, 1]]
        // pivots on row 2 first. x = [1, 1, 1] ⇒ M x = [3, 2, 4].
        var lu = new DenseLu(3);
        double[] matrix = [1, 2, 0, 0, 1, 1, 3, 0, 1];
        matrix.CopyTo(lu.Matrix);
        double[] rhs = [3, 2, 4];

        Assert.True(lu.Factor());
        lu.Solve(rhs);

        // Small integers and thirds: a few ulps.
        Assert.Equal(1.0, rhs[0], 1e-14);
        Assert.Equal(1.0, rhs[1], 1e-14);
        Assert.Equal(1.0, rhs[2], 1e-14);
    }

    [Fact]
    public void Factor_SingularMatrix_ReturnsFalse()
    {
        // Second row twice the first: the second pivot is exactly 0 after elimination.
        var lu = new DenseLu(2);
        double[] matrix = [1, 2, 2, 4];
        matrix.CopyTo(lu.Matrix);

        Assert.False(lu.Factor());
    }

    [Fact]
    public void Factor_AllZeroMatrix_ReturnsFalse()
    {
        var lu = new DenseLu(2);

        Assert.False(lu.Factor());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Factor_NonFiniteEntry_ReturnsFalse(double value)
    {
        // A NaN compares false with everything, so only the explicit checks catch it; ∞ would be the largest "pivot".
        var lu = new DenseLu(2);
        double[] matrix = [value, 1, 1, 1];
        matrix.CopyTo(lu.Matrix);

        Assert.False(lu.Factor());
    }

    [Fact]
    public void Dimension_IsTheConstructorArgument()
    {
        var lu = new DenseLu(4);

        Assert.Equal(4, lu.Dimension);
        Assert.Equal(16, lu.Matrix.Length);
    }
}
