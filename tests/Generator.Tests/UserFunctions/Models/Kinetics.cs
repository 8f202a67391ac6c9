using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.UserFunctions.Models;

/// <summary>[Differentiable] functions shared by the models beside this file: another file and another type than theirs.</summary>
public static class Kinetics
{
    /// <summary>The Hill activation xⁿ / (kⁿ + xⁿ).</summary>
    [Differentiable]
    public static double Hill(double x, double k, double n) => Math.Pow(x, n) / (Math.Pow(k, n) + Math.Pow(x, n));

    /// <summary>The Hill repression 1 − Hill(x, k, n): a function calling a function.</summary>
    [Differentiable]
    public static double Repression(double x, double k, double n) => 1.0 - Hill(x, k, n);

    /// <summary>log(1 + eˣ), written the stable way: a block body with a local, Max and Abs.</summary>
    [Differentiable]
    public static double Softplus(double x)
    {
        double e = Math.Exp(-Math.Abs(x));
        return Math.Max(x, 0.0) + Math.Log(1.0 + e);
    }

    /// <summary>x + x² + x³ by a counted loop: a body with a loop variable and reassigned locals.</summary>
    [Differentiable]
    public static double PowerSum(double x)
    {
        double s = 0.0;
        double power = 1.0;
        for (int k = 0; k < 3; k++)
        {
            power *= x;
            s += power;
        }

        return s;
    }
}
