using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Generator.Tests.Events.Models;

/// <summary>
/// State and parameter blocks with a Span<double> output, two events (one with a jump that reads the time and writes a
/// Span<double> output, one without a jump), loops in the event and jump bodies.
/// </summary>
public partial struct EventBlocks
{
    public const int N = 3;

    [Dynamics]
    public static void Rhs([State(N)] ReadOnlySpan<double> x, [Param(N)] ReadOnlySpan<double> w, [Param] double c, Span<double> dxdt)
    {
        for (int i = 0; i < N; i++) dxdt[i] = -w[i] * x[i] + c;
    }

    [Event(Direction = EventDirection.Falling, Jump = nameof(Scale))]
    public static double Energy([State(N)] ReadOnlySpan<double> x, [Param(N)] ReadOnlySpan<double> w, [Param] double c)
    {
        double s = -c;
        for (int i = 0; i < N; i++) s += w[i] * x[i] * x[i];
        return s;
    }

    public static void Scale([State(N)] ReadOnlySpan<double> x, [Param(N)] ReadOnlySpan<double> w, [Param] double c, [Time] double t, Span<double> next)
    {
        for (int i = 0; i < N; i++) next[i] = x[i] * Math.Exp(-w[i] * c) + t * x[N - 1 - i];
    }

    [Event]
    public static double First([State(N)] ReadOnlySpan<double> x, [Param(N)] ReadOnlySpan<double> w, [Param] double c) => x[0] - w[2];
}
