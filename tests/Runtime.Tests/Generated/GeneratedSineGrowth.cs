using System;

namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>The nonlinear single-state model <c>f(x) = a·sin(x) + b·x</c>, as a user writes it.</summary>
public partial struct GeneratedSineGrowth
{
    [Dynamics]
    public static double Rhs(double x, [Param] double a, [Param] double b) => a * Math.Sin(x) + b * x;
}
