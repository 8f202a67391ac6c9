using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// The model's lane VJP for <see cref="RungeKuttaReverseStep"/> over a group of samples in <see cref="Vector256{T}"/>
/// lanes (<see cref="VectorLanes"/>): <c>Ȳ = (∂f/∂x)ᵀ K̄</c> for the whole block, and each lane's <c>(∂f/∂θ)ᵀ K̄</c>
/// added to its gradient.
/// </summary>
internal readonly struct VectorLanePullBack<TModel> : IStagePullBack
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;
    private readonly AlignedVectors _parameterAdjoint;
    private readonly AlignedVectors _gradients;
    private readonly int _vectors;

    /// <param name="parameters">θ.</param>
    /// <param name="parameterAdjoint">Workspace for one stage's parameter part.</param>
    /// <param name="gradients">The lanes' gradients, added to.</param>
    /// <param name="vectors">The vectors of both in use: <c>m</c> × the group's vectors per component.</param>
    public VectorLanePullBack(double[] parameters, AlignedVectors parameterAdjoint, AlignedVectors gradients, int vectors)
    {
        _parameters = parameters;
        _parameterAdjoint = parameterAdjoint;
        _gradients = gradients;
        _vectors = vectors;
    }

    public void PullBack(double t, ReadOnlySpan<double> stageState, ReadOnlySpan<double> rate, Span<double> stageAdjoint)
    {
        Span<Vector256<double>> parameterAdjoint = _parameterAdjoint.Span[.._vectors];
        TModel.VectorJacobianProductLanes(
            t,
            MemoryMarshal.Cast<double, Vector256<double>>(stageState),
            _parameters,
            MemoryMarshal.Cast<double, Vector256<double>>(rate),
            MemoryMarshal.Cast<double, Vector256<double>>(stageAdjoint),
            parameterAdjoint);
        StageCombinations.AddTo(_gradients.Doubles[..(_vectors * Vector256<double>.Count)], MemoryMarshal.Cast<Vector256<double>, double>(parameterAdjoint));
    }
}
