namespace NeuralOdeGen.Examples.Tests.Docs;

/// <summary>
/// The guide's bouncing ball as a user writes it: <c>ḣ = v, v̇ = −g</c>, the event <c>h</c> falling through 0 and its jump
/// <c>(h, v) ↦ (h, −e·v)</c>; every derivative, the events' included, is generated.
/// </summary>
public partial struct DroppedBall
{
    [Dynamics]
    public static (double H, double V) Rhs(double h, double v, [Param] double e, [Param] double g) => (v, -g);

    [Event(Direction = EventDirection.Falling, Jump = nameof(Bounce))]
    public static double Floor(double h, double v, [Param] double e, [Param] double g) => h;

    public static (double H, double V) Bounce(double h, double v, [Param] double e, [Param] double g) => (h, -e * v);
}
