namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>DESIGN §3's Lotka–Volterra, written as a user would: the generator supplies every derivative.</summary>
public partial struct GeneratedLotkaVolterra
{
    [Dynamics]
    public static (double Prey, double Predator) Rhs(
        double prey, double predator,
        [Param] double alpha, [Param] double beta, [Param] double delta, [Param] double gamma)
        => (alpha * prey - beta * prey * predator, delta * prey * predator - gamma * predator);
}
