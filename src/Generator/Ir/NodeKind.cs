namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// The operation a <see cref="Node"/> performs. Leaves first, then unary, binary and ternary operations, then calls of
/// the built-in functions (one kind for all: the function is a row of <see cref="Functions"/>).
/// </summary>
internal enum NodeKind : byte
{
    /// <summary>A double constant; the value is in <see cref="Node.Bits"/>.</summary>
    Constant,

    /// <summary>A boolean constant; <see cref="Node.A"/> is 1 for true, 0 for false.</summary>
    BoolConstant,

    /// <summary>State variable number <see cref="Node.A"/>.</summary>
    State,

    /// <summary>Parameter number <see cref="Node.A"/>.</summary>
    Parameter,

    /// <summary>The time variable.</summary>
    Time,

    /// <summary>The user's local number <see cref="Node.A"/> (only in the unlowered body; lowering inlines it).</summary>
    Local,

    /// <summary>
    /// The counted loop variable number <see cref="Node.A"/> (only in a <see cref="BodyProgram"/>; unrolling replaces it
    /// by its value in each iteration).
    /// </summary>
    LoopVariable,

    /// <summary>An entry of a seed vector: <see cref="Node.A"/> is a <see cref="SeedVector"/>, <see cref="Node.B"/> the index.</summary>
    Seed,

    Negate,

    /// <summary>
    /// Element <see cref="Node.A"/> (an integer index expression of constants, loop variables, + - *) of parameter block
    /// <see cref="Node.B"/> (only in a <see cref="BodyProgram"/>; unrolling replaces it by the flattened parameter).
    /// </summary>
    Element,
    Not,

    Add,
    Subtract,
    Multiply,
    Divide,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,

    /// <summary><see cref="Node.A"/> ? <see cref="Node.B"/> : <see cref="Node.C"/>.</summary>
    Conditional,

    /// <summary>
    /// A call of the built-in function <see cref="Functions.All"/>[<see cref="Node.Bits"/>] (<c>exp</c>, <c>pow</c>,
    /// <c>max</c>...), on <see cref="Node.A"/>, <see cref="Node.B"/>, <see cref="Node.C"/> as its arity says.
    /// </summary>
    Call,

    /// <summary>
    /// A call of a user function with a hand-written derivative (<c>[DerivativeOf]</c>), opaque to the generator:
    /// <see cref="Node.Bits"/> holds the function's index in the model's <c>CustomFunctions</c> table, which value it
    /// is (the function itself, or its partial derivative in one argument) and its arity (see <see cref="CustomCall"/>).
    /// </summary>
    CustomCall,

    /// <summary>
    /// Element <see cref="Node.A"/> (an integer index expression, as for <see cref="Element"/>) of state block
    /// <see cref="Node.B"/> (only in a <see cref="BodyProgram"/>; unrolling replaces it by the flattened state).
    /// Appended last: the printers order leaves by kind, and existing kinds keep their numbers.
    /// </summary>
    StateElement,

    /// <summary>
    /// Element <see cref="Node.A"/> (an integer index expression) of array <see cref="Node.B"/> of
    /// <see cref="BodyProgram.Arrays"/>, a scratch span (only in a <see cref="BodyProgram"/>; unrolling replaces it by
    /// the value last stored there).
    /// </summary>
    ArrayElement,
}
