using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>The Van der Pol oscillator with nonlinear damping strength <c>mu</c>.</summary>
public partial struct VanDerPol
{
    [Dynamics]
    public static (double Position, double Velocity) Rhs(double position, double velocity, [Param] double mu)
        => (velocity, mu * (1.0 - position * position) * velocity - position);
}
