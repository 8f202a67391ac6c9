namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// The user's body, straight-line: a raw hash-consed graph whose <see cref="NodeKind.Local"/> nodes refer to
/// <see cref="Locals"/> (one entry per assignment, so a reassigned local has several), and one output node per state.
/// The symbolic path lowers it (<see cref="Lowering"/>); the dual-number path re-emits <see cref="Program"/>, the
/// statements as written (for a body without loops, spans or reassignments, the same graph and locals).
/// </summary>
internal sealed record BodyIr(EquatableArray<Node> Nodes, EquatableArray<LocalDeclaration> Locals, EquatableArray<int> Outputs, BodyProgram Program)
{
    public BodyIr(EquatableArray<Node> nodes, EquatableArray<LocalDeclaration> locals, EquatableArray<int> outputs)
        : this(nodes, locals, outputs, BodyProgram.StraightLine(nodes, locals, outputs))
    {
    }
}

/// <summary>A user local: its name and the id of its initialiser (or of the value assigned) in the raw graph.</summary>
internal readonly record struct LocalDeclaration(string Name, int Value);
