using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.UserFunctions.Models;

/// <summary>
/// A function of the model's own type with a block body, calling one of another type; locals named like the callee's
/// (<c>z</c>), a function called twice with different arguments, and the same call twice (shared).
/// </summary>
public partial struct SoftGate
{
    [Dynamics]
    public static (double X, double Y) Rhs(double x, double y, [Param] double w, [Param] double b)
    {
        double z = Gate(x, w) + b;
        return (Kinetics.Softplus(z) - x, Gate(y, w) - (Kinetics.Softplus(y) * Kinetics.Softplus(y)));
    }

    [Differentiable]
    private static double Gate(double x, double w)
    {
        double z = w * x;
        return z / (1.0 + Kinetics.Softplus(z));
    }
}
