using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Events.Models;

/// <summary>A ball under gravity <c>g</c> that bounces off the ground (<c>h</c> falling through 0) with restitution <c>e</c>.</summary>
public partial struct BouncingBall
{
    [Dynamics]
    public static (double, double) Rhs(double h, double v, [Param] double e, [Param] double g) => (v, -g);

    [Event(Direction = EventDirection.Falling, Jump = nameof(Bounce))]
    public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;

    public static (double, double) Bounce(double h, double v, [Param] double e, [Param] double g) => (h, -e * v);
}
