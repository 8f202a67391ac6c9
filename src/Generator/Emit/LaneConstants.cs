using System;
using System.Collections.Generic;
using System.Globalization;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// The constants of a lane method, each broadcast into a vector once, before the loops, in order of first use:
/// <see cref="Name"/> is handed to <see cref="VectorPrinter"/>, which asks for a constant while it prints a line.
/// </summary>
internal sealed class LaneConstants
{
    private readonly Identifiers _identifiers;
    private readonly Dictionary<long, string> _names = new();
    private readonly List<string> _declarations = new();
    private readonly bool _wide;
    private int _unnamed;

    /// <param name="identifiers">The method's names; the constants are introduced into it.</param>
    /// <param name="wide">Whether the constants are <c>Vector512&lt;double&gt;</c> rather than <c>Vector256&lt;double&gt;</c>.</param>
    public LaneConstants(Identifiers identifiers, bool wide = false)
    {
        _identifiers = identifiers;
        _wide = wide;
    }

    /// <summary>Gets the declarations of the constants named so far, in order of first use.</summary>
    public IReadOnlyList<string> Declarations => _declarations;

    /// <summary>Gets the local holding <paramref name="value"/> broadcast, introducing it on first use.</summary>
    public string Name(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        if (!_names.TryGetValue(bits, out string? name))
        {
            string? preferred = LaneBodyWriter.PreferredConstantName(value);
            if (preferred is null)
            {
                preferred = "constant" + _unnamed.ToString(CultureInfo.InvariantCulture);
                _unnamed++;
            }

            name = _identifiers.Introduce(preferred);
            _names.Add(bits, name);
            string type = _wide ? VectorPrinter.WideVectorType : VectorPrinter.VectorType;
            string vector = _wide ? VectorPrinter.WideVector : VectorPrinter.Vector;
            _declarations.Add($"{type} {name} = {vector}.Create({NumberFormat.CSharp(value)});");
        }

        return name;
    }
}
