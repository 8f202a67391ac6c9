using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>The Lorenz system written as a block body with locals, with sigma as a const field.</summary>
public partial struct Lorenz
{
    private const double Sigma = 10;

    [Dynamics]
    public static (double X, double Y, double Z) Rhs(double x, double y, double z, [Param] double rho, [Param] double beta)
    {
        double dx = Sigma * (y - x);
        double dy = (x * (rho - z)) - y;
        double dz = (x * y) - (beta * z);
        return (dx, dy, dz);
    }
}
