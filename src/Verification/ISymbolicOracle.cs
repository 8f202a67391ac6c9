using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Verification;

/// <summary>
/// A computer-algebra system that independently differentiates a model's right-hand side and judges the
/// generator's derivatives. Implementations may be backed by an external process; they are not required to be
/// thread-safe beyond serialising calls.
/// </summary>
public interface ISymbolicOracle : IDisposable
{
    /// <summary>Gets a human-readable description of the backend, e.g. <c>SymPy 1.11.1 on Python 3.11.2</c>.</summary>
    string Description { get; }

    /// <summary>
    /// Parses <see cref="OdeModelInfo.RightHandSide"/>, evaluates it at every point, differentiates it with respect to
    /// every state and parameter, compares each derivative with the claimed <see cref="OdeModelInfo.StateJacobian"/> and
    /// <see cref="OdeModelInfo.ParameterJacobian"/> entry, and evaluates its own derivatives at every point.
    /// </summary>
    /// <param name="info">The model's names and symbolic forms.</param>
    /// <param name="points">
    /// Evaluation points, each laid out as the states, then the parameters, then the time when
    /// <see cref="OdeModelInfo.TimeName"/> is not <see langword="null"/>.
    /// </param>
    /// <returns>The right-hand side values and one check per Jacobian entry.</returns>
    SymbolicModelCheck CheckModel(OdeModelInfo info, IReadOnlyList<IReadOnlyList<double>> points);

    /// <summary>Differentiates <paramref name="expression"/> over the given variable names.</summary>
    /// <param name="expression">An expression in the oracle's syntax (that of <see cref="OdeModelInfo"/>).</param>
    /// <param name="names">Every variable name the expression may use.</param>
    /// <param name="variable">The name to differentiate by; one of <paramref name="names"/>.</param>
    /// <returns>The derivative in the oracle's syntax.</returns>
    string Differentiate(string expression, IReadOnlyList<string> names, string variable);

    /// <summary>Evaluates expressions at points (values in the order of <paramref name="names"/>).</summary>
    /// <returns><c>values[point][expression]</c>; NaN where an expression is not a finite real number.</returns>
    IReadOnlyList<IReadOnlyList<double>> Evaluate(IReadOnlyList<string> expressions, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> points);
}
