using System;

namespace NeuralOdeGen.Runtime.Tests.Events;

/// <summary>The Illinois bracketing on its own: the root to the requested width, past the crossing, in few evaluations.</summary>
public sealed class EventRootFinderTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-9)]
    [InlineData(1e-3)]
    public void Locate_CubicWithKnownRoot_ReturnsTheFarEndWithinTolerance(double tolerance)
    {
        // f(t) = t³ − 2 on [1, 2]: the root is 2^{1/3}; f(1) < 0, f(2) > 0.
        var function = new Cubic();
        double root = Math.Cbrt(2.0);
        double t = EventRootFinder.Locate(ref function, 1.0, -1.0, 2.0, 6.0, tolerance);

        // The far end of the bracket: f computed there is on the far side (or zero), and t is within the tolerance of the
        // root (at tolerance 0 within a few ulps: f's own rounding near the root spans about two).
        Assert.True((t * t * t) - 2.0 >= 0.0, $"f({t:R}) = {(t * t * t) - 2.0:E3} is before the crossing");
        Assert.True(Math.Abs(t - root) <= Math.Max(tolerance, 4.0 * (Math.BitIncrement(root) - root)), $"{t - root:E3} from the root");

        // Illinois is superlinear: far fewer evaluations than bisection's ~52 to reach adjacent doubles.
        Assert.True(function.Calls.Value <= 20, $"{function.Calls.Value} evaluations");
    }

    [Fact]
    public void Locate_FlatFunctionThatStallsFalsePosition_StillConverges()
    {
        // f(t) = t^9 − 1e-9 on [0, 1]: regula falsi alone creeps from one end; the bisection safeguard keeps it linear.
        var function = new Steep();
        double t = EventRootFinder.Locate(ref function, 0.0, -1e-9, 1.0, 1.0 - 1e-9, 0.0);
        double root = Math.Pow(1e-9, 1.0 / 9.0);
        Assert.Equal(root, t, 1e-15);
        Assert.True(function.Calls.Value <= 200, $"{function.Calls.Value} evaluations");
    }

    private sealed class Counter
    {
        public int Value { get; set; }
    }

    private readonly struct Cubic : IScalarFunction
    {
        public Cubic() => Calls = new Counter();

        public Counter Calls { get; }

        public double Value(double t)
        {
            Calls.Value++;
            return (t * t * t) - 2.0;
        }
    }

    private readonly struct Steep : IScalarFunction
    {
        public Steep() => Calls = new Counter();

        public Counter Calls { get; }

        public double Value(double t)
        {
            Calls.Value++;
            return Math.Pow(t, 9) - 1e-9;
        }
    }
}
