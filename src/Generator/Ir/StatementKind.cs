namespace NeuralOdeGen.Generator.Ir;

/// <summary>What a <see cref="Statement"/> of a <see cref="BodyProgram"/> does.</summary>
internal enum StatementKind : byte
{
    /// <summary><c>double v = value;</c></summary>
    Declare,

    /// <summary><c>v = value;</c></summary>
    Assign,

    /// <summary><c>v += value;</c></summary>
    AddAssign,

    /// <summary><c>v -= value;</c></summary>
    SubtractAssign,

    /// <summary><c>v *= value;</c></summary>
    MultiplyAssign,

    /// <summary><c>v /= value;</c></summary>
    DivideAssign,

    /// <summary><c>for (int j = From; j &lt; To; j += Step) {</c>: the statements up to the matching <see cref="LoopEnd"/> are its body.</summary>
    LoopStart,

    /// <summary>The end of the innermost open loop's body.</summary>
    LoopEnd,

    /// <summary>
    /// <c>Span&lt;double&gt; a = stackalloc double[N];</c>: declares array <see cref="Statement.Target"/> of
    /// <see cref="BodyProgram.Arrays"/> (its elements are unassigned until stored).
    /// </summary>
    DeclareArray,
}
