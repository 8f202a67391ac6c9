using System.Collections.Generic;

namespace NeuralOdeGen.Verification;

/// <summary>What the symbolic oracle found for one Jacobian entry of a model.</summary>
/// <param name="Entry">The entry checked.</param>
/// <param name="Claimed">The generator's derivative (from <see cref="OdeModelInfo"/>).</param>
/// <param name="Reference">The oracle's own derivative of the right-hand side, in its syntax (empty when it timed out).</param>
/// <param name="Verdict">Whether the claimed derivative equals the reference.</param>
/// <param name="Detail">How the verdict was reached (or the counterexample, parse error or timeout).</param>
/// <param name="ReferenceValues">The reference derivative at each point (NaN where undefined or not computed).</param>
/// <param name="ClaimedValues">The claimed derivative string evaluated by the oracle at each point.</param>
public sealed record SymbolicEntryCheck(
    DerivativeEntry Entry,
    string Claimed,
    string Reference,
    SymbolicVerdict Verdict,
    string Detail,
    IReadOnlyList<double> ReferenceValues,
    IReadOnlyList<double> ClaimedValues);
