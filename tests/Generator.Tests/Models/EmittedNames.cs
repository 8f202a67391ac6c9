using NeuralOdeGen;
using static System.Math;

namespace NeuralOdeGen.Generator.Tests.Models;

/// <summary>
/// User names that a generator is tempted to emit (state, derivative, parameters, s0, t0, stateJacobian), a
/// keyword identifier (<c>@double</c>) and Math via <c>using static</c>.
/// </summary>
public partial struct EmittedNames
{
    [Dynamics]
    public static (double State, double Derivative) Rhs(
        double state, double derivative, [Param] double parameters, [Param] double @double, [Time] double time)
    {
        double s0 = Sin(state) * parameters;
        double t0 = (s0 * s0) + @double;
        double stateJacobian = Exp(-derivative) * t0;
        return (stateJacobian - (time * derivative), Cos(s0) + Atan(stateJacobian));
    }
}
