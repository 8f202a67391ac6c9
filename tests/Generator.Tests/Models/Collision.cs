using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>State <c>x</c>, parameter <c>p</c> and time <c>t</c>: the names the interface itself uses for its spans.</summary>
public partial struct Collision
{
    [Dynamics]
    public static double Rhs([Time] double t, double x, [Param] double p) => -p * x + Math.Sin(t) * x;
}
