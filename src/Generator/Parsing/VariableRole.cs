namespace NeuralOdeGen.Generator.Parsing;

/// <summary>What a method parameter is in the IR: a state, parameter or time leaf, and its index.</summary>
internal readonly record struct VariableRole(Ir.NodeKind Kind, int Index);
