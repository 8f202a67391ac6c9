using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>A damped harmonic oscillator driven by <c>amplitude·cos(omega·time)</c>: non-autonomous ([Time]).</summary>
public partial struct ForcedOscillator
{
    [Dynamics]
    public static (double Position, double Velocity) Rhs(
        [Time] double time, double position, double velocity,
        [Param] double damping, [Param] double amplitude, [Param] double omega)
        => (velocity, -position - damping * velocity + amplitude * Math.Cos(omega * time));
}
