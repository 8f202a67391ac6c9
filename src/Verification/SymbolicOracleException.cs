using System;

namespace NeuralOdeGen.Verification;

/// <summary>The symbolic oracle could not start, crashed, rejected a request, or did not answer in time.</summary>
public sealed class SymbolicOracleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SymbolicOracleException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SymbolicOracleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SymbolicOracleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
