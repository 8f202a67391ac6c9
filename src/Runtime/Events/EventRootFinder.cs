using System;

namespace NeuralOdeGen;

/// <summary>A scalar function of time whose root is bracketed (an event function along a step's dense output).</summary>
internal interface IScalarFunction
{
    double Value(double t);
}

/// <summary>
/// The Illinois variant of regula falsi (Dowell &amp; Jarratt, BIT 11 (1971) 168–174): false position, halving the
/// retained end's value when the same end is kept twice, which makes it superlinear (order ≈ 1.44); plus a bisection
/// whenever two iterations fail to halve the bracket, so the bracket always shrinks at least linearly. (SciPy's
/// <c>solve_ivp</c> brackets events with Brent's method, a relative of the same family.)
/// </summary>
internal static class EventRootFinder
{
    private const int MaxIterations = 400;

    /// <summary>
    /// Returns a time in <c>(a, b]</c> on the far side of the sign change of <paramref name="function"/> between
    /// <paramref name="a"/> (value <paramref name="fa"/> ≠ 0) and <paramref name="b"/> (value <paramref name="fb"/> of the
    /// other sign, or 0), within <paramref name="tolerance"/> of the crossing (0: to adjacent doubles or an exact zero).
    /// </summary>
    public static double Locate<TFunction>(ref TFunction function, double a, double fa, double b, double fb, double tolerance)
        where TFunction : struct, IScalarFunction
    {
        if (fb == 0.0)
        {
            return b;
        }

        int side = 0;
        double widthBefore = Math.Abs(b - a);
        double widthTwoBefore = double.PositiveInfinity;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double width = Math.Abs(b - a);
            if (width <= tolerance)
            {
                return b;
            }

            // Regula falsi, unless two iterations have not halved the bracket: then bisect.
            double c = width > 0.5 * widthTwoBefore ? a + (0.5 * (b - a)) : b - (fb * (b - a) / (fb - fa));
            if (!(Math.Min(a, b) < c && c < Math.Max(a, b)))
            {
                c = a + (0.5 * (b - a));
                if (c == a || c == b)
                {
                    // a and b are adjacent doubles: the crossing is resolved.
                    return b;
                }
            }

            widthTwoBefore = widthBefore;
            widthBefore = width;
            double fc = function.Value(c);
            if (fc == 0.0)
            {
                return c;
            }

            if (Math.Sign(fc) == Math.Sign(fb))
            {
                b = c;
                fb = fc;
                if (side == -1)
                {
                    fa *= 0.5;
                }

                side = -1;
            }
            else
            {
                a = c;
                fa = fc;
                if (side == 1)
                {
                    fb *= 0.5;
                }

                side = 1;
            }
        }

        return b;
    }
}
