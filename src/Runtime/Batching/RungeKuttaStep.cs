using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// One step of an explicit Runge–Kutta method over a block of doubles (one sample's state, several samples stacked, or
/// samples in vector lanes): the only forward step of the fixed-step and adaptive explicit solvers. Per double the
/// same operations in the same order at every lane width, so every path gets the same bits.
/// </summary>
internal static class RungeKuttaStep
{
    /// <summary>
    /// <see cref="Take{TLane, TVector, TSystem}"/> at the widest lane width the CPU runs natively that the block fills.
    /// </summary>
    public static void Take<TSystem>(
        ref TSystem system, RungeKuttaCoefficients method, double t, double h, ReadOnlySpan<double> x, Span<double> stages, Span<double> stageStates, Span<double> next)
        where TSystem : struct, IOdeSystem
    {
        if (Vector512Lane.IsHardwareAccelerated && x.Length >= Vector512Lane.Count)
        {
            Take<Vector512Lane, Vector512<double>, TSystem>(ref system, method, t, h, x, stages, stageStates, next);
        }
        else if (Vector256Lane.IsHardwareAccelerated && x.Length >= Vector256Lane.Count)
        {
            Take<Vector256Lane, Vector256<double>, TSystem>(ref system, method, t, h, x, stages, stageStates, next);
        }
        else
        {
            Take<ScalarLane, double, TSystem>(ref system, method, t, h, x, stages, stageStates, next);
        }
    }

    /// <summary>
    /// Stages <c>k_i = F(t + c_i h, Y_i)</c> with <c>Y_i = x + Σ_j (h a_ij) k_j</c>, then
    /// <c>next = x + Σ_i (h b_i) k_i</c>, every sum left to right. Row <c>i</c> of <paramref name="stages"/> and of
    /// <paramref name="stageStates"/> (each <c>x.Length</c> wide) holds <c>k_i</c> and <c>Y_i</c>; row 0 of
    /// <paramref name="stages"/> must hold <c>F(t, x)</c> on entry, row 0 of <paramref name="stageStates"/> is not
    /// touched. <paramref name="next"/> may be <paramref name="x"/> itself. The result is not checked for finiteness.
    /// </summary>
    public static void Take<TLane, TVector, TSystem>(
        ref TSystem system, RungeKuttaCoefficients method, double t, double h, ReadOnlySpan<double> x, Span<double> stages, Span<double> stageStates, Span<double> next)
        where TLane : struct, ILane<TVector>
        where TVector : struct
        where TSystem : struct, IOdeSystem
    {
        int width = x.Length;
        ReadOnlySpan<double> c = method.C;
        for (int i = 1; i < method.StageCount; i++)
        {
            Span<double> stageState = stageStates.Slice(i * width, width);
            StageCombinations.Combine<TLane, TVector>(x, method.Row(i), h, stages, width, stageState);
            system.Evaluate(t + (c[i] * h), stageState, stages.Slice(i * width, width));
        }

        StageCombinations.Combine<TLane, TVector>(x, method.B, h, stages, width, next);
    }
}
