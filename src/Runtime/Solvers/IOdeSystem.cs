using System;

namespace NeuralOdeGen;

/// <summary>
/// A right-hand side the Runge–Kutta stepper integrates: the user's model or an augmented system built on it
/// (adjoint, forward sensitivities). Implemented by structs and passed by reference so calls are specialised.
/// </summary>
internal interface IOdeSystem
{
    /// <summary>Writes <c>dydt = F(t, y)</c>.</summary>
    void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt);
}
