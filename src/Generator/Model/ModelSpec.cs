using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Model;

/// <summary>
/// Everything the emitter needs about one valid [Dynamics] method, as values (no symbols, syntax or locations),
/// so that an edit elsewhere leaves it equal and the incremental pipeline skips the emit step.
/// </summary>
/// <param name="Namespace">The containing namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="Types">The containing types, outermost first; the last one implements the interface.</param>
/// <param name="States">State variable names, in order.</param>
/// <param name="Parameters">Parameter names as <c>OdeModelInfo</c> lists them, flattened in order (<c>a</c>, <c>w[0]</c>, <c>w[1]</c>...).</param>
/// <param name="ParameterBlocks">The trainable parameters as declared (scalars and span blocks), in order.</param>
/// <param name="TimeName">The [Time] parameter's name, if any.</param>
/// <param name="Body">The body as parsed.</param>
internal sealed record ModelSpec(
    string? Namespace,
    EquatableArray<TypeDeclarationInfo> Types,
    EquatableArray<string> States,
    EquatableArray<string> Parameters,
    EquatableArray<ParameterBlock> ParameterBlocks,
    string? TimeName,
    BodyIr Body)
{
    /// <summary>A model whose parameters are all scalars (<c>[Param] double</c>).</summary>
    public ModelSpec(
        string? Namespace,
        EquatableArray<TypeDeclarationInfo> Types,
        EquatableArray<string> States,
        EquatableArray<string> Parameters,
        string? TimeName,
        BodyIr Body)
        : this(Namespace, Types, States, Parameters, ScalarBlocks(Parameters), TimeName, Body)
    {
    }

    /// <summary>
    /// The states as declared (scalars and <c>[State(N)]</c> span blocks), in order, over the flattened <see cref="States"/>;
    /// by default one scalar per state.
    /// </summary>
    public EquatableArray<ParameterBlock> StateBlocks { get; init; } = ScalarBlocks(States);

    /// <summary>
    /// Whether the body is too large to unroll but its loops can be kept (<c>Analysis/LoopAnalyzer</c>): <see cref="Body"/>
    /// then holds only the program (<see cref="BodyIr.Program"/>), and the analysis takes the loop path.
    /// </summary>
    public bool KeepsLoops { get; init; }

    /// <summary>
    /// Whether this is the generated <c>SymbolicCheck</c> type of a model (its method at small sizes): always analysed on
    /// the unrolled, symbolic path, whatever <c>NeuralOdeGenKeepLoops</c> says.
    /// </summary>
    public bool IsSymbolicCheck { get; init; }

    /// <summary>Whether some state comes in a <c>[State(N)]</c> span block.</summary>
    public bool HasStateBlocks
    {
        get
        {
            foreach (ParameterBlock block in StateBlocks)
            {
                if (block.IsSpan)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The functions with hand-written derivatives (<c>[DerivativeOf]</c>) the body calls, which its <see cref="NodeKind.CustomCall"/> nodes index.</summary>
    public EquatableArray<CustomFunction> CustomFunctions { get; init; } = EquatableArray<CustomFunction>.Empty;

    /// <summary>The <c>[Event]</c> methods beside the [Dynamics] method, in declaration order (see <c>Parsing/EventParser</c>).</summary>
    public EquatableArray<EventSpec> Events { get; init; } = EquatableArray<EventSpec>.Empty;

    public string TypeName => Types[Types.Count - 1].Name;

    /// <summary>The block that holds flattened state <paramref name="j"/>, and <paramref name="j"/>'s index inside it.</summary>
    public (ParameterBlock Block, int Index) StateAt(int j) => BlockAt(StateBlocks, j);

    /// <summary>The block that holds flattened parameter <paramref name="k"/>, and <paramref name="k"/>'s index inside it.</summary>
    public (ParameterBlock Block, int Index) ParameterAt(int k) => BlockAt(ParameterBlocks, k);

    private static (ParameterBlock Block, int Index) BlockAt(EquatableArray<ParameterBlock> blocks, int k)
    {
        foreach (ParameterBlock block in blocks)
        {
            if (k < block.Offset + block.Length)
            {
                return (block, k - block.Offset);
            }
        }

        throw new System.ArgumentOutOfRangeException(nameof(k), k, "No parameter block holds this index.");
    }

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

    private static EquatableArray<ParameterBlock> ScalarBlocks(EquatableArray<string> parameters)
    {
        var blocks = new ParameterBlock[parameters.Count];
        for (int k = 0; k < blocks.Length; k++)
        {
            blocks[k] = new ParameterBlock(parameters[k], k, 1, IsSpan: false);
        }

        return new EquatableArray<ParameterBlock>(blocks);
    }
}
