using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>
/// A ball of height <c>h</c> and velocity <c>v</c> under gravity <c>g</c>, bouncing off the ground with restitution
/// <c>e</c>: the falling zero crossing of <c>h</c> is the event, and the jump reverses and damps the velocity. Everything
/// (the dynamics' derivatives and the <c>IOdeEvents</c> members) is generated.
/// </summary>
public partial struct BouncingBall
{
    [Dynamics]
    public static (double, double) Rhs(double h, double v, [Param] double e, [Param] double g) => (v, -g);

    [Event(Direction = EventDirection.Falling, Jump = nameof(Bounce))]
    public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;

    public static (double, double) Bounce(double h, double v, [Param] double e, [Param] double g) => (h, -e * v);
}
