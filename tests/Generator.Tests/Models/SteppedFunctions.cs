using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>
/// Exercises FusedMultiplyAdd, Clamp (with bounds that depend on parameters, lower never above upper) and the step
/// functions Sign, Floor and Round, whose derivative is 0 wherever they have one.
/// </summary>
public partial struct SteppedFunctions
{
    [Dynamics]
    public static (double X, double Y) Rhs(double x, double y, [Param] double lo, [Param] double hi)
        => (Math.FusedMultiplyAdd(x, y, lo) + Math.Clamp(x * y, lo, lo + 1.0 + hi * hi),
            Math.Sign(y) * x + Math.Floor(x) * y - Math.Round(2.0 * y) * hi);
}
