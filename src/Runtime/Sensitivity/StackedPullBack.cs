using System;

namespace NeuralOdeGen;

/// <summary>
/// The model's VJP for <see cref="RungeKuttaReverseStep"/> over samples stacked sample-major (one sample, or the
/// discrete adjoint's groups): per sample <c>Ȳ = (∂f/∂x)ᵀ K̄</c>, and its <c>(∂f/∂θ)ᵀ K̄</c> added to that sample's row
/// of the gradients.
/// </summary>
internal readonly struct StackedPullBack<TModel> : IStagePullBack
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;
    private readonly double[] _parameterAdjoint;
    private readonly double[] _gradients;

    /// <param name="parameters">θ.</param>
    /// <param name="parameterAdjoint">Workspace of <c>m</c> doubles.</param>
    /// <param name="gradients">One row of <c>m</c> per stacked sample.</param>
    public StackedPullBack(double[] parameters, double[] parameterAdjoint, double[] gradients)
    {
        _parameters = parameters;
        _parameterAdjoint = parameterAdjoint;
        _gradients = gradients;
    }

    public void PullBack(double t, ReadOnlySpan<double> stageState, ReadOnlySpan<double> rate, Span<double> stageAdjoint)
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        Span<double> parameterAdjoint = _parameterAdjoint.AsSpan(0, m);
        for (int offset = 0, row = 0; offset < stageState.Length; offset += n, row += m)
        {
            TModel.VectorJacobianProduct(t, stageState.Slice(offset, n), _parameters, rate.Slice(offset, n), stageAdjoint.Slice(offset, n), parameterAdjoint);
            Span<double> gradient = _gradients.AsSpan(row, m);
            for (int k = 0; k < m; k++)
            {
                gradient[k] += parameterAdjoint[k];
            }
        }
    }
}
