using System;
using NeuralOdeGen.Verification;

namespace NeuralOdeGen.Verification.Tests.Oracle;

/// <summary>Without Python or SymPy the protocol tests fail at start with the install hint, not with bare null references later.</summary>
public sealed class SymPyScriptProcessTests
{
    [Fact]
    public void Start_MissingInterpreter_FailsWithTheInstallHint()
    {
        var e = Assert.Throws<SymbolicOracleException>(() => SymPyScriptProcess.Start("/nonexistent/python3"));

        Assert.Contains("/nonexistent/python3", e.Message, StringComparison.Ordinal);
        Assert.Contains(SymPyOracle.InstallHint, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_InterpreterWithoutSymPy_FailsWithTheInstallHint()
    {
        // -S skips the site module, so Debian's dist-packages (where python3-sympy lives) is not on sys.path.
        var e = Assert.Throws<SymbolicOracleException>(() => SymPyScriptProcess.Start(new SymPyOracleOptions().PythonPath, "-S"));

        Assert.Contains("sympy", e.Message, StringComparison.Ordinal);
        Assert.Contains(SymPyOracle.InstallHint, e.Message, StringComparison.Ordinal);
    }
}
