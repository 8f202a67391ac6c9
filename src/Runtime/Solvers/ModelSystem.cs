using System;

namespace NeuralOdeGen;

/// <summary>The model's own right-hand side with fixed parameters.</summary>
internal readonly struct ModelSystem<TModel> : IOdeSystem
    where TModel : struct, IOdeModel<TModel>
{
    private readonly double[] _parameters;

    public ModelSystem(double[] parameters) => _parameters = parameters;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => TModel.Evaluate(t, y, _parameters, dydt);
}
