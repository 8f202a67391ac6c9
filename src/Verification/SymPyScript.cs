using System;
using System.IO;
using System.Resources;

namespace NeuralOdeGen.Verification;

/// <summary>The text of <c>sympy_oracle.py</c>, embedded in this assembly so that no file has to travel with it.</summary>
internal static class SymPyScript
{
    public const string ResourceName = "NeuralOdeGen.Verification.sympy_oracle.py";

    private static readonly Lazy<string> LazyText = new(Load);

    public static string Text => LazyText.Value;

    private static string Load()
    {
        using Stream stream = typeof(SymPyScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new MissingManifestResourceException($"The embedded resource '{ResourceName}' is missing from {typeof(SymPyScript).Assembly.FullName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
