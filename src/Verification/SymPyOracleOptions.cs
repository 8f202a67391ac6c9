using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Verification;

/// <summary>How <see cref="SymPyOracle"/> starts and waits for its Python process.</summary>
public sealed class SymPyOracleOptions
{
    /// <summary>The environment variable that overrides <see cref="PythonPath"/>'s default.</summary>
    public const string PythonPathVariable = "NEURALODEGEN_PYTHON";

    /// <summary>
    /// Gets or sets the interpreter. Defaults to <c>$NEURALODEGEN_PYTHON</c> or <c>/usr/bin/python3</c> (the system
    /// interpreter that Debian's <c>python3-sympy</c> installs into; a pyenv or venv <c>python3</c> on PATH usually lacks SymPy).
    /// </summary>
    public string PythonPath { get; set; } = Environment.GetEnvironmentVariable(PythonPathVariable) is { Length: > 0 } path ? path : "/usr/bin/python3";

    /// <summary>Gets or sets extra interpreter flags placed before the script (e.g. <c>-X</c> options).</summary>
    public IReadOnlyList<string> InterpreterArguments { get; set; } = [];

    /// <summary>Gets or sets how long one request may take before the process is killed and restarted.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long the interpreter may take to start and import SymPy.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how many requests are written ahead of the one being answered (pipelining).</summary>
    public int PipelineDepth { get; set; } = 32;
}
