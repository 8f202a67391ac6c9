using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>A damped pendulum; a sealed partial class, to cover models that are not structs.</summary>
public sealed partial class DampedPendulum
{
    [Dynamics]
    public static (double Theta, double Omega) Rhs(
        double theta, double omega, [Param] double damping, [Param] double gravityOverLength)
        => (omega, -damping * omega - gravityOverLength * Math.Sin(theta));
}
