using System;

namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>
/// The time-forced single-state model <c>f(t, x) = a·x + b·sin(t)</c>, as a user writes it: its generated lane members
/// compute <c>b·sin(t)</c> once per block, before the loop over the block's vectors.
/// </summary>
public partial struct GeneratedForcedGrowth
{
    [Dynamics]
    public static double Rhs([Time] double t, double x, [Param] double a, [Param] double b) => (a * x) + (b * Math.Sin(t));
}
