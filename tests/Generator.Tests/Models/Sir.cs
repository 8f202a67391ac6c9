using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>The SIR epidemic model with frequency-dependent transmission (three states).</summary>
public partial struct Sir
{
    [Dynamics]
    public static (double S, double I, double R) Rhs(
        double s, double i, double r, [Param] double beta, [Param] double gamma)
        => (-beta * s * i / (s + i + r), beta * s * i / (s + i + r) - gamma * i, gamma * i);
}
