using System;
using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>
/// Names and symbolic forms of a generated model. Expressions are strings in SymPy syntax (<c>exp</c>,
/// <c>log</c>, <c>**</c>, <c>Piecewise</c>) over the state, parameter and time names; they are what the
/// computer-algebra oracle checks.
/// </summary>
public sealed class OdeModelInfo
{
    /// <summary>Creates the description of a model and checks that the shapes agree.</summary>
    /// <exception cref="ArgumentException">A list's length does not match the state and parameter counts.</exception>
    public OdeModelInfo(
        string name,
        IReadOnlyList<string> stateNames,
        IReadOnlyList<string> parameterNames,
        string? timeName,
        IReadOnlyList<string> rightHandSide,
        IReadOnlyList<string> stateJacobian,
        IReadOnlyList<string> parameterJacobian)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(stateNames);
        ArgumentNullException.ThrowIfNull(parameterNames);
        ArgumentNullException.ThrowIfNull(rightHandSide);
        ArgumentNullException.ThrowIfNull(stateJacobian);
        ArgumentNullException.ThrowIfNull(parameterJacobian);
        int n = stateNames.Count;
        int m = parameterNames.Count;
        if (rightHandSide.Count != n)
        {
            throw new ArgumentException($"Expected {n} right-hand side entries (one per state), got {rightHandSide.Count}.", nameof(rightHandSide));
        }

        if (stateJacobian.Count != n * n)
        {
            throw new ArgumentException($"Expected {n * n} state Jacobian entries (n×n), got {stateJacobian.Count}.", nameof(stateJacobian));
        }

        if (parameterJacobian.Count != n * m)
        {
            throw new ArgumentException($"Expected {n * m} parameter Jacobian entries (n×m), got {parameterJacobian.Count}.", nameof(parameterJacobian));
        }

        Name = name;
        StateNames = stateNames;
        ParameterNames = parameterNames;
        TimeName = timeName;
        RightHandSide = rightHandSide;
        StateJacobian = stateJacobian;
        ParameterJacobian = parameterJacobian;
    }

    /// <summary>Gets the model's type name.</summary>
    public string Name { get; }

    /// <summary>Gets the state variable names, in order.</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>Gets the trainable parameter names, in order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Gets the name of the <see cref="TimeAttribute"/> parameter, or <see langword="null"/> for an autonomous model.</summary>
    public string? TimeName { get; }

    /// <summary>Gets <c>f_i</c> in SymPy syntax, one per state.</summary>
    public IReadOnlyList<string> RightHandSide { get; }

    /// <summary>Gets <c>∂f_i/∂x_j</c> in SymPy syntax at index <c>i*n + j</c>.</summary>
    public IReadOnlyList<string> StateJacobian { get; }

    /// <summary>Gets <c>∂f_i/∂p_k</c> in SymPy syntax at index <c>i*m + k</c>.</summary>
    public IReadOnlyList<string> ParameterJacobian { get; }

    /// <summary>Gets the number of states.</summary>
    public int StateCount => StateNames.Count;

    /// <summary>Gets the number of parameters.</summary>
    public int ParameterCount => ParameterNames.Count;
}
