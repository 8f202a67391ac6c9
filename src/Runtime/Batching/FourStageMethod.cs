using System;

namespace NeuralOdeGen;

/// <summary>
/// The coefficients of an explicit four-stage Runge–Kutta method (classic RK4, the 3/8 rule) as the generated fused
/// lane kernels read them (<see cref="IOdeModel{TSelf}.FourStageStepsLanes"/>,
/// <see cref="IOdeModel{TSelf}.FourStageAdjointStepsLanes"/>): the stage weights <c>a_ij</c> below the diagonal and the
/// solution weights <c>b_i</c>, and the nodes <c>c_i</c> at which a model that reads the time is evaluated.
/// </summary>
public sealed class FourStageMethod
{
    /// <summary>Takes the coefficients of <paramref name="tableau"/>.</summary>
    /// <param name="tableau">An explicit tableau with four stages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tableau"/> is null.</exception>
    /// <exception cref="ArgumentException">The tableau does not have four stages.</exception>
    public FourStageMethod(ButcherTableau tableau)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        if (tableau.StageCount != 4)
        {
            throw new ArgumentException($"{tableau.Name} has {tableau.StageCount} stages; a four-stage kernel needs exactly 4.", nameof(tableau));
        }

        // A tableau is explicit by construction (ButcherTableau checks it), so a holds nothing on or above the diagonal.
        ReadOnlySpan<double> a = tableau.A;
        ReadOnlySpan<double> b = tableau.B;
        A10 = a[4];
        A20 = a[8];
        A21 = a[9];
        A30 = a[12];
        A31 = a[13];
        A32 = a[14];
        B0 = b[0];
        B1 = b[1];
        B2 = b[2];
        B3 = b[3];
        ReadOnlySpan<double> c = tableau.C;
        C0 = c[0];
        C1 = c[1];
        C2 = c[2];
        C3 = c[3];
        Name = tableau.Name;
    }

    /// <summary>Gets the tableau's name.</summary>
    public string Name { get; }

    /// <summary>Gets <c>a_10</c>, the weight of stage 0 in stage 1's state.</summary>
    public double A10 { get; }

    /// <summary>Gets <c>a_20</c>.</summary>
    public double A20 { get; }

    /// <summary>Gets <c>a_21</c>.</summary>
    public double A21 { get; }

    /// <summary>Gets <c>a_30</c>.</summary>
    public double A30 { get; }

    /// <summary>Gets <c>a_31</c>.</summary>
    public double A31 { get; }

    /// <summary>Gets <c>a_32</c>.</summary>
    public double A32 { get; }

    /// <summary>Gets <c>b_0</c>, the weight of stage 0 in the solution.</summary>
    public double B0 { get; }

    /// <summary>Gets <c>b_1</c>.</summary>
    public double B1 { get; }

    /// <summary>Gets <c>b_2</c>.</summary>
    public double B2 { get; }

    /// <summary>Gets <c>b_3</c>.</summary>
    public double B3 { get; }

    /// <summary>Gets <c>c_0</c>, the node of stage 0 (0 for an explicit method, up to the tableau's rounding).</summary>
    public double C0 { get; }

    /// <summary>Gets <c>c_1</c>: stage 1 is evaluated at <c>t + c_1·h</c>.</summary>
    public double C1 { get; }

    /// <summary>Gets <c>c_2</c>.</summary>
    public double C2 { get; }

    /// <summary>Gets <c>c_3</c>.</summary>
    public double C3 { get; }

    /// <summary>
    /// Gets the step of a grid of <paramref name="steps"/> equal steps from <paramref name="start"/> to
    /// <paramref name="stop"/>, <c>(stop − start) / steps</c>, as <see cref="FixedStepIntegrator"/> computes it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is below 1, or a bound is not finite.</exception>
    public static double StepSize(double start, double stop, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!double.IsFinite(start))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "The start time must be finite.");
        }

        if (!double.IsFinite(stop))
        {
            throw new ArgumentOutOfRangeException(nameof(stop), stop, "The stop time must be finite.");
        }

        return (stop - start) / steps;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
