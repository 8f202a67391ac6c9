namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// A user function with a hand-written derivative (<c>[DerivativeOf(nameof(F))]</c>): the generator calls it and its
/// derivative method, and never reads either body. One row per function a model calls, in the order the parser first
/// meets them; a <see cref="NodeKind.CustomCall"/> node refers to its row by index.
/// </summary>
/// <param name="Name">The function's name as written (<c>Softplus</c>), for messages.</param>
/// <param name="Call">The fully qualified C# name of the function (<c>global::Demo.Activations.Softplus</c>).</param>
/// <param name="Derivative">The fully qualified C# name of the derivative method.</param>
/// <param name="Arity">The number of <c>double</c> arguments, 1 to 3 (a node holds at most three operands).</param>
/// <param name="SymPyName">The undefined SymPy function that stands for it (<c>user_Softplus</c>); its partial in argument k is <c>{SymPyName}__d{k+1}</c>.</param>
internal sealed record CustomFunction(string Name, string Call, string Derivative, int Arity, string SymPyName)
{
    /// <summary>The C# text of the partial derivative in argument <paramref name="k"/>: the derivative method's result, or its tuple's item.</summary>
    public string PartialCall(string arguments, int k) =>
        Arity == 1 ? $"{Derivative}({arguments})" : $"{Derivative}({arguments}).Item{k + 1}";
}

/// <summary>The layout of a <see cref="NodeKind.CustomCall"/> node's <see cref="Node.Bits"/>: row index, partial (0 for the value), arity.</summary>
internal static class CustomCall
{
    /// <summary>The most arguments a custom function takes (a node has three operands).</summary>
    public const int MaxArity = 3;

    public static long Encode(int function, int partial, int arity) => ((long)function << 4) | ((long)partial << 2) | (long)arity;

    public static int FunctionOf(long bits) => (int)(bits >> 4);

    /// <summary>0 for the function's value, k + 1 for its partial derivative in argument k.</summary>
    public static int PartialOf(long bits) => (int)((bits >> 2) & 3);

    public static int ArityOf(long bits) => (int)(bits & 3);
}
