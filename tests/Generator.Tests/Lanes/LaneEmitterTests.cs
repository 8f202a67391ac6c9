using System;
using System.Linq;
using NeuralOdeGen.Generator.Emit;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Lanes;

/// <summary>The lane printer and body writer on hand-built graphs: the vector text mirrors the scalar text node by node.</summary>
public sealed class LaneEmitterTests
{
    private const string V = "global::System.Runtime.Intrinsics.Vector256";
    private const string VectorType = "global::System.Runtime.Intrinsics.Vector256<double>";

    private readonly Simplifier _s = new(new ExprGraph());

    private int X => _s.Leaf(NodeKind.State, 0);

    private int A => _s.Leaf(NodeKind.Parameter, 0);

    [Fact]
    public void VectorPrinter_NegatedProductAndPowers_WritesTheScalarPrintersOperationsOnVectors()
    {
        // -(a * x) is printed -a * x by both printers (the same operand is negated), x^2 as x * x, x^-1 as 1 / x.
        int negated = _s.Negate(_s.Multiply(A, X));
        int square = _s.Pow(_s.Add(X, A), _s.Constant(2.0));
        int reciprocal = _s.Pow(X, _s.Constant(-1.0));
        var scalar = new CSharpPrinter(_s.Graph, id => Atom(id));
        var vector = new VectorPrinter(_s.Graph, id => Atom(id), value => value == 1.0 ? "one" : throw new ArgumentException(value.ToString()));

        Assert.Equal("-a * x", scalar.Print(negated));
        Assert.Equal("-a * x", vector.Print(negated));
        Assert.Equal(scalar.Print(square), vector.Print(square));
        Assert.Matches(@"^\((a \+ x|x \+ a)\) \* \((a \+ x|x \+ a)\)$", vector.Print(square));
        Assert.Equal("one / x", vector.Print(reciprocal));
    }

    [Fact]
    public void VectorPrinter_NegatedProductWithNegativeLiteral_NegatesTheProductLikeTheScalarPrinter()
    {
        // The scalar text of -((-2) * x) is -(-2.0 * x) (it cannot write --2.0 * x): the product is negated, not the
        // literal, which matters for the sign of a NaN product. The lane text must negate the product too.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int product = graph.Intern(Node.Binary(NodeKind.Multiply, graph.Constant(-2.0), x));
        int negated = graph.Intern(Node.Unary(NodeKind.Negate, product));
        int nested = graph.Intern(Node.Unary(NodeKind.Negate, graph.Intern(Node.Binary(NodeKind.Divide, negated, x))));
        string? Atom(int id) => graph[id].Kind == NodeKind.State ? "x" : null;
        var scalar = new CSharpPrinter(graph, Atom);
        var vector = new VectorPrinter(graph, Atom, value => value == -2.0 ? "minusTwo" : throw new ArgumentException(value.ToString()));

        Assert.Equal("-(-2.0 * x)", scalar.Print(negated));
        Assert.Equal("-(minusTwo * x)", vector.Print(negated));
        Assert.Equal("-(-(-2.0 * x) / x)", scalar.Print(nested));
        Assert.Equal("-(-(minusTwo * x) / x)", vector.Print(nested));
    }

    [Fact]
    public void VectorPrinter_ConditionalOnLogic_SelectsOnComparisonMasks()
    {
        // x > 0 && !(a == 1) ? x : a != x  →  masks combined with & and ~, != as the complement of Equals (true for NaN).
        int condition = _s.Logic(NodeKind.And, _s.Compare(NodeKind.Greater, X, _s.Zero), _s.Not(_s.Compare(NodeKind.Equal, A, _s.One)));
        int e = _s.Conditional(condition, X, _s.Conditional(_s.Compare(NodeKind.NotEqual, A, X), A, _s.One));
        var vector = new VectorPrinter(_s.Graph, id => Atom(id), value => value switch { 0.0 => "zero", 1.0 => "one", _ => "other" });

        Assert.Equal(
            $"{V}.ConditionalSelect({V}.GreaterThan(x, zero) & ~{V}.Equals(a, one), x, {V}.ConditionalSelect(~{V}.Equals(a, x), a, one))",
            vector.Print(e));
    }

