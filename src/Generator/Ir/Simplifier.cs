using System;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// Smart constructors over an <see cref="ExprGraph"/>: every node they build is simplified on the way in
/// (constant folding, neutral and absorbing elements, <c>--x</c>, <c>x - x</c>, sign pulling, and a canonical
/// operand order for the commutative operations), so derivatives come out readable without a rewrite pass.
/// </summary>
/// <remarks>
/// The rules are the algebraic identities of real numbers; like every computer-algebra system they ignore the
/// IEEE corner cases <c>0 · ∞</c> and <c>∞ − ∞</c> (e.g. <c>0 · x</c> becomes <c>0</c>).
/// </remarks>
internal sealed class Simplifier
{
    public Simplifier(ExprGraph graph) => Graph = graph;

    public ExprGraph Graph { get; }

    public int Zero => Graph.Constant(0.0);

    public int One => Graph.Constant(1.0);

    public int Constant(double value) => Graph.Constant(value);

    public int Leaf(NodeKind kind, int index) => Graph.Intern(Node.Leaf(kind, index));

    public int Bool(bool value) => Graph.Intern(Node.Leaf(NodeKind.BoolConstant, value ? 1 : 0));

    /// <summary>Builds <paramref name="template"/>'s operation on new operands, dispatching to the simplifying constructor.</summary>
    public int Make(Node template, int a, int b = 0, int c = 0) => template.Kind switch
    {
        NodeKind.Call => Call(template.Function, a, b, c),
        NodeKind.CustomCall => Custom(template.Bits, a, b, c),
        _ => Make(template.Kind, a, b, c),
    };

    /// <summary>
    /// A call of a custom function or one of its partials (<see cref="CustomCall"/> layout in <paramref name="bits"/>):
    /// never folded, since the generator cannot evaluate user code; only hash-consed.
    /// </summary>
    public int Custom(long bits, int a, int b = 0, int c = 0)
    {
        int arity = CustomCall.ArityOf(bits);
        return Graph.Intern(new Node(NodeKind.CustomCall, a, arity > 1 ? b : 0, arity > 2 ? c : 0, bits));
    }

    /// <summary>Builds <paramref name="kind"/> (not a call) applied to the operands, dispatching to the simplifying constructor.</summary>
    public int Make(NodeKind kind, int a, int b = 0, int c = 0) => kind switch
    {
        NodeKind.Negate => Negate(a),
        NodeKind.Add => Add(a, b),
        NodeKind.Subtract => Subtract(a, b),
        NodeKind.Multiply => Multiply(a, b),
        NodeKind.Divide => Divide(a, b),
        NodeKind.Not => Not(a),
        NodeKind.And or NodeKind.Or => Logic(kind, a, b),
        >= NodeKind.Less and <= NodeKind.NotEqual => Compare(kind, a, b),
        NodeKind.Conditional => Conditional(a, b, c),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an operation."),
    };

    public int Negate(int a)
    {
        Node node = Graph[a];
        switch (node.Kind)
        {
            case NodeKind.Constant:
                return Constant(-node.Value);
            case NodeKind.Negate:
                return node.A;
            case NodeKind.Subtract:
                return Subtract(node.B, node.A);
            case NodeKind.Multiply when Graph.IsConstant(node.A, out double c):
                return Multiply(Constant(-c), node.B);
            default:
                return Graph.Intern(Node.Unary(NodeKind.Negate, a));
        }
    }

    public int Add(int a, int b)
    {
        if (Graph.IsConstant(a, out double ca) && Graph.IsConstant(b, out double cb))
        {
            return Constant(ca + cb);
        }

        if (Graph.IsConstant(a, 0.0))
        {
            return b;
        }

        if (Graph.IsConstant(b, 0.0))
        {
            return a;
        }

        if (a == b)
        {
            return Multiply(Constant(2.0), a);
        }

        if (Graph[b].Kind == NodeKind.Negate)
        {
            return Subtract(a, Graph[b].A);
        }

        if (Graph[a].Kind == NodeKind.Negate)
        {
            return Subtract(b, Graph[a].A);
        }

        if (Graph.IsConstant(b, out cb) && cb < 0.0)
        {
            return Subtract(a, Constant(-cb));
        }

        if (Graph.IsConstant(a, out ca) && ca < 0.0)
        {
            return Subtract(b, Constant(-ca));
        }

        return Commutative(NodeKind.Add, a, b);
    }

    public int Subtract(int a, int b)
    {
        if (Graph.IsConstant(a, out double ca) && Graph.IsConstant(b, out double cb))
        {
            return Constant(ca - cb);
        }

        if (Graph.IsConstant(b, 0.0))
        {
            return a;
        }

        if (Graph.IsConstant(a, 0.0))
        {
            return Negate(b);
        }

        if (a == b)
        {
            return Zero;
        }

        if (Graph[b].Kind == NodeKind.Negate)
        {
            return Add(a, Graph[b].A);
        }

        if (Graph.IsConstant(b, out cb) && cb < 0.0)
        {
            return Add(a, Constant(-cb));
        }

        if (Graph[a].Kind == NodeKind.Negate)
        {
            return Negate(Add(Graph[a].A, b));
        }

        return Graph.Intern(Node.Binary(NodeKind.Subtract, a, b));
    }

