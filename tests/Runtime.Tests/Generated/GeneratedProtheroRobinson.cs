using System;

namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>
/// Prothero and Robinson's test equation <c>y' = λ(y − sin t) + cos t</c> with the exact solution <c>y = sin t</c> from
/// <c>y(0) = 0</c>: stiff for <c>λ ≪ 0</c>, where it exposes the order reduction of implicit methods, and time-dependent,
/// so a Rosenbrock method needs <c>∂f/∂t</c>.
/// </summary>
public partial struct GeneratedProtheroRobinson
{
    [Dynamics]
    public static double Rhs([Time] double t, double y, [Param] double lambda) => (lambda * (y - Math.Sin(t))) + Math.Cos(t);
}
