namespace NeuralOdeGen.Examples.Models;

/// <summary>
/// The Van der Pol oscillator in MATLAB's <c>vdp1000</c> form, a separate type from <see cref="VanDerPol"/> so that
/// <c>neuralode</c> can name it: stiff for mu = 1 000 (slow branches, jumps on a time scale of 1/mu).
/// </summary>
public partial struct VanDerPolStiff
{
    [Dynamics]
    public static (double Position, double Velocity) Rhs(double position, double velocity, [Param] double mu)
        => (velocity, (mu * (1.0 - (position * position)) * velocity) - position);
}
