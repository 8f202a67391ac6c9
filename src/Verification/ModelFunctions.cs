using System;

namespace NeuralOdeGen.Verification;

/// <summary>Forwards <see cref="IModelFunctions"/> to the static members of <typeparamref name="TModel"/>.</summary>
internal sealed class ModelFunctions<TModel> : IModelFunctions
    where TModel : IOdeModel<TModel>
{
    public string TypeName => typeof(TModel).FullName ?? typeof(TModel).Name;

    public Type ModelType => typeof(TModel);

    public int StateCount => TModel.StateCount;

    public int ParameterCount => TModel.ParameterCount;

    public OdeModelInfo Info => TModel.Info;

    public void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt) => TModel.Evaluate(t, x, p, dxdt);

    public void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx) => TModel.StateJacobian(t, x, p, jx);

    public void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp) => TModel.ParameterJacobian(t, x, p, jp);

    public void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp) =>
        TModel.VectorJacobianProduct(t, x, p, v, vjx, vjp);

    public void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df) =>
        TModel.JacobianVectorProduct(t, x, p, dx, dp, df);

    public void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt) => TModel.EvaluateDual(t, x, p, dxdt);
}
