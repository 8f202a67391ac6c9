using System;
using System.Globalization;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>Round-trip, culture-independent number literals for C# and SymPy.</summary>
internal static class NumberFormat
{
    /// <summary>A C# double literal: "R" digits with a decimal point or exponent, so <c>2</c> is written <c>2.0</c>.</summary>
    public static string CSharp(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
    }

    /// <summary>A SymPy number: integers without a decimal point (exact), everything else in "R" form.</summary>
    public static string SymPy(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "oo" : "-oo";
        }

        if (Math.Floor(value) == value && Math.Abs(value) < 1e15)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}
