using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Model;

/// <summary>
/// Everything the emitter needs about one valid [Dynamics] method, as values (no symbols, syntax or locations),
/// so that an edit elsewhere leaves it equal and the incremental pipeline skips the emit step.
/// </summary>
/// <param name="Namespace">The containing namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="Types">The containing types, outermost first; the last one implements the interface.</param>
/// <param name="States">State variable names, in order.</param>
/// <param name="Parameters">Parameter names, in order.</param>
/// <param name="TimeName">The [Time] parameter's name, if any.</param>
/// <param name="Body">The body as parsed.</param>
internal sealed record ModelSpec(
    string? Namespace,
    EquatableArray<TypeDeclarationInfo> Types,
    EquatableArray<string> States,
    EquatableArray<string> Parameters,
    string? TimeName,
    BodyIr Body)
{
    public string TypeName => Types[Types.Count - 1].Name;

    public string HintName
    {
        get
        {
            var builder = new System.Text.StringBuilder();
            if (Namespace is not null)
            {
                builder.Append(Namespace).Append('.');
            }

            for (int i = 0; i < Types.Count; i++)
            {
                builder.Append(Types[i].Name).Append(i + 1 < Types.Count ? "." : ".g.cs");
            }

            return builder.ToString();
        }
    }
}
