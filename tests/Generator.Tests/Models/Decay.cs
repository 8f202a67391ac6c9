using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>The seed paper's linear model <c>dx/dt = a·x</c>.</summary>
public partial struct Decay
{
    [Dynamics]
    public static double Rhs(double x, [Param] double a) => a * x;
}
