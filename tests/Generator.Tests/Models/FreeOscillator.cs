using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>A model without trainable parameters (m = 0), stiffness from a const field; a sealed partial class.</summary>
public sealed partial class FreeOscillator
{
    private const double Stiffness = 4.0;

    [Dynamics]
    public static (double Position, double Velocity) Rhs(double position, double velocity) => (velocity, -Stiffness * position);
}
