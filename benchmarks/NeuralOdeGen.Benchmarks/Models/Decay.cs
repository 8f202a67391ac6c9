namespace NeuralOdeGen.Benchmarks.Models;

/// <summary>The paper's model <c>ẋ = a·x</c>; derivatives generated.</summary>
public partial struct Decay
{
    [Dynamics]
    public static double Rhs(double x, [Param] double a) => a * x;
}
