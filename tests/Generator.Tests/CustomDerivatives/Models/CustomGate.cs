using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.CustomDerivatives.Models;

/// <summary>
/// A model calling functions with hand-written derivatives: one argument (Softplus, called twice with different
/// arguments and once with the same argument again) and two arguments (Hill, with a parameter as its second argument).
/// </summary>
public partial struct CustomGate
{
    [Dynamics]
    public static (double X, double Y) Rhs(double x, double y, [Param] double a, [Param] double k) =>
        ((a * Smooth.Hill(y, k)) - Smooth.Softplus(x), (0.5 * Smooth.Softplus(x - y)) - (y * Smooth.Softplus(x)));
}
