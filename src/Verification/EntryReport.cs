namespace NeuralOdeGen.Verification;

/// <summary>One row of a <see cref="VerificationReport"/>: a right-hand side or Jacobian entry and how each path fared.</summary>
/// <param name="Entry">Which quantity.</param>
/// <param name="Generated">The generator's symbolic form (from <see cref="OdeModelInfo"/>).</param>
/// <param name="Reference">SymPy's own derivative (empty for right-hand side rows).</param>
/// <param name="Verdict">SymPy's verdict on <c>generated − reference = 0</c>.</param>
/// <param name="SymbolicDetail">How the verdict was reached, or the counterexample.</param>
/// <param name="Compiled">
/// Compiled <c>StateJacobian</c>/<c>ParameterJacobian</c> (or <c>Evaluate</c> for right-hand side rows) against SymPy's values.
/// </param>
/// <param name="Products">Compiled <c>JacobianVectorProduct</c> and <c>VectorJacobianProduct</c> with unit vectors against SymPy's values.</param>
/// <param name="Dual">Compiled <c>EvaluateDual</c> with a unit tangent (its value part for right-hand side rows) against SymPy's values.</param>
/// <param name="FiniteDifference">Central finite differences of the compiled <c>Evaluate</c> (a sanity floor with a loose tolerance).</param>
/// <param name="NumericEqualityAccepted">Whether <see cref="SymbolicVerdict.EqualNumerically"/> counts as a pass (<see cref="VerificationOptions.AcceptNumericEquality"/>).</param>
public sealed record EntryReport(
    DerivativeEntry Entry,
    string Generated,
    string Reference,
    SymbolicVerdict Verdict,
    string SymbolicDetail,
    PathError Compiled,
    PathError Products,
    PathError Dual,
    PathError FiniteDifference,
    bool NumericEqualityAccepted = false)
{
    /// <summary>Gets whether the symbolic verdict is a proof (or not applicable) and every numeric path passed.</summary>
    public bool Passed =>
        (Verdict is SymbolicVerdict.Equal or SymbolicVerdict.NotApplicable || (NumericEqualityAccepted && Verdict == SymbolicVerdict.EqualNumerically)) && Compiled.Passed && Products.Passed && Dual.Passed && FiniteDifference.Passed;
}
