using System;
using System.Globalization;

namespace NeuralOdeGen;

/// <summary>The argument checks shared by the event solves, each naming the argument and its value.</summary>
internal static class EventValidation
{
    public static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite; got {value}.");
        }
    }

    public static void RequireShapes<TModel>(ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters)
        where TModel : struct, IOdeModel<TModel>
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        if (initialState.Length != n)
        {
            throw new ArgumentException($"initialState has length {initialState.Length} but {TModel.Info.Name} has {n} states.", nameof(initialState));
        }

        if (parameters.Length != m)
        {
            throw new ArgumentException($"parameters has length {parameters.Length} but {TModel.Info.Name} has {m} parameters.", nameof(parameters));
        }

        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(initialState[i]))
            {
                throw new ArgumentException($"initialState[{i}] = {initialState[i]} is not finite.", nameof(initialState));
            }
        }

        for (int k = 0; k < m; k++)
        {
            if (!double.IsFinite(parameters[k]))
            {
                throw new ArgumentException($"parameters[{k}] = {parameters[k]} is not finite.", nameof(parameters));
            }
        }
    }

    // The times lie in [t0, t1] (or [t1, t0]) and run in the solve's direction.
    public static void RequireInSpan(ReadOnlySpan<double> times, double t0, double t1, string name)
    {
        double direction = t1 < t0 ? -1.0 : 1.0;
        for (int k = 0; k < times.Length; k++)
        {
            bool inside = direction * (times[k] - t0) >= 0.0 && direction * (t1 - times[k]) >= 0.0;
            bool ordered = k == 0 || direction * (times[k] - times[k - 1]) > 0.0;
            if (!inside || !ordered)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{name}'s times[{k}] = {times[k]:R} must lie between t0 = {t0:R} and t1 = {t1:R}, running {(direction > 0 ? "forwards (increasing)" : "backwards (decreasing)")} as the solve does."),
                    name);
            }
        }
    }
}
