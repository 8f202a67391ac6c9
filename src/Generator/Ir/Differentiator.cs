using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// Symbolic differentiation with respect to one leaf of a simplified graph. Results are built with the
/// <see cref="Simplifier"/> and memoised per node, so shared subexpressions are differentiated once.
/// </summary>
/// <remarks>
/// A conditional takes the derivative of the branch it takes, as the runtime's dual numbers do; each built-in function's
/// rule is its row's in <see cref="Functions"/>.
/// </remarks>
internal sealed class Differentiator
{
    private readonly Simplifier _s;
    private readonly int _variable;
    private readonly Dictionary<int, int> _memo = new();

    public Differentiator(Simplifier simplifier, int variable)
    {
        _s = simplifier;
        _variable = variable;
    }

    /// <summary>Returns the id of d(<paramref name="id"/>)/d(variable).</summary>
    public int Derive(int id)
    {
        if (_memo.TryGetValue(id, out int result))
        {
            return result;
        }

        // Recursion follows the expression's depth; a machine-written model can nest thousands of levels.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        result = DeriveUncached(id);
        _memo.Add(id, result);
        return result;
    }

    private int DeriveUncached(int id)
    {
        if (id == _variable)
        {
            return _s.One;
        }

        Node node = _s.Graph[id];

        // A span element of a program with kept loops is a read of its own (the loop path differentiates by read).
        if (node.IsLeaf || node.Kind is NodeKind.Element or NodeKind.StateElement or NodeKind.ArrayElement)
        {
            return _s.Zero;
        }

        int a = node.A;
        int b = node.B;
        switch (node.Kind)
        {
            case NodeKind.Negate:
                return _s.Negate(Derive(a));
            case NodeKind.Add:
                return _s.Add(Derive(a), Derive(b));
            case NodeKind.Subtract:
                return _s.Subtract(Derive(a), Derive(b));
            case NodeKind.Multiply:
                return _s.Add(_s.Multiply(Derive(a), b), _s.Multiply(a, Derive(b)));
            case NodeKind.Divide:
            {
                int da = Derive(a);
                int db = Derive(b);
                if (_s.Graph.IsConstant(db, 0.0))
                {
                    return _s.Divide(da, b);
                }

                // (a/b)' = a'/b - a·b'/b²
                return _s.Subtract(_s.Divide(da, b), _s.Divide(_s.Multiply(a, db), _s.Pow(b, _s.Constant(2.0))));
            }

            case NodeKind.Call:
                return node.Function.Derivative(new DerivativeRule(this, _s, id, node));
            case NodeKind.CustomCall:
                return DeriveCustom(node);
            case NodeKind.Conditional:
                return _s.Conditional(a, Derive(b), Derive(node.C));
            default:
                throw new InvalidOperationException($"Cannot differentiate a {node.Kind} node.");
        }
    }

    /// <summary>
    /// A custom function's derivative: Σ ∂F/∂a_k · a_k′, each ∂F/∂a_k a call of the user's derivative method (an opaque
    /// node), skipping arguments whose derivative is 0. A partial's own derivative (a second derivative) is not known.
    /// </summary>
    private int DeriveCustom(Node node)
    {
        if (CustomCall.PartialOf(node.Bits) != 0)
        {
            throw new InvalidOperationException("A [DerivativeOf] method's result has no known derivative (a second derivative was asked for).");
        }

        int function = CustomCall.FunctionOf(node.Bits);
        int arity = CustomCall.ArityOf(node.Bits);
        int sum = _s.Zero;
        for (int k = 0; k < arity; k++)
        {
            int derivative = Derive(node.Operand(k));
            if (_s.Graph.IsConstant(derivative, 0.0))
            {
                continue;
            }

            int partial = _s.Custom(CustomCall.Encode(function, k + 1, arity), node.A, node.B, node.C);
            sum = _s.Add(sum, _s.Multiply(partial, derivative));
        }

        return sum;
    }
}
