using System.Collections.Generic;

namespace NeuralOdeGen.Verification;

/// <summary>The symbolic oracle's answers for a whole model at a set of points.</summary>
/// <param name="RightHandSideValues">
/// <c>RightHandSideValues[point][i]</c>: <see cref="OdeModelInfo.RightHandSide"/> evaluated by the oracle.
/// </param>
/// <param name="Entries">One check per state Jacobian entry (row-major), then per parameter Jacobian entry (row-major).</param>
public sealed record SymbolicModelCheck(IReadOnlyList<IReadOnlyList<double>> RightHandSideValues, IReadOnlyList<SymbolicEntryCheck> Entries);