    public int Multiply(int a, int b)
    {
        bool aConstant = Graph.IsConstant(a, out double ca);
        bool bConstant = Graph.IsConstant(b, out double cb);
        if (aConstant && bConstant)
        {
            return Constant(ca * cb);
        }

        if (bConstant)
        {
            // Constants go first: c * x.
            (a, b, ca, aConstant) = (b, a, cb, true);
        }

        if (aConstant)
        {
            if (ca == 0.0)
            {
                return Zero;
            }

            if (ca == 1.0)
            {
                return b;
            }

            if (ca == -1.0)
            {
                return Negate(b);
            }

            Node other = Graph[b];
            if (other.Kind == NodeKind.Multiply && Graph.IsConstant(other.A, out double inner))
            {
                return Multiply(Constant(ca * inner), other.B);
            }

            if (other.Kind == NodeKind.Negate)
            {
                return Multiply(Constant(-ca), other.A);
            }

            if (NegativePower(b) is int reciprocal)
            {
                return Divide(a, reciprocal);
            }

            return Graph.Intern(Node.Binary(NodeKind.Multiply, a, b));
        }

        if (Graph[a].Kind == NodeKind.Negate)
        {
            return Negate(Multiply(Graph[a].A, b));
        }

        if (Graph[b].Kind == NodeKind.Negate)
        {
            return Negate(Multiply(a, Graph[b].A));
        }

        // Pull a constant factor of either operand to the front: (c * x) * y = c * (x * y).
        if (Graph[a].Kind == NodeKind.Multiply && Graph.IsConstant(Graph[a].A, out double fa))
        {
            return Multiply(Constant(fa), Multiply(Graph[a].B, b));
        }

        if (Graph[b].Kind == NodeKind.Multiply && Graph.IsConstant(Graph[b].A, out double fb))
        {
            return Multiply(Constant(fb), Multiply(a, Graph[b].B));
        }

        if (a == b)
        {
            return Pow(a, Constant(2.0));
        }

        // x · u^(−c) = x / u^c: the derivative of u^c for c < 1 reads as a quotient, e.g. 0.5 / √u.
        if (NegativePower(b) is int right)
        {
            return Divide(a, right);
        }

        if (NegativePower(a) is int left)
        {
            return Divide(b, left);
        }

        return Commutative(NodeKind.Multiply, a, b);
    }

    public int Divide(int a, int b)
    {
        if (Graph.IsConstant(a, out double ca) && Graph.IsConstant(b, out double cb))
        {
            return Constant(ca / cb);
        }

        if (Graph.IsConstant(a, 0.0))
        {
            return Zero;
        }

        if (Graph.IsConstant(b, 1.0))
        {
            return a;
        }

        if (Graph.IsConstant(b, -1.0))
        {
            return Negate(a);
        }

        if (a == b)
        {
            return One;
        }

        if (Graph[a].Kind == NodeKind.Negate)
        {
            return Negate(Divide(Graph[a].A, b));
        }

        // (c·x)/(c·y) = x/y and (c·x)/d = (c/d)·x: cancels the 2s of d√u = u'/(2√u) with u' = 2x.
        if (Graph[a].Kind == NodeKind.Multiply && Graph.IsConstant(Graph[a].A, out double factor))
        {
            if (Graph[b].Kind == NodeKind.Multiply && Graph.IsConstant(Graph[b].A, factor))
            {
                return Divide(Graph[a].B, Graph[b].B);
            }

            if (Graph.IsConstant(b, out double divisor))
            {
                return Multiply(Constant(factor / divisor), Graph[a].B);
            }
        }

        if (Graph[b].Kind == NodeKind.Negate)
        {
            return Negate(Divide(a, Graph[b].A));
        }

        return Graph.Intern(Node.Binary(NodeKind.Divide, a, b));
    }

    public int Pow(int a, int b)
    {
        bool bConstant = Graph.IsConstant(b, out double cb);
        if (Graph.IsConstant(a, out double ca) && bConstant)
        {
            return Constant(Math.Pow(ca, cb));
        }

        if (bConstant && cb == 0.0)
        {
            return One;
        }

        if (bConstant && cb == 1.0)
        {
            return a;
        }

        if (Graph.IsConstant(a, 1.0))
        {
            return One;
        }

        return Graph.Intern(Node.Call(Functions.Pow, a, b));
    }

    /// <summary>For <c>u^(−c)</c> with a constant c &gt; 0, the node <c>u^c</c>; otherwise <see langword="null"/>.</summary>
    private int? NegativePower(int id)
    {
        Node node = Graph[id];
        return node.Calls(Functions.Pow) && Graph.IsConstant(node.B, out double exponent) && exponent < 0.0
            ? Pow(node.A, Constant(-exponent))
            : null;
    }

