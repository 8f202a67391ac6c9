namespace NeuralOdeGen.Verification;

/// <summary>Which quantity an entry of a verification describes.</summary>
public enum DerivativeKind
{
    /// <summary>The right-hand side <c>f_i</c> itself (checks that <see cref="OdeModelInfo.RightHandSide"/> describes the compiled code).</summary>
    RightHandSide,

    /// <summary>A state Jacobian entry <c>∂f_i/∂x_j</c>.</summary>
    State,

    /// <summary>A parameter Jacobian entry <c>∂f_i/∂p_k</c>.</summary>
    Parameter,

    /// <summary>
    /// Row <c>i</c> of the Jacobian times a random direction <c>d = (dx, dp)</c> (a model whose loops are kept; see
    /// <see cref="VerificationReport.SymbolicFormsWritten"/>); the column is the direction's number.
    /// </summary>
    Direction,
}
