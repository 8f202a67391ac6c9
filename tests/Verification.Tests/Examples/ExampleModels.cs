using System;

namespace NeuralOdeGen.Verification.Tests.Examples;

/// <summary>The paper's model: dx/dt = a·x (DESIGN.md §1).</summary>
public partial struct Decay
{
    [Dynamics]
    public static double Rhs(double x, [Param] double a) => a * x;
}

/// <summary>DESIGN.md §3's second example; beta and gamma collide with SymPy's functions.</summary>
public partial struct LotkaVolterra
{
    [Dynamics]
    public static (double Prey, double Predator) Rhs(
        double prey, double predator,
        [Param] double alpha, [Param] double beta, [Param] double delta, [Param] double gamma)
        => (alpha * prey - beta * prey * predator, delta * prey * predator - gamma * predator);
}

/// <summary>Van der Pol oscillator with a block body and a local.</summary>
public partial struct VanDerPol
{
    [Dynamics]
    public static (double, double) Rhs(double x, double v, [Param] double mu)
    {
        double damping = mu * (1 - x * x);
        return (v, damping * v - x);
    }
}

/// <summary>A forced, damped pendulum: time-dependent, trigonometric, named like the emitted span parameters.</summary>
public partial class ForcedPendulum
{
    private const double Gravity = 9.81;

    [Dynamics]
    public static (double, double) Rhs(double state, double time, [Param] double damping, [Param] double amplitude, [Time] double t)
        => (time, -Gravity * Math.Sin(state) - damping * time + amplitude * Math.Cos(2 * t));
}

/// <summary>Logistic growth with a harvest that switches on above a threshold (conditional, Max, Abs).</summary>
public partial struct ThresholdHarvest
{
    [Dynamics]
    public static double Rhs(double n, [Param] double r, [Param] double k, [Param] double h)
    {
        double growth = r * n * (1 - n / k);
        double harvest = n > 0.5 * k ? h * Math.Max(n - 0.5 * k, 0.0) : 0.0;
        return growth - harvest + 0.01 * Math.Abs(k - n);
    }
}

/// <summary>Every supported function once, over names that are SymPy constants or Python keywords (E, I, S, N, pi, lambda).</summary>
public partial struct EveryFunction
{
    [Dynamics]
    public static (double, double, double) Rhs(double E, double I, double S, [Param] double N, [Param] double pi, [Param] double lambda)
    {
        double a = Math.Exp(-E * E) + Math.Log(1 + I * I) + Math.Sqrt(2 + S);
        double b = Math.Pow(E, 3) + Math.Pow(1 + I * I, N) + Math.Sin(S) * Math.Cos(E);
        double c = Math.Tan(0.5 * Math.Tanh(I)) + Math.Sinh(lambda * S) - Math.Cosh(pi * E) + Math.Atan(N * I);
        double d = Math.Min(E, I) * Math.Max(S, pi) + Math.Abs(E - S);
        return (a * lambda, b - c, (E >= I && !(S < 0.1)) || N == pi ? d : -d);
    }
}

/// <summary>
/// The functions added to the table after the first fourteen, each inside its domain for the verifier's default sampling
/// box [0.25, 1.75]: Cbrt of a negative and of a positive argument, Clamp with bounds in order, and the step functions.
/// </summary>
public partial struct TableFunctions
{
    [Dynamics]
    public static (double, double, double) Rhs(double u, double v, double w, [Param] double a, [Param] double b)
    {
        double inverse = Math.Asinh(a * u) + Math.Acosh(1 + v * v + b) + Math.Atanh(0.5 * Math.Tanh(w)) + Math.Asin(0.5 * u) + Math.Acos(0.25 * v * w);
        double logs = Math.Atan2(u, v) + Math.Log2(u + b) + Math.Log10(v * w) + Math.Cbrt(u - 2.5) * Math.Cbrt(v + a);
        double steps = Math.FusedMultiplyAdd(a, u, w) + Math.Clamp(v, 0.5 * b, b) * Math.Sign(w - 1.0) + Math.Floor(2 * u) * v + Math.Round(3 * w) * b;
        return (inverse, logs, steps);
    }
}
