using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// Symbolic differentiation with respect to one leaf of a simplified graph. Results are built with the
/// <see cref="Simplifier"/> and memoised per node, so shared subexpressions are differentiated once.
/// </summary>
/// <remarks>
/// Piecewise rules follow the runtime's dual numbers: a conditional, <c>Max</c> and <c>Min</c> take the derivative
/// of the branch they take (the first argument wins ties), and <c>d|a| = sign(a)·da</c> with <c>sign(0) = 0</c>.
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
        if (node.IsLeaf)
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

            case NodeKind.Pow:
                return DerivePow(id, a, b);
            case NodeKind.Exp:
                return Chain(id, a);
            case NodeKind.Log:
                return _s.Divide(Derive(a), a);
            case NodeKind.Sqrt:
                return _s.Divide(Derive(a), _s.Multiply(_s.Constant(2.0), id));
            case NodeKind.Sin:
                return Chain(_s.Function(NodeKind.Cos, a), a);
            case NodeKind.Cos:
                return _s.Negate(Chain(_s.Function(NodeKind.Sin, a), a));
            case NodeKind.Tan:
                return Chain(_s.Add(_s.One, _s.Pow(id, _s.Constant(2.0))), a);
            case NodeKind.Tanh:
                return Chain(_s.Subtract(_s.One, _s.Pow(id, _s.Constant(2.0))), a);
            case NodeKind.Sinh:
                return Chain(_s.Function(NodeKind.Cosh, a), a);
            case NodeKind.Cosh:
                return Chain(_s.Function(NodeKind.Sinh, a), a);
            case NodeKind.Atan:
                return _s.Divide(Derive(a), _s.Add(_s.One, _s.Pow(a, _s.Constant(2.0))));
            case NodeKind.Abs:
                return Chain(_s.Function(NodeKind.Sign, a), a);
            case NodeKind.Sign:
                return _s.Zero;
            case NodeKind.Max:
                return _s.Conditional(_s.Compare(NodeKind.GreaterOrEqual, a, b), Derive(a), Derive(b));
            case NodeKind.Min:
                return _s.Conditional(_s.Compare(NodeKind.LessOrEqual, a, b), Derive(a), Derive(b));
            case NodeKind.Conditional:
                return _s.Conditional(a, Derive(b), Derive(node.C));
            default:
                throw new InvalidOperationException($"Cannot differentiate a {node.Kind} node.");
        }
    }

    /// <summary>outer'(a) · a', skipping the outer derivative when a does not depend on the variable.</summary>
    private int Chain(int outerDerivative, int a)
    {
        int da = Derive(a);
        return _s.Graph.IsConstant(da, 0.0) ? _s.Zero : _s.Multiply(outerDerivative, da);
    }

    private int DerivePow(int id, int a, int b)
    {
        int da = Derive(a);
        int db = Derive(b);
        bool baseConstant = _s.Graph.IsConstant(da, 0.0);
        bool exponentConstant = _s.Graph.IsConstant(db, 0.0);
        if (baseConstant && exponentConstant)
        {
            return _s.Zero;
        }

        // b·a^(b−1)·a'
        int fromBase = baseConstant ? _s.Zero : _s.Multiply(_s.Multiply(b, _s.Pow(a, _s.Subtract(b, _s.One))), da);

        // a^b·ln(a)·b'
        int fromExponent = exponentConstant ? _s.Zero : _s.Multiply(_s.Multiply(id, _s.Function(NodeKind.Log, a)), db);
        return _s.Add(fromBase, fromExponent);
    }
}
