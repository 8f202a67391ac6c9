using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="TrajectoryRecord"/> on its own: what it stores (and keeps when its buffers double), which interval
/// <see cref="TrajectoryRecord.Locate"/> picks, and its two interpolants on polynomials they reproduce exactly. The
/// adjoint tests use it only through gradients, where a slightly wrong interpolant costs a digit, not a failure.
/// </summary>
public sealed class TrajectoryRecordTests
{
    [Fact]
    public void Add_MoreThanTheInitialCapacity_KeepsEveryPointStepAndDerivative()
    {
        // Point k at t = k/2 with state (k, −k), reached by a step of 0.5 (k ≥ 1); 100 points grow the 64-point buffers once.
        var record = new TrajectoryRecord(2, storesDerivatives: true, extension: Tableaus.DormandPrince54.ContinuousExtension, stageStateCount: 3);
        for (int k = 0; k < 100; k++)
        {
            record.Add(0.5 * k, k == 0 ? 99.0 : 0.5, [k, -k]);
            record.Derivative(k)[1] = 10.0 * k;
            record.Stages(k)[13] = k + 0.25;
            record.StageStates(k)[5] = k + 0.75;
        }

        Assert.Equal(100, record.Count);
        Assert.Equal(49.5, record.Time(99));
        Assert.Equal([99.0, -99.0], record.State(99).ToArray());
        Assert.Equal([10.0, -10.0], record.State(10).ToArray());
        Assert.Equal(100.0, record.Derivative(10)[1]);
        Assert.Equal(10.25, record.Stages(10)[13]);
        Assert.Equal(10.75, record.StageStates(10)[5]);
        Assert.Equal(0.5, record.StepSize(0));
        Assert.Equal(0.5, record.StepSize(98));
        Assert.Equal(14, record.Stages(0).Length); // 7 stages × 2 states
        Assert.Equal(6, record.StageStates(0).Length); // 3 stage states × 2 states
        Assert.True(record.StoresStageStates);
    }

    [Fact]
    public void Add_StepFromPrevious_IsStoredAgainstThePreviousPoint()
    {
        var record = new TrajectoryRecord(1, storesDerivatives: false);
        record.Add(0.0, 123.0, [0.0]); // the first point has no previous one: its step is ignored
        record.Add(0.3, 0.3, [1.0]);
        record.Add(1.0, 0.7, [2.0]);

        Assert.Equal(0.3, record.StepSize(0));
        Assert.Equal(0.7, record.StepSize(1));
        Assert.False(record.StoresStageStates);
        Assert.False(record.StoresStages);
    }

    [Fact]
    public void Clear_StartsOverAtTheFirstPoint()
    {
        var record = new TrajectoryRecord(1, storesDerivatives: false);
        record.Add(0.0, 0.0, [5.0]);
        record.Add(1.0, 1.0, [6.0]);
        record.Clear();
        record.Add(2.0, 0.0, [7.0]);

        Assert.Equal(1, record.Count);
        Assert.Equal(2.0, record.Time(0));
        Assert.Equal(7.0, record.State(0)[0]);
    }

    [Theory]
    [InlineData(1.5, 0.375)]
    [InlineData(2.0, 4.0)]
    [InlineData(2.75, 15.296875)]
    public void Interpolate_Hermite_ReproducesACubic(double t, double expected)
    {
        // y = t³ − 2t, y' = 3t² − 2, on the interval [1, 3]: cubic Hermite from both ends is exact for a cubic.
        // Hand: y(1.5) = 3.375 − 3, y(2) = 8 − 4, y(2.75) = 20.796875 − 5.5.
        var record = new TrajectoryRecord(1, storesDerivatives: true);
        record.Add(1.0, 0.0, [-1.0]);
        record.Derivative(0)[0] = 1.0;
        record.Add(3.0, 2.0, [21.0]);
        record.Derivative(1)[0] = 25.0;

        double[] y = new double[1];
        record.Interpolate(0, t, y);

        // Values below 25 from four products with dyadic weights: a few ulps.
        Assert.Equal(expected, y[0], 1e-13);
    }

    [Fact]
    public void Interpolate_SecondInterval_ReadsItsOwnEndPoints()
    {
        // y = 2t + 1 (y' = 2) recorded at t = 0, 1, 3: the point t = 2 lies in interval 1 = [1, 3].
        var record = new TrajectoryRecord(1, storesDerivatives: true);
        foreach (double time in (double[])[0.0, 1.0, 3.0])
        {
            record.Add(time, 0.0, [(2.0 * time) + 1.0]);
            record.Derivative(record.Count - 1)[0] = 2.0;
        }

        double[] y = new double[1];
        record.Interpolate(1, 2.0, y);

        Assert.Equal(5.0, y[0], 1e-14); // exact for a line up to rounding of the Hermite weights
    }

