namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// A span the body writes elements of: a scratch array (<c>Span&lt;double&gt; h = stackalloc double[Length];</c>) or, with
/// <see cref="IsOutput"/>, the method's <c>Span&lt;double&gt;</c> output (its length the state count). Its elements are
/// written by store statements and read by <see cref="NodeKind.ArrayElement"/> nodes; an element is read only after it is
/// stored, and each output element is stored exactly once.
/// </summary>
internal readonly record struct ArrayDeclaration(string Name, int Length, bool IsOutput);
