using System;

namespace NeuralOdeGen;

/// <summary>
/// The PI controller of Hairer's DOPRI5 (Hairer &amp; Wanner, Solving ODEs II, §IV.2; Hairer, Nørsett &amp; Wanner,
/// Solving ODEs I, §II.4): <c>h_new = h · clamp(safety · err^{−(1/k − 0.75β)} · err_prev^{β}, 1/10, 5)</c> with
/// <c>β = 0.04</c>, no growth right after a rejection, and <c>h · max(0.2, safety · err^{−1/k})</c> after a rejection.
/// The default of every adaptive solver.
/// </summary>
public sealed class HairerPiController : IStepSizeController
{
    private const double Safety = 0.9;
    private const double MinFactor = 0.2;
    private const double MaxFactor = 10.0;
    private const double Beta = 0.04;

    // The previous error is floored here, as DOPRI5 does, so that one very accurate step does not explode the next.
    private const double ErrorFloor = 1e-4;

    private HairerPiController()
    {
    }

    /// <summary>Gets the controller (it has no settings).</summary>
    public static HairerPiController Instance { get; } = new();

    /// <inheritdoc/>
    public StepSizeMemory Start() => new(ErrorFloor, ErrorFloor);

    /// <inheritdoc/>
    public double AfterAccept(double h, double error, int errorOrder, bool rejectedBefore, ref StepSizeMemory memory)
    {
        double exponent = 1.0 / errorOrder;
        double factor = Math.Pow(error, exponent - (0.75 * Beta)) / Math.Pow(memory.Previous, Beta);
        factor = Math.Clamp(factor / Safety, 1.0 / MaxFactor, 1.0 / MinFactor);
        double next = h / factor;
        if (rejectedBefore && Math.Abs(next) > Math.Abs(h))
        {
            next = h;
        }

        memory = new StepSizeMemory(Math.Max(error, ErrorFloor), memory.Previous);
        return next;
    }

    /// <inheritdoc/>
    public double AfterReject(double h, double error, int errorOrder, ref StepSizeMemory memory)
    {
        double shrink = !double.IsFinite(error)
            ? 0.1
            : 1.0 / Math.Min(1.0 / MinFactor, Math.Pow(error, 1.0 / errorOrder) / Safety);
        return h * shrink;
    }
}
