using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// Names in one emitted method. User names (states, parameters, time, locals) are kept as written; every name the
/// generator introduces is renamed (suffix <c>_</c>) until it collides with nothing.
/// </summary>
internal sealed class Identifiers
{
    private readonly HashSet<string> _taken;

    public Identifiers(IEnumerable<string> userNames) => _taken = new HashSet<string>(userNames, System.StringComparer.Ordinal);

    /// <summary>A scope inside this one (a switch case's block): every name taken here is taken there too.</summary>
    public Identifiers Copy() => new(_taken);

    /// <summary>Reserves a generator-introduced name, renaming it if a user name or an earlier one already has it.</summary>
    public string Introduce(string preferred)
    {
        string name = preferred;
        while (!_taken.Add(name))
        {
            name += "_";
        }

        return name;
    }

    /// <summary>Escapes a C# keyword used as an identifier (<c>double</c> becomes <c>@double</c>).</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
