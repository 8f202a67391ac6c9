namespace NeuralOdeGen.Examples.Models;

/// <summary>The paper's model (eq. 4): <c>dx/dt = a·x</c>.</summary>
public partial struct Decay
{
    [Dynamics]
    public static double Rhs(double x, [Param] double a) => a * x;
}
