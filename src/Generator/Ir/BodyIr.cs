namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// The user's body as written, before simplification: a raw hash-consed graph whose <see cref="NodeKind.Local"/>
/// nodes refer to <see cref="Locals"/>, and one output node per state. The dual-number path re-emits it as is;
/// the symbolic path lowers it (<see cref="Lowering"/>).
/// </summary>
internal sealed record BodyIr(EquatableArray<Node> Nodes, EquatableArray<LocalDeclaration> Locals, EquatableArray<int> Outputs);

/// <summary>A user local: its name and the id of its initialiser in the raw graph.</summary>
internal readonly record struct LocalDeclaration(string Name, int Value);
