namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// What a method parameter is in the IR: a state, parameter or time leaf, and its index (for a parameter span, the
/// offset of its first element), plus the span's block number (-1 for a scalar).
/// </summary>
internal readonly record struct VariableRole(Ir.NodeKind Kind, int Index, int Block = -1);