    [Fact]
    public void VectorPrinter_NotExactlyRoundedFunctions_GoThroughLaneMath()
    {
        int e = _s.Add(_s.Call(Functions.Named("Exp"), X), _s.Call(Functions.Named("Sqrt"), A));
        var vector = new VectorPrinter(_s.Graph, id => Atom(id), _ => "c");

        Assert.Equal($"global::NeuralOdeGen.LaneMath.Exp(x) + {V}.Sqrt(a)", vector.Print(e));
    }

    [Fact]
    public void Supports_EveryLoweredNodeKind_IsTrueAndAnUnknownKindIsFalse()
    {
        // Locals, loop variables and block elements exist only before lowering (they are substituted and unrolled away).
        NodeKind[] beforeLowering = [NodeKind.Local, NodeKind.LoopVariable, NodeKind.Element, NodeKind.StateElement, NodeKind.ArrayElement];
        NodeKind[] lowered = Enum.GetValues<NodeKind>().Except(beforeLowering).ToArray();
        Assert.All(lowered, kind => Assert.True(VectorPrinter.Supports(kind), kind.ToString()));
        Assert.All(beforeLowering, kind => Assert.False(VectorPrinter.Supports(kind), kind.ToString()));

        // A kind the lane printer does not know (a future IR addition) makes the model keep the scalar defaults.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int unknown = graph.Intern(Node.Unary((NodeKind)200, x));
        int sum = graph.Intern(Node.Binary(NodeKind.Add, x, unknown));
        Assert.True(LaneBodyWriter.Supports(graph, [x]));
        Assert.False(LaneBodyWriter.Supports(graph, [sum]));
    }

    [Fact]
    public void LaneBodyWriter_SharedSubexpression_BroadcastsParametersAndConstantsBeforeTheLoopAndHoistsLikeTheScalarBody()
    {
        int e = _s.Call(Functions.Named("Exp"), _s.Multiply(A, X));
        int first = _s.Multiply(e, X);
        int second = _s.Add(e, _s.Constant(2.0));
        var writer = new CodeWriter();
        var body = new LaneBodyWriter(
            _s.Graph,
            node => node.Kind == NodeKind.State ? "x" : "a",
            node => node.Kind == NodeKind.State ? "state[k]" : $"{V}.Create(parameters[0])");

        body.Write(writer, new Identifiers(["x", "a", "count", "k"]), [("f[k]", first), ("f[count + k]", second)], "count", "k");

        string[] lines = writer.ToString().Split('\n').Where(l => l.Length > 0).Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(
            [
                $"{VectorType} a = {V}.Create(parameters[0]);",
                $"{VectorType} two = {V}.Create(2.0);",
                "for (int k = 0; k < count; k++)",
                "{",
                $"    {VectorType} x = state[k];",
                $"    {VectorType} s0 = global::NeuralOdeGen.LaneMath.Exp(a * x);",
                "    f[k] = s0 * x;",
                "    f[count + k] = s0 + two;",
                "}",
            ],
            lines);
    }

