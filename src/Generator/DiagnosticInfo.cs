using Microsoft.CodeAnalysis;

namespace NeuralOdeGen.Generator;

/// <summary>A diagnostic as plain values (descriptor, location, message arguments) for the incremental pipeline.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic()
    {
        object?[] arguments = new object?[Arguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Arguments[i];
        }

        return Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, arguments);
    }
}
