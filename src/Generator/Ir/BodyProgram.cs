namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// The user's body as written: statements in order (counted loops kept, locals mutable) over one hash-consed graph
/// whose <see cref="NodeKind.Local"/> nodes read the current value of a local, <see cref="NodeKind.LoopVariable"/> nodes
/// a loop counter, <see cref="NodeKind.Element"/> and <see cref="NodeKind.StateElement"/> nodes an element of a parameter
/// or state span and <see cref="NodeKind.ArrayElement"/> nodes an element of a scratch span. The dual-number path
/// re-emits it as is; <see cref="Unrolling"/> turns it into the straight-line <see cref="BodyIr"/> the symbolic path lowers.
/// </summary>
/// <param name="Nodes">The graph.</param>
/// <param name="Variables">The names of the user's double locals; a <see cref="NodeKind.Local"/> node's A indexes it.</param>
/// <param name="LoopVariables">The names of the loop counters; a <see cref="NodeKind.LoopVariable"/> node's A indexes it.</param>
/// <param name="Statements">The statements before the final return.</param>
/// <param name="Outputs">The returned values, one node per state; empty when the body stores into an output array instead.</param>
internal sealed record BodyProgram(
    EquatableArray<Node> Nodes,
    EquatableArray<string> Variables,
    EquatableArray<string> LoopVariables,
    EquatableArray<Statement> Statements,
    EquatableArray<int> Outputs)
{
    /// <summary>
    /// The spans the body stores into (scratch arrays and the output span), which <see cref="NodeKind.ArrayElement"/>
    /// nodes and store statements index; empty for the return forms.
    /// </summary>
    public EquatableArray<ArrayDeclaration> Arrays { get; init; } = EquatableArray<ArrayDeclaration>.Empty;

    /// <summary>The index of the output array in <see cref="Arrays"/>, or -1 when the body returns its outputs.</summary>
    public int OutputArray
    {
        get
        {
            for (int a = 0; a < Arrays.Count; a++)
            {
                if (Arrays[a].IsOutput)
                {
                    return a;
                }
            }

            return -1;
        }
    }

    /// <summary>The program of a straight-line body: one declaration per local, in order.</summary>
    public static BodyProgram StraightLine(EquatableArray<Node> nodes, EquatableArray<LocalDeclaration> locals, EquatableArray<int> outputs)
    {
        string[] names = new string[locals.Count];
        Statement[] statements = new Statement[locals.Count];
        for (int i = 0; i < locals.Count; i++)
        {
            names[i] = locals[i].Name;
            statements[i] = new Statement(StatementKind.Declare, i, locals[i].Value);
        }

        return new BodyProgram(nodes, new EquatableArray<string>(names), EquatableArray<string>.Empty, new EquatableArray<Statement>(statements), outputs);
    }
}