    /// <summary>
    /// A call of <paramref name="function"/>: folded when every argument is a constant (and the row folds it), through
    /// <see cref="Pow"/> and <see cref="MaxMin"/> for those, and with <c>|−x| = |x|</c> and <c>||x|| = |x|</c>.
    /// </summary>
    public int Call(BuiltinFunction function, int a, int b = 0, int c = 0)
    {
        if (function == Functions.Pow)
        {
            return Pow(a, b);
        }

        if (function == Functions.Max || function == Functions.Min)
        {
            return MaxMin(function, a, b);
        }

        if (Graph.IsConstant(a, out double ca)
            && (function.Arity < 2 || Graph.IsConstant(b, out _))
            && (function.Arity < 3 || Graph.IsConstant(c, out _))
            && function.Fold(ca, Graph[b].Value, Graph[c].Value) is double folded)
        {
            return Constant(folded);
        }

        Node node = Graph[a];
        if (function == Functions.Abs && (node.Calls(Functions.Abs) || node.Kind == NodeKind.Negate))
        {
            return Call(Functions.Abs, node.A);
        }

        return Graph.Intern(Node.Call(function, a, function.Arity > 1 ? b : 0, function.Arity > 2 ? c : 0));
    }

    public int MaxMin(BuiltinFunction function, int a, int b)
    {
        if (Graph.IsConstant(a, out double ca) && Graph.IsConstant(b, out double cb))
        {
            return Constant(function == Functions.Max ? (ca >= cb ? ca : cb) : (ca <= cb ? ca : cb));
        }

        // Max and Min are not reordered: the first argument wins ties, which the derivative depends on.
        return a == b ? a : Graph.Intern(Node.Call(function, a, b));
    }

    public int Compare(NodeKind kind, int a, int b)
    {
        if (Graph.IsConstant(a, out double ca) && Graph.IsConstant(b, out double cb))
        {
            return Bool(kind switch
            {
                NodeKind.Less => ca < cb,
                NodeKind.LessOrEqual => ca <= cb,
                NodeKind.Greater => ca > cb,
                NodeKind.GreaterOrEqual => ca >= cb,
                NodeKind.Equal => ca == cb,
                _ => ca != cb,
            });
        }

        return Graph.Intern(Node.Binary(kind, a, b));
    }

    public int Not(int a)
    {
        Node node = Graph[a];
        return node.Kind switch
        {
            NodeKind.BoolConstant => Bool(node.A == 0),
            NodeKind.Not => node.A,
            _ => Graph.Intern(Node.Unary(NodeKind.Not, a)),
        };
    }

    public int Logic(NodeKind kind, int a, int b)
    {
        bool isAnd = kind == NodeKind.And;
        foreach ((int x, int y) in new[] { (a, b), (b, a) })
        {
            Node node = Graph[x];
            if (node.Kind == NodeKind.BoolConstant)
            {
                bool value = node.A != 0;
                // true && y = y, false && y = false; false || y = y, true || y = true.
                return value == isAnd ? y : x;
            }
        }

        return a == b ? a : Graph.Intern(Node.Binary(kind, a, b));
    }

    public int Conditional(int condition, int whenTrue, int whenFalse)
    {
        Node node = Graph[condition];
        if (node.Kind == NodeKind.BoolConstant)
        {
            return node.A != 0 ? whenTrue : whenFalse;
        }

        if (whenTrue == whenFalse)
        {
            return whenTrue;
        }

        return Graph.Intern(Node.Conditional(condition, whenTrue, whenFalse));
    }

    /// <summary>
    /// Orders the operands of + and * canonically, so that <c>a*b</c> and <c>b*a</c> are one node: constants (first
    /// for *, last for +), then compound expressions (by id), then parameters, states, time and seeds. Compound
    /// first keeps left-associated chains as written: <c>beta * prey * predator</c>, <c>a * x + b * y + c</c>.
    /// </summary>
    private int Commutative(NodeKind kind, int a, int b)
    {
        if (Compare(OrderKey(kind, a), OrderKey(kind, b)) > 0)
        {
            (a, b) = (b, a);
        }

        return Graph.Intern(Node.Binary(kind, a, b));
    }

    private (int Rank, int Index, int Sub) OrderKey(NodeKind kind, int id)
    {
        Node node = Graph[id];
        int leafRank = node.Kind switch
        {
            NodeKind.Parameter => 0,
            NodeKind.State => 1,
            NodeKind.Time => 2,
            NodeKind.Local => 3,
            NodeKind.Seed => 4,
            _ => -1,
        };
        if (node.Kind == NodeKind.Constant)
        {
            return (kind == NodeKind.Multiply ? 0 : 20, id, 0);
        }

        if (leafRank < 0)
        {
            return (1, id, 0);
        }

        return (2 + leafRank, node.A, node.B);
    }

    private static int Compare((int Rank, int Index, int Sub) x, (int Rank, int Index, int Sub) y)
    {
        int byRank = x.Rank.CompareTo(y.Rank);
        if (byRank != 0)
        {
            return byRank;
        }

        int byIndex = x.Index.CompareTo(y.Index);
        return byIndex != 0 ? byIndex : x.Sub.CompareTo(y.Sub);
    }
}
