namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// A span index that leaves its block while unrolling: the <see cref="NodeKind.Element"/> node, the index value, and
/// the loop counters' values at that point (e.g. <c>j = 49</c>), for the diagnostic.
/// </summary>
internal sealed record IndexError(int Node, long Index, string Bindings);
