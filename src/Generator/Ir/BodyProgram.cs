namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// The user's body as written: statements in order (counted loops kept, locals mutable) over one hash-consed graph
/// whose <see cref="NodeKind.Local"/> nodes read the current value of a local, <see cref="NodeKind.LoopVariable"/> nodes
/// a loop counter and <see cref="NodeKind.Element"/> nodes an element of a parameter span. The dual-number path
/// re-emits it as is; <see cref="Unrolling"/> turns it into the straight-line <see cref="BodyIr"/> the symbolic path lowers.
/// </summary>
/// <param name="Nodes">The graph.</param>
/// <param name="Variables">The names of the user's double locals; a <see cref="NodeKind.Local"/> node's A indexes it.</param>
/// <param name="LoopVariables">The names of the loop counters; a <see cref="NodeKind.LoopVariable"/> node's A indexes it.</param>
/// <param name="Statements">The statements before the final return.</param>
/// <param name="Outputs">The returned values, one node per state.</param>
internal sealed record BodyProgram(
    EquatableArray<Node> Nodes,
    EquatableArray<string> Variables,
    EquatableArray<string> LoopVariables,
    EquatableArray<Statement> Statements,
    EquatableArray<int> Outputs)
{
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
