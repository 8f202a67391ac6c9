using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>Conditional operators with compound conditions, plus Max and Min (piecewise-smooth dynamics).</summary>
public partial struct Piecewise
{
    [Dynamics]
    public static (double X, double Y) Rhs(double x, double y, [Param] double a, [Param] double b)
        => (x > 0.0 ? a * x : b * x * x,
            (x >= -1.0 && y < 1.0) || !(y <= 2.0) ? Math.Max(a * y, x) - Math.Abs(y) : Math.Min(x, b) + x * y);
}
