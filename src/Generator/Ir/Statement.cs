namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// One statement of a <see cref="BodyProgram"/>. <see cref="Target"/> is the local (for declarations and assignments),
/// the loop variable (for <see cref="StatementKind.LoopStart"/>) or the array (for <see cref="StatementKind.DeclareArray"/>
/// and element stores); <see cref="Value"/> a node of the program's graph; a loop runs its variable from
/// <see cref="From"/> while it is below <see cref="To"/>, in steps of <see cref="Step"/>. An assignment with
/// <see cref="Index"/> ≥ 0 stores into element <see cref="Index"/> (an index node) of array <see cref="Target"/>
/// (<c>h[j] = v</c>, <c>h[j] += v</c>...) instead of assigning a local.
/// </summary>
internal readonly record struct Statement(StatementKind Kind, int Target, int Value, int From = 0, int To = 0, int Step = 0, int Index = -1)
{
    /// <summary>Whether this assignment stores into an array element rather than a local.</summary>
    public bool IsStore => Index >= 0;

    public static Statement LoopStart(int variable, int from, int to, int step) => new(StatementKind.LoopStart, variable, 0, from, to, step);

    public static Statement LoopEnd() => new(StatementKind.LoopEnd, 0, 0);

    public static Statement DeclareArray(int array) => new(StatementKind.DeclareArray, array, 0);

    /// <summary><c>array[index] op= value</c>, <paramref name="kind"/> one of the assignment kinds.</summary>
    public static Statement Store(StatementKind kind, int array, int index, int value) => new(kind, array, value, Index: index);
}
