using System;
using System.Collections.Generic;
using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Verification.Tests.Regressions;

/// <summary>An oracle whose every request fails, as SymPy did on <see cref="AbsOfCubedDifference"/>: what the report keeps then.</summary>
internal sealed class AlwaysFailingOracle(string error) : ISymbolicOracle
{
    public string Description => "always failing oracle";

    public SymbolicModelCheck CheckModel(OdeModelInfo info, IReadOnlyList<IReadOnlyList<double>> points) =>
        throw new SymbolicOracleException($"SymPy failed checking model '{info.Name}': {error}");

    public string Differentiate(string expression, IReadOnlyList<string> names, string variable) =>
        throw new SymbolicOracleException($"SymPy failed differentiating '{expression}': {error}");

    public IReadOnlyList<IReadOnlyList<double>> Evaluate(IReadOnlyList<string> expressions, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> points) =>
        throw new SymbolicOracleException($"SymPy failed evaluating {expressions.Count} expression(s): {error}");

    public void Dispose()
    {
    }
}
