using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>Exercises the remaining functions: Sinh, Cosh, Tan, Atan and Abs.</summary>
public partial struct Hyperbolic
{
    [Dynamics]
    public static (double U, double V) Rhs(double u, double v, [Param] double w)
        => (Math.Sinh(w * u) - Math.Tan(v), Math.Cosh(u - v) * Math.Abs(w) + Math.Atan(u * v));
}
