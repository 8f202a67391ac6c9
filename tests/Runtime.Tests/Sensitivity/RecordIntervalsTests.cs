namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// <see cref="RecordIntervals.Locate"/>: the recorded step containing a time, for a record whose times decrease (a forward
/// solve backwards in time, which the adjoint then reads forwards) from any hint, in range or clamped, and for an
/// increasing record (the record's own search).
/// </summary>
public sealed class RecordIntervalsTests
{
    [Theory]
    [InlineData(2.5, 0, 1)]
    [InlineData(2.5, 3, 1)]
    [InlineData(2.5, -5, 1)] // hints outside [0, last] are clamped
    [InlineData(2.5, 10, 1)]
    [InlineData(3.5, 3, 0)]
    [InlineData(0.5, 0, 3)]
    [InlineData(5.0, 2, 0)] // before the first point: the first step
    [InlineData(-1.0, 1, 3)] // past the last point: the last step
    public void Locate_DecreasingTimes_FindsTheStepBetweenItsEnds(double t, int hint, int expected)
    {
        // Points at 4, 3, 2, 1, 0: step k runs from 4 − k down to 3 − k.
        Assert.Equal(expected, RecordIntervals.Locate(Record(4.0, 3.0, 2.0, 1.0, 0.0), t, hint));
    }

    [Theory]
    [InlineData(2.5, 0, 2)]
    [InlineData(0.5, 3, 0)]
    public void Locate_IncreasingTimes_FindsTheStepBetweenItsEnds(double t, int hint, int expected) =>
        Assert.Equal(expected, RecordIntervals.Locate(Record(0.0, 1.0, 2.0, 3.0, 4.0), t, hint));

    private static TrajectoryRecord Record(params double[] times)
    {
        var record = new TrajectoryRecord(1, storesDerivatives: true);
        for (int k = 0; k < times.Length; k++)
        {
            record.Add(times[k], k == 0 ? 0.0 : times[k] - times[k - 1], [times[k]]);
        }

        return record;
    }
}
