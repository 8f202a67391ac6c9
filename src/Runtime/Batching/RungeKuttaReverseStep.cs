using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// The reverse sweep through one explicit Runge–Kutta step (the discrete adjoint) over a block of doubles, written once
/// for every lane width: <c>K̄_j = (b_j λ + Σ_{l&gt;j} a_lj Ȳ_l)·h</c> for <c>j</c> from the last used stage down (zero
/// couplings left out), <c>Ȳ_j = (∂f/∂x)ᵀ K̄_j</c> and the θ-gradient by the pull-back, then
/// <c>λ = λ + Ȳ_0 + … + Ȳ_{u−1}</c>, each sum left to right.
/// </summary>
internal static class RungeKuttaReverseStep
{
    /// <summary><see cref="Take{TLane, TVector, TPullBack}"/> at the widest lane width the CPU runs natively that the block fills.</summary>
    public static void Take<TPullBack>(
        ref TPullBack pullBack, RungeKuttaCoefficients method, double t, double h, ReadOnlySpan<double> stageStates, Span<double> lambda, Span<double> rate, Span<double> stageAdjoints)
        where TPullBack : struct, IStagePullBack
    {
        if (Vector512Lane.IsHardwareAccelerated && lambda.Length >= Vector512Lane.Count)
        {
            Take<Vector512Lane, Vector512<double>, TPullBack>(ref pullBack, method, t, h, stageStates, lambda, rate, stageAdjoints);
        }
        else if (Vector256Lane.IsHardwareAccelerated && lambda.Length >= Vector256Lane.Count)
        {
            Take<Vector256Lane, Vector256<double>, TPullBack>(ref pullBack, method, t, h, stageStates, lambda, rate, stageAdjoints);
        }
        else
        {
            Take<ScalarLane, double, TPullBack>(ref pullBack, method, t, h, stageStates, lambda, rate, stageAdjoints);
        }
    }

    /// <summary>
    /// Pulls <paramref name="lambda"/> (the adjoint at the step's end, <c>width</c> doubles) back to the step's start in
    /// place. Row <c>j</c> of <paramref name="stageStates"/> holds the forward stage state <c>Y_j</c> (<c>Y_0</c> the
    /// step's start) of the step from <paramref name="t"/> of size <paramref name="h"/>; <paramref name="rate"/>
    /// (<c>width</c>) and <paramref name="stageAdjoints"/> (a row per stage) are workspace.
    /// </summary>
    public static void Take<TLane, TVector, TPullBack>(
        ref TPullBack pullBack, RungeKuttaCoefficients method, double t, double h, ReadOnlySpan<double> stageStates, Span<double> lambda, Span<double> rate, Span<double> stageAdjoints)
        where TLane : struct, ILane<TVector>
        where TVector : struct
        where TPullBack : struct, IStagePullBack
    {
        int width = lambda.Length;
        ReadOnlySpan<double> b = method.B;
        ReadOnlySpan<double> c = method.C;
        int used = method.UsedStages;
        for (int j = used - 1; j >= 0; j--)
        {
            StageCombinations.StageRate<TLane, TVector>(lambda, b[j], method.Couplings(j), stageAdjoints[((j + 1) * width)..], width, h, rate);
            pullBack.PullBack(t + (c[j] * h), stageStates.Slice(j * width, width), rate, stageAdjoints.Slice(j * width, width));
        }

        StageCombinations.AddRows<TLane, TVector>(lambda, stageAdjoints, used, width);
    }
}
