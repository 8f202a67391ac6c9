using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.UserFunctions.Models;

/// <summary>A user function called in a counted loop over a parameter block, and one with a loop of its own.</summary>
public partial struct HillSum
{
    public const int N = 3;

    [Dynamics]
    public static double Rhs(double x, [Param(N)] ReadOnlySpan<double> k, [Param] double n)
    {
        double s = 0.0;
        for (int j = 0; j < N; j++)
        {
            s += Kinetics.Hill(x, k[j], n);
        }

        return s - (0.1 * Kinetics.PowerSum(x));
    }
}
