namespace NeuralOdeGen.Examples.Models;

/// <summary>
/// The true dynamics of torchdiffeq's spiral demo: <c>dy/dt = (y³) A</c> with the row vector <c>y³</c> and
/// <c>A = [[−0.1, 2.0], [−2.0, −0.1]]</c>; no trainable parameters.
/// </summary>
public partial struct SpiralTruth
{
    private const double A00 = -0.1;
    private const double A01 = 2.0;
    private const double A10 = -2.0;
    private const double A11 = -0.1;

    [Dynamics]
    public static (double Y0, double Y1) Rhs(double y0, double y1)
    {
        double cube0 = y0 * y0 * y0;
        double cube1 = y1 * y1 * y1;
        return ((cube0 * A00) + (cube1 * A10), (cube0 * A01) + (cube1 * A11));
    }
}
