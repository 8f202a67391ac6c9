using System;

namespace NeuralOdeGen.Benchmarks.Models;

/// <summary>A damped pendulum <c>θ̇ = ω</c>, <c>ω̇ = −bω − (g/L) sin θ</c>; derivatives generated.</summary>
public partial struct Pendulum
{
    [Dynamics]
    public static (double Theta, double Omega) Rhs(double theta, double omega, [Param] double damping, [Param] double gravityOverLength)
        => (omega, -damping * omega - gravityOverLength * Math.Sin(theta));
}