    [Fact]
    public void LaneBodyWriter_SubexpressionOfParametersAndTimeOnly_IsComputedOnceBeforeTheLoop()
    {
        // f0 = sin(t)·x + a·a·x, f1 = a·t: sin(t), a·a and the whole of f1 vary with no vector of the block, so they
        // are computed once before the loop even where used once; a·a·x, which reads the state, stays inside.
        int t = _s.Leaf(NodeKind.Time, 0);
        int sine = _s.Call(Functions.Named("Sin"), t);
        int square = _s.Multiply(A, A);
        int f0 = _s.Add(_s.Multiply(sine, X), _s.Multiply(square, X));
        int f1 = _s.Multiply(A, t);
        var writer = new CodeWriter();
        var body = new LaneBodyWriter(
            _s.Graph,
            node => node.Kind switch { NodeKind.State => "x", NodeKind.Parameter => "a", _ => "t" },
            node => node.Kind switch { NodeKind.State => "state[k]", NodeKind.Parameter => $"{V}.Create(parameters[0])", _ => $"{V}.Create(time)" });

        body.Write(writer, new Identifiers(["x", "a", "t", "count", "k"]), [("f[k]", f0), ("f[count + k]", f1)], "count", "k");

        string[] lines = writer.ToString().Split('\n').Where(l => l.Length > 0).Select(l => l.TrimEnd()).ToArray();
        int loop = Array.IndexOf(lines, "for (int k = 0; k < count; k++)");
        Assert.True(loop > 0, string.Join("\n", lines));
        string before = string.Join("\n", lines[..loop]);
        string inside = string.Join("\n", lines[loop..]);
        Assert.Contains("= global::NeuralOdeGen.LaneMath.Sin(t);", before, StringComparison.Ordinal);
        Assert.Contains("= a * a;", before, StringComparison.Ordinal);
        Assert.Contains("= a * t;", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Sin", inside, StringComparison.Ordinal);
        Assert.DoesNotContain("a * a", inside, StringComparison.Ordinal);
        Assert.Contains($"{VectorType} x = state[k];", inside, StringComparison.Ordinal);
        Assert.Matches(@"f\[k\] = s\d \* x \+ s\d \* x;", inside);
        Assert.Matches(@"f\[count \+ k\] = s\d;", inside);
    }

    [Fact]
    public void LaneBodyWriter_Seeds_ReadPerVectorInsideTheLoopNamedAfterTheirScalarElement()
    {
        // a·x·v0: the seed is read from its block element, in a local named as the scalar body names it.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int a = graph.Intern(Node.Leaf(NodeKind.Parameter, 0));
        int seed = graph.Intern(new Node(NodeKind.Seed, (int)SeedVector.Cotangent, 0, 0, 0));
        int product = graph.Intern(Node.Binary(NodeKind.Multiply, graph.Intern(Node.Binary(NodeKind.Multiply, a, x)), seed));
        var writer = new CodeWriter();
        var body = new LaneBodyWriter(
            graph,
            node => node.Kind switch { NodeKind.State => "x", NodeKind.Parameter => "a", _ => "cotangent[0]" },
            node => node.Kind switch { NodeKind.State => "state[k]", NodeKind.Parameter => $"{V}.Create(parameters[0])", _ => "cotangent[k]" });

        body.Write(writer, new Identifiers(["x", "a", "n", "j"]), [("vjp[j]", product)], "n", "j");

        string[] lines = writer.ToString().Split('\n').Where(l => l.Length > 0).Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(
            [
                $"{VectorType} a = {V}.Create(parameters[0]);",
                "for (int j = 0; j < n; j++)",
                "{",
                $"    {VectorType} x = state[k];",
                $"    {VectorType} cotangent0 = cotangent[k];",
                "    vjp[j] = a * x * cotangent0;",
                "}",
            ],
            lines);
    }

    [Fact]
    public void LaneBodyWriter_ConstantNameTakenByUser_RenamesTheConstant()
    {
        int e = _s.Multiply(_s.Constant(-1.5), _s.Add(X, _s.One));
        var writer = new CodeWriter();
        var body = new LaneBodyWriter(_s.Graph, _ => "one", _ => "state[0]");

        body.Write(writer, new Identifiers(["one", "count", "k"]), [("f[k]", e)], "count", "k");

        Assert.Contains($"{VectorType} one_ = {V}.Create(1.0);", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{VectorType} constant0 = {V}.Create(-1.5);", writer.ToString(), StringComparison.Ordinal);
    }

    private string? Atom(int id)
    {
        Node node = _s.Graph[id];
        return node.Kind switch
        {
            NodeKind.State => "x",
            NodeKind.Parameter => "a",
            _ => null,
        };
    }
}
