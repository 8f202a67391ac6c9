namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>The paper's model <c>f(x) = a·x</c>, as a user writes it.</summary>
public partial struct GeneratedDecay
{
    [Dynamics]
    public static double Rhs(double x, [Param] double a) => a * x;
}
