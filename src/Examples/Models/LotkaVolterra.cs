namespace NeuralOdeGen.Examples.Models;

/// <summary>Predator–prey dynamics: prey grow at rate alpha and are eaten at rate beta; predators grow by delta and die at gamma.</summary>
public partial struct LotkaVolterra
{
    [Dynamics]
    public static (double Prey, double Predator) Rhs(
        double prey, double predator,
        [Param] double alpha, [Param] double beta, [Param] double delta, [Param] double gamma)
        => (alpha * prey - beta * prey * predator, delta * prey * predator - gamma * predator);
}
