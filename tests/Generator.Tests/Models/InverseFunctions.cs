using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>
/// Exercises the inverse and logarithmic functions of the table: Asinh, Acosh, Atanh, Asin, Acos, Atan2, Log2, Log10 and
/// Cbrt (of an argument of either sign), each kept inside its domain by the model itself as a user would.
/// </summary>
public partial struct InverseFunctions
{
    [Dynamics]
    public static (double U, double V) Rhs(double u, double v, [Param] double a)
        => (Math.Asinh(a * u) + Math.Acosh(2.0 + v * v) - Math.Atan2(v, u + 3.0) + Math.Log2(1.0 + u * u),
            Math.Atanh(0.5 * Math.Tanh(v)) * Math.Asin(0.5 * Math.Sin(a * u)) + Math.Acos(0.5 * Math.Cos(v)) + Math.Log10(2.0 + v) * Math.Cbrt(u - 2.0 * v));
}
