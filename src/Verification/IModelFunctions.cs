using System;

namespace NeuralOdeGen.Verification;

/// <summary>A model's static members behind an instance, so that a type known only at run time can be verified.</summary>
internal interface IModelFunctions
{
    string TypeName { get; }

    /// <summary>The model's type (for the functions with hand-written derivatives it calls).</summary>
    Type ModelType { get; }

    int StateCount { get; }

    int ParameterCount { get; }

    OdeModelInfo Info { get; }

    void Evaluate(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> dxdt);

    void StateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx);

    void ParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp);

    void VectorJacobianProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> v, Span<double> vjx, Span<double> vjp);

    void JacobianVectorProduct(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> dx, ReadOnlySpan<double> dp, Span<double> df);

    void EvaluateDual(double t, ReadOnlySpan<Dual> x, ReadOnlySpan<Dual> p, Span<Dual> dxdt);
}
