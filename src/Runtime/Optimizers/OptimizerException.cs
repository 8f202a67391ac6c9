using System;

namespace NeuralOdeGen;

/// <summary>
/// Thrown by <see cref="IOptimizer.Step"/> when the update cannot be computed in finite arithmetic (for example
/// an overflowing gradient or terminal variance). The <see cref="Trainer"/> reports it as
/// <see cref="TrainingStatus.Diverged"/>.
/// </summary>
public sealed class OptimizerException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    public OptimizerException()
    {
    }

    /// <summary>Creates the exception with a message that says what was not finite.</summary>
    public OptimizerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public OptimizerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
