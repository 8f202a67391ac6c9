namespace NeuralOdeGen.Examples.Models;

/// <summary>The Van der Pol oscillator with nonlinear damping strength mu.</summary>
public partial struct VanDerPol
{
    [Dynamics]
    public static (double Position, double Velocity) Rhs(double position, double velocity, [Param] double mu)
        => (velocity, (mu * (1.0 - (position * position)) * velocity) - position);
}
