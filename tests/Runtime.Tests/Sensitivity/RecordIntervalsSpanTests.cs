using System;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// <see cref="RecordIntervals.Locate(ReadOnlySpan{double}, double, int)"/>, the search over bare recorded times that the lane
/// checkpoints use (docs/quality.md, issue #16, the span overload re-measured): between recorded points the step whose ends
/// enclose the time, from any hint (clamped), before the first and past the last point, for increasing and decreasing
/// times; at a recorded point (which two steps share) the same step as the record's own search from the same hint, which
/// its documentation promises.
/// </summary>
public sealed class RecordIntervalsSpanTests
{
    private static readonly double[] Increasing = [0.0, 1.0, 2.0, 3.0, 4.0];
    private static readonly double[] Decreasing = [4.0, 3.0, 2.0, 1.0, 0.0];

    [Theory]
    [InlineData(2.5, 0, 2)]
    [InlineData(2.5, 3, 2)]
    [InlineData(2.5, -5, 2)] // hints outside [0, last] are clamped
    [InlineData(2.5, 10, 2)]
    [InlineData(0.5, 3, 0)]
    [InlineData(-1.0, 2, 0)] // before the first point: the first step
    [InlineData(5.0, 0, 3)] // past the last point: the last step
    public void Locate_IncreasingTimes_FindsTheStepBetweenItsEnds(double t, int hint, int expected) =>
        Assert.Equal(expected, RecordIntervals.Locate(Increasing, t, hint));

    [Theory]
    [InlineData(2.5, 0, 1)]
    [InlineData(2.5, 3, 1)]
    [InlineData(2.5, -5, 1)]
    [InlineData(2.5, 10, 1)]
    [InlineData(3.5, 3, 0)]
    [InlineData(0.5, 0, 3)]
    [InlineData(5.0, 2, 0)] // before the first point: the first step
    [InlineData(-1.0, 1, 3)] // past the last point: the last step
    public void Locate_DecreasingTimes_FindsTheStepBetweenItsEnds(double t, int hint, int expected) =>
        Assert.Equal(expected, RecordIntervals.Locate(Decreasing, t, hint));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Locate_AtEveryRecordedPointFromEveryHint_SameStepAsTheRecordsOwnSearch(bool increasing)
    {
        double[] times = increasing ? Increasing : Decreasing;
        TrajectoryRecord record = Record(times);
        foreach (double t in times)
        {
            for (int hint = -1; hint <= times.Length; hint++)
            {
                Assert.Equal(RecordIntervals.Locate(record, t, hint), RecordIntervals.Locate(times, t, hint));
            }
        }

        // The search stops at the first step that has the point at an end, so the walk's direction decides: walking
        // towards the end of the record it stops on the step the point ends, walking back on the step it starts.
        Assert.Equal(1, RecordIntervals.Locate(times, 2.0, 0));
        Assert.Equal(2, RecordIntervals.Locate(times, 2.0, 3));
    }

    private static TrajectoryRecord Record(double[] times)
    {
        var record = new TrajectoryRecord(1, storesDerivatives: true);
        for (int k = 0; k < times.Length; k++)
        {
            record.Add(times[k], k == 0 ? 0.0 : times[k] - times[k - 1], [times[k]]);
        }

        return record;
    }
}
