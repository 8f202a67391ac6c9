namespace NeuralOdeGen.Examples.Models;

/// <summary>
/// A ball of height <c>h</c> and velocity <c>v</c> under gravity <c>g</c>, bouncing off the floor with coefficient of
/// restitution <c>e</c>: <c>ḣ = v, v̇ = −g</c>; the event is <c>h</c> falling through 0, and its jump reverses and damps
/// the velocity, <c>(h, v) ↦ (h, −e·v)</c>. Every derivative, the events' included, is generated.
/// </summary>
public partial struct BouncingBall
{
    [Dynamics]
    public static (double H, double V) Rhs(double h, double v, [Param] double e, [Param] double g) => (v, -g);

    [Event(Direction = EventDirection.Falling, Jump = nameof(Bounce))]
    public static double Floor(double h, double v, [Param] double e, [Param] double g) => h;

    public static (double H, double V) Bounce(double h, double v, [Param] double e, [Param] double g) => (h, -e * v);
}
