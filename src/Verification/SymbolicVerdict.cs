namespace NeuralOdeGen.Verification;

/// <summary>The computer-algebra system's verdict on one generated derivative.</summary>
public enum SymbolicVerdict
{
    /// <summary>Not checked symbolically (right-hand side rows have no claimed derivative).</summary>
    NotApplicable,

    /// <summary>The oracle proved <c>generated − reference = 0</c>.</summary>
    Equal,

    /// <summary>The oracle found a point where the generated and reference derivatives differ.</summary>
    Different,

    /// <summary>
    /// No proof was found, but the two agree to 1e-12 at many random points evaluated with 30 digits (SymPy rewrites
    /// some compositions, e.g. <c>sin(atan(p))</c> into <c>p/sqrt(p**2 + 1)</c>, in ways its simplifier does not undo).
    /// </summary>
    EqualNumerically,

    /// <summary>No proof, and too few random points were in the domain to compare numerically.</summary>
    Unknown,

    /// <summary>The generated string is not valid in the oracle's syntax.</summary>
    Unparsable,

    /// <summary>The oracle did not answer within the request timeout.</summary>
    TimedOut,
}
