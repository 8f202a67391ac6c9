using System;
using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Verification.Tests;

/// <summary>One SymPy process shared by every test that needs the oracle (starting Python and SymPy takes ~0.5 s).</summary>
public sealed class SymPyFixture : IDisposable
{
    public SymPyOracle Oracle { get; } = new();

    public void Dispose() => Oracle.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SymPyCollection : ICollectionFixture<SymPyFixture>
{
    public const string Name = "SymPy";
}
