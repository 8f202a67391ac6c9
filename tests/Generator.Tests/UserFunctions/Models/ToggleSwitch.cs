using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.UserFunctions.Models;

/// <summary>Gardner's genetic toggle switch: two repressors, each through a nested user function in another file.</summary>
public partial struct ToggleSwitch
{
    [Dynamics]
    public static (double U, double V) Rhs(double u, double v, [Param] double a1, [Param] double a2, [Param] double n)
        => ((a1 * Kinetics.Repression(v, 1.0, n)) - u, (a2 * Kinetics.Repression(u, 1.0, n)) - v);
}
