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

    /// <summary>The two agree numerically at every point but simplification could not prove the difference is zero.</summary>
    Unknown,

    /// <summary>The generated string is not valid in the oracle's syntax.</summary>
    Unparsable,

    /// <summary>The oracle did not answer within the request timeout.</summary>
    TimedOut,
}
