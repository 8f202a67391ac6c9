using System;

namespace NeuralOdeGen.Examples.Models;

/// <summary>A damped pendulum: angle theta, angular velocity omega, damping and g/L.</summary>
public partial struct Pendulum
{
    [Dynamics]
    public static (double Theta, double Omega) Rhs(double theta, double omega, [Param] double damping, [Param] double gravityOverLength)
        => (omega, (-damping * omega) - (gravityOverLength * Math.Sin(theta)));
}
