namespace NeuralOdeGen.Verification;

/// <summary>Identifies one checked quantity of a model: <c>f_row</c>, or its derivative with respect to a state or parameter.</summary>
/// <param name="Kind">Right-hand side, state Jacobian or parameter Jacobian.</param>
/// <param name="Row">The state index <c>i</c> of <c>f_i</c>.</param>
/// <param name="Column">The state index <c>j</c> or parameter index <c>k</c>; 0 for right-hand side entries.</param>
/// <param name="RowName">The state name of <c>f_i</c>.</param>
/// <param name="VariableName">The name of the state or parameter differentiated by, or <see langword="null"/>.</param>
public sealed record DerivativeEntry(DerivativeKind Kind, int Row, int Column, string RowName, string? VariableName)
{
    /// <summary>A short label: <c>f[prey]</c>, <c>∂f[prey]/∂alpha</c>, or <c>J[prey]·d1</c> for a random direction.</summary>
    public string Label => Kind switch
    {
        DerivativeKind.RightHandSide => $"f[{RowName}]",
        DerivativeKind.Direction => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"J[{RowName}]·d{Column + 1}"),
        _ => $"∂f[{RowName}]/∂{VariableName}",
    };

    /// <inheritdoc/>
    public override string ToString() => Label;
}
