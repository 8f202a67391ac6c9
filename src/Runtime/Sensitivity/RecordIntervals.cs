using System;

namespace NeuralOdeGen;

/// <summary>
/// Finds the recorded forward step that contains a time, for the adjoints that read <c>x(t)</c> from the record: in a
/// record of increasing times (a forward solve) as <see cref="TrajectoryRecord.Locate"/> does, and in one of decreasing
/// times (a solve backwards in time) with the comparisons turned around.
/// </summary>
internal static class RecordIntervals
{
    /// <summary>Moves <paramref name="interval"/> to the interval containing <paramref name="t"/> (clamped at the ends).</summary>
    public static int Locate(TrajectoryRecord record, double t, int interval)
    {
        if (record.Count < 2 || record.Time(1) >= record.Time(0))
        {
            return record.Locate(t, interval);
        }

        int last = record.Count - 2;
        interval = Math.Clamp(interval, 0, last);
        while (interval > 0 && t > record.Time(interval))
        {
            interval--;
        }

        while (interval < last && t < record.Time(interval + 1))
        {
            interval++;
        }

        return interval;
    }

    /// <summary>
    /// <see cref="Locate(TrajectoryRecord, double, int)"/> over the recorded times alone (at least two), for a record kept
    /// outside a <see cref="TrajectoryRecord"/> (the lane checkpoints): the same interval for the same search history.
    /// </summary>
    public static int Locate(ReadOnlySpan<double> times, double t, int interval)
    {
        int last = times.Length - 2;
        interval = Math.Clamp(interval, 0, last);
        if (times[1] >= times[0])
        {
            while (interval > 0 && t < times[interval])
            {
                interval--;
            }

            while (interval < last && t > times[interval + 1])
            {
                interval++;
            }

            return interval;
        }

        while (interval > 0 && t > times[interval])
        {
            interval--;
        }

        while (interval < last && t < times[interval + 1])
        {
            interval++;
        }

        return interval;
    }
}
