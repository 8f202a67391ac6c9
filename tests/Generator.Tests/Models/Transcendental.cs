using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>Exercises Exp, Log, Tanh, Sqrt and Pow with a constant and with a parameter exponent.</summary>
public partial struct Transcendental
{
    [Dynamics]
    public static (double U, double V) Rhs(double u, double v, [Param] double k, [Param] double c)
        => (Math.Exp(-k * u) * Math.Tanh(v) + Math.Log(1.0 + u * u),
            Math.Pow(1.0 + u * u, c) - Math.Sqrt(v * v + k * k) + Math.Pow(v, 3));
}
