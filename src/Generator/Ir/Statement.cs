namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// One statement of a <see cref="BodyProgram"/>. <see cref="Target"/> is the local (for declarations and assignments) or
/// the loop variable (for <see cref="StatementKind.LoopStart"/>); <see cref="Value"/> a node of the program's graph;
/// a loop runs its variable from <see cref="From"/> while it is below <see cref="To"/>, in steps of <see cref="Step"/>.
/// </summary>
internal readonly record struct Statement(StatementKind Kind, int Target, int Value, int From = 0, int To = 0, int Step = 0)
{
    public static Statement LoopStart(int variable, int from, int to, int step) => new(StatementKind.LoopStart, variable, 0, from, to, step);

    public static Statement LoopEnd() => new(StatementKind.LoopEnd, 0, 0);
}
