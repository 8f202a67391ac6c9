using NeuralOdeGen.Benchmarks.Models;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>The spiral demo's true dynamics (generated, linked from the benchmarks project) is torch.mm(y**3, A): row vector times A.</summary>
public sealed class SpiralTruthTests
{
    [Fact]
    public void Evaluate_RowVectorConvention_MatchesHandComputation()
    {
        double[] rate = new double[2];

        SpiralTruth.Evaluate(0.0, [1.5, -0.5], [], rate);

        // y³ = (3.375, −0.125); (y³)A = (3.375·(−0.1) + (−0.125)·(−2.0), 3.375·2.0 + (−0.125)·(−0.1)) = (−0.0875, 6.7625);
        // the transposed product A·y³ would give (−0.5875, −6.7375), so the convention is pinned. Rounding only: 1e-15.
        Assert.Equal(-0.0875, rate[0], 1e-15);
        Assert.Equal(6.7625, rate[1], 1e-15);
    }

    [Fact]
    public void StateJacobian_AnyState_IsThreeYSquaredTimesATransposed()
    {
        double[] jacobian = new double[4];

        SpiralTruth.StateJacobian(0.0, [1.5, -0.5], [], jacobian);

        // jx[2j + i] = ∂f_j/∂y_i = 3 y_i² A[i][j]: with 3y² = (6.75, 0.75), J = [[−0.675, −1.5], [13.5, −0.075]].
        Assert.Equal(-0.675, jacobian[0], 1e-15);
        Assert.Equal(-1.5, jacobian[1], 1e-15);
        Assert.Equal(13.5, jacobian[2], 1e-15);
        Assert.Equal(-0.075, jacobian[3], 1e-15);
        Assert.Equal(0, SpiralTruth.ParameterCount);
    }
}
