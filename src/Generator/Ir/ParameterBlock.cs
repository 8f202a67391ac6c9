namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// One trainable parameter of the [Dynamics] method as declared: a scalar (<c>[Param] double a</c>, length 1) or a span
/// block (<c>[Param(N)] ReadOnlySpan&lt;double&gt; w</c>), occupying <c>p[Offset .. Offset + Length)</c>. State blocks
/// (<c>[State(N)] ReadOnlySpan&lt;double&gt; x</c>, or a scalar <c>double</c> state) are described the same way over <c>x</c>.
/// </summary>
internal readonly record struct ParameterBlock(string Name, int Offset, int Length, bool IsSpan)
{
    /// <summary>The name of element <paramref name="index"/> in <c>OdeModelInfo.ParameterNames</c>: <c>w[3]</c>, or the scalar's name.</summary>
    public string DisplayName(int index) => IsSpan ? $"{Name}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]" : Name;

    /// <summary>The SymPy symbol for element <paramref name="index"/>: <c>w_3</c> (a valid identifier), or the scalar's name.</summary>
    public string SymbolName(int index) => IsSpan ? $"{Name}_{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : Name;
}
