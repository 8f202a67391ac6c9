using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen;

/// <summary>
/// A right-hand side over groups of samples held in <see cref="Vector256{T}"/> lanes (one sample per lane):
/// the vector counterpart of <see cref="IOdeSystem"/>, integrated by <see cref="LaneFourStageIntegrator"/>.
/// </summary>
internal interface ILaneSystem
{
    /// <summary>Writes <c>dydt = F(t, y)</c> for every lane; all lanes share the time.</summary>
    void Evaluate(double t, ReadOnlySpan<Vector256<double>> y, Span<Vector256<double>> dydt);
}
