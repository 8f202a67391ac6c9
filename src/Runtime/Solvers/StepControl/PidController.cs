using System;
using System.Globalization;

namespace NeuralOdeGen;

/// <summary>
/// A PID step-size controller in Diffrax's form (<c>PIDController</c>; Söderlind, Digital filters in adaptive
/// time-stepping, ACM TOMS 29 (2003)): with <c>r = 1/err</c> of the current, previous and before-previous accepted
/// steps and <c>k</c> the error order,
/// <c>h_new = h · clamp(safety · r^{(P+I+D)/k} · r_prev^{−(P+2D)/k} · r_prev2^{D/k}, lo, hi)</c>, where after an
/// accepted step <c>lo = 1</c> (an accepted step never shrinks the next) and <c>hi = factorMax</c>, and after a
/// rejection <c>lo = factorMin</c> and <c>hi = safety</c>.
/// </summary>
/// <remarks>
/// <c>P = 0, I = 1, D = 0</c> is the classic I controller (Diffrax's default). Diffrax's documentation suggests
/// <c>P = 0.4, I = 0.3</c> for non-stiff problems and <c>P = 0.3, I = 0.3</c> or <c>P = 0.2, I = 0.4</c> for others
///. A zero coefficient skips its power, so an I
/// controller costs one <c>pow</c> per step.
/// </remarks>
public sealed class PidController : IStepSizeController
{
    /// <summary>Creates a controller.</summary>
    /// <param name="proportional">P (≥ 0).</param>
    /// <param name="integral">I (&gt; 0).</param>
    /// <param name="derivative">D (≥ 0).</param>
    /// <param name="safety">The safety factor in (0, 1].</param>
    /// <param name="factorMin">The largest shrink after a rejection, in (0, 1).</param>
    /// <param name="factorMax">The largest growth after an acceptance (&gt; 1).</param>
    public PidController(double proportional = 0.0, double integral = 1.0, double derivative = 0.0, double safety = 0.9, double factorMin = 0.2, double factorMax = 10.0)
    {
        Require(proportional >= 0.0 && double.IsFinite(proportional), proportional, nameof(proportional), "finite and ≥ 0");
        Require(integral > 0.0 && double.IsFinite(integral), integral, nameof(integral), "finite and > 0");
        Require(derivative >= 0.0 && double.IsFinite(derivative), derivative, nameof(derivative), "finite and ≥ 0");
        Require(safety > 0.0 && safety <= 1.0, safety, nameof(safety), "in (0, 1]");
        Require(factorMin > 0.0 && factorMin < 1.0, factorMin, nameof(factorMin), "in (0, 1)");
        Require(factorMax > 1.0 && double.IsFinite(factorMax), factorMax, nameof(factorMax), "finite and > 1");
        Proportional = proportional;
        Integral = integral;
        Derivative = derivative;
        Safety = safety;
        FactorMin = factorMin;
        FactorMax = factorMax;
    }

    /// <summary>Gets P.</summary>
    public double Proportional { get; }

    /// <summary>Gets I.</summary>
    public double Integral { get; }

    /// <summary>Gets D.</summary>
    public double Derivative { get; }

    /// <summary>Gets the safety factor.</summary>
    public double Safety { get; }

    /// <summary>Gets the largest shrink after a rejection.</summary>
    public double FactorMin { get; }

    /// <summary>Gets the largest growth after an acceptance.</summary>
    public double FactorMax { get; }

    /// <inheritdoc/>
    public StepSizeMemory Start() => new(1.0, 1.0);

    /// <inheritdoc/>
    public double AfterAccept(double h, double error, int errorOrder, bool rejectedBefore, ref StepSizeMemory memory)
    {
        double inverse = 1.0 / error;
        double factor = Math.Clamp(Factor(inverse, errorOrder, memory), 1.0, FactorMax);
        memory = new StepSizeMemory(inverse, memory.Previous);
        return h * factor;
    }

    /// <inheritdoc/>
    public double AfterReject(double h, double error, int errorOrder, ref StepSizeMemory memory)
    {
        double factor = double.IsFinite(error) ? Math.Clamp(Factor(1.0 / error, errorOrder, memory), FactorMin, Safety) : FactorMin;
        return h * factor;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PID(P = {Proportional}, I = {Integral}, D = {Derivative})");

    // safety · r^{(P+I+D)/k} · r_prev^{−(P+2D)/k} · r_prev2^{D/k}; an error of 0 gives r = ∞ and the largest factor.
    private double Factor(double inverse, int errorOrder, StepSizeMemory memory)
    {
        double k = errorOrder;
        double factor = Safety * Math.Pow(inverse, (Proportional + Integral + Derivative) / k);
        if (Proportional + (2.0 * Derivative) != 0.0)
        {
            factor *= Math.Pow(memory.Previous, -(Proportional + (2.0 * Derivative)) / k);
        }

        if (Derivative != 0.0)
        {
            factor *= Math.Pow(memory.BeforePrevious, Derivative / k);
        }

        return double.IsNaN(factor) ? FactorMax : factor;
    }

    private static void Require(bool valid, double value, string name, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be {rule}; got {value}."));
        }
    }
}
