namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// A misuse of a scratch or output element that only unrolling can see, for the diagnostic: where it happened (the store
/// <see cref="Statement"/> or the reading <see cref="Node"/>, -1 when not that kind of site), the <see cref="Array"/>,
/// the element's <see cref="Index"/>, and <see cref="Detail"/>: the loop counters at that point (e.g. <c>j = 49</c>), or
/// for <see cref="ElementErrorKind.NeverStored"/> the list of elements never stored (e.g. <c>1, 3</c>).
/// </summary>
internal sealed record ElementError(ElementErrorKind Kind, int Statement, int Node, int Array, long Index, string Detail);
