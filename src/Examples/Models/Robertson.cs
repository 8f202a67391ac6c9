using System;

namespace NeuralOdeGen.Examples.Models;

/// <summary>
/// Robertson's chemical kinetics (Hairer &amp; Wanner II, §IV.1) with the three rate constants as log-parameters
/// (<c>k = e^{log k}</c>), so that a fit moves them on their own scales (0.04, 3e7 and 1e4). Stiff.
/// </summary>
public partial struct Robertson
{
    [Dynamics]
    public static (double A, double B, double C) Rhs(
        double a, double b, double c, [Param] double logK1, [Param] double logK2, [Param] double logK3)
        => ((-Math.Exp(logK1) * a) + (Math.Exp(logK3) * b * c),
            (Math.Exp(logK1) * a) - (Math.Exp(logK3) * b * c) - (Math.Exp(logK2) * b * b),
            Math.Exp(logK2) * b * b);
}