    [Fact]
    public void Interpolate_WithDormandPrinceStages_UsesTheirDenseOutput()
    {
        // y = t⁴ over [1, 3] (h = 2): stages f(1 + cᵢ·2) with f = 4t³ at the Dormand–Prince nodes. Hermite from the end
        // derivatives would give 15 at t = 2 (it is exact only up to cubics); the order-4 dense output gives 2⁴ = 16.
        double[] nodes = [0.0, 1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0, 1.0, 1.0];
        var record = new TrajectoryRecord(1, storesDerivatives: true, extension: Tableaus.DormandPrince54.ContinuousExtension);
        record.Add(1.0, 0.0, [1.0]);
        record.Derivative(0)[0] = 4.0;
        record.Add(3.0, 2.0, [81.0]);
        record.Derivative(1)[0] = 108.0;
        for (int i = 0; i < 7; i++)
        {
            double t = 1.0 + (2.0 * nodes[i]);
            record.Stages(0)[i] = 4.0 * t * t * t;
        }

        double[] y = new double[1];
        record.Interpolate(0, 2.0, y);

        Assert.Equal(16.0, y[0], 1e-12); // values up to 81 with rational coefficients: a few hundred ulps at most
    }

    [Theory]
    [InlineData(0.5, 0, 0)]
    [InlineData(2.5, 0, 2)]
    [InlineData(0.5, 2, 0)]
    [InlineData(-1.0, 1, 0)] // before the first point: clamped to the first interval
    [InlineData(5.0, 0, 2)] // after the last point: clamped to the last interval
    [InlineData(1.0, 2, 1)] // exactly on a point, coming from above: the interval that ends there
    [InlineData(2.0, 0, 1)] // exactly on a point, coming from below: the interval that ends there
    [InlineData(2.0, 2, 2)] // exactly on a point, already in the interval that starts there: stays
    [InlineData(1.5, 9, 1)] // a start beyond the last interval is clamped first
    [InlineData(1.5, -3, 1)] // and so is a negative one
    public void Locate_FromAStartInterval_MovesToTheIntervalHoldingT(double t, int start, int expected)
    {
        // Points at t = 0, 1, 2, 3: intervals 0 = [0, 1], 1 = [1, 2], 2 = [2, 3].
        var record = new TrajectoryRecord(1, storesDerivatives: false);
        for (int k = 0; k < 4; k++)
        {
            record.Add(k, 1.0, [0.0]);
        }

        Assert.Equal(expected, record.Locate(t, start));
    }

    [Fact]
    public void Interpolate_TwoComponentsSecondInterval_MatchesEachComponentRecordedAlone()
    {
        // Stages are row-major (stage, component) per interval and states n per point: a two-component record must give,
        // on both intervals, what two one-component records with the same data give (an offset error reads, or overwrites,
        // another interval's or point's values).
        ContinuousExtension extension = Tableaus.DormandPrince54.ContinuousExtension!;
        var pair = new TrajectoryRecord(2, storesDerivatives: true, extension: extension);
        var first = new TrajectoryRecord(1, storesDerivatives: true, extension: extension);
        var second = new TrajectoryRecord(1, storesDerivatives: true, extension: extension);
        double[][] states = [[1.0, -1.0], [2.0, -3.0], [4.0, -2.0]];
        for (int k = 0; k < 3; k++)
        {
            pair.Add(0.5 * k, 0.5, states[k]);
            first.Add(0.5 * k, 0.5, [states[k][0]]);
            second.Add(0.5 * k, 0.5, [states[k][1]]);
        }

        for (int k = 0; k < 2; k++)
        {
            for (int i = 0; i < 7; i++)
            {
                pair.Stages(k)[2 * i] = first.Stages(k)[i] = (10 * k) + i;
                pair.Stages(k)[(2 * i) + 1] = second.Stages(k)[i] = (-7 * k) + (i * i);
            }
        }

        double[] both = new double[2];
        double[] one = new double[1];
        double[] other = new double[1];
        foreach ((int interval, double t) in new[] { (0, 0.3), (1, 0.8) })
        {
            pair.Interpolate(interval, t, both);
            first.Interpolate(interval, t, one);
            second.Interpolate(interval, t, other);

            Assert.Equal([one[0], other[0]], both);
        }
    }
}
