using System;

namespace NeuralOdeGen;

/// <summary>The model's own right-hand side with fixed parameters, and its generated state Jacobian.</summary>
internal readonly struct ModelSystem<TModel> : IJacobianSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public ModelSystem(double[] parameters) => _parameters = parameters;

    /// <summary>Gets a value indicating whether the model has a <see cref="TimeAttribute"/> parameter.</summary>
    public bool IsTimeDependent => TModel.Info.TimeName is not null;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => TModel.Evaluate(t, y, _parameters, dydt);

    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => TModel.StateJacobian(t, y, _parameters, jacobian);

    /// <summary>Does nothing: the model is all stiff block.</summary>
    public void CouplingProduct(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> direction, Span<double> product)
    {
    }
}
