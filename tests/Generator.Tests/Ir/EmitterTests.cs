using System.Linq;
using NeuralOdeGen.Generator.Emit;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

public sealed class EmitterTests
{
    private readonly Simplifier _s = new(new ExprGraph());

    private int X => _s.Leaf(NodeKind.State, 0);

    private int A => _s.Leaf(NodeKind.Parameter, 0);

    private string LeafName(Node node) => node.Kind switch
    {
        NodeKind.State => "x",
        NodeKind.Parameter => "a",
        NodeKind.Seed => $"v[{node.B}]",
        _ => "t",
    };

    [Theory]
    [InlineData(2.0, "2.0")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(1e300, "1E+300")]
    [InlineData(double.NaN, "double.NaN")]
    [InlineData(double.PositiveInfinity, "double.PositiveInfinity")]
    public void CSharpNumber_Always_IsADoubleLiteral(double value, string expected)
    {
        Assert.Equal(expected, NumberFormat.CSharp(value));
    }

    [Theory]
    [InlineData(2.0, "2")]
    [InlineData(0.1, "0.1")]
    [InlineData(double.PositiveInfinity, "oo")]
    public void SymPyNumber_Integers_AreExact(double value, string expected)
    {
        Assert.Equal(expected, NumberFormat.SymPy(value));
    }

    [Fact]
    public void CSharpPrinter_NestedOperations_ParenthesisesOnlyWhereTheTreeNeedsIt()
    {
        // a * (x + 1) - (x - a) / (a * x): the right operands of - and / keep their parentheses.
        int e = _s.Subtract(
            _s.Multiply(A, _s.Add(X, _s.One)),
            _s.Divide(_s.Subtract(X, A), _s.Multiply(A, X)));
        var printer = new CSharpPrinter(_s.Graph, id => _s.Graph[id].IsLeaf && _s.Graph[id].Kind != NodeKind.Constant ? LeafName(_s.Graph[id]) : null);

        Assert.Equal("(x + 1.0) * a - (x - a) / (a * x)", printer.Print(e));
    }

    [Fact]
    public void SymPyPrinter_PiecewiseAndLogic_UsesSymPySyntax()
    {
        int condition = _s.Logic(
            NodeKind.And,
            _s.Compare(NodeKind.Greater, X, _s.Zero),
            _s.Not(_s.Compare(NodeKind.Equal, A, _s.One)));
        int e = _s.Conditional(condition, _s.Pow(X, _s.Constant(-2.0)), _s.Multiply(_s.Constant(-3.0), F(Functions.Named("Abs"), X)));
        var printer = new SymPyPrinter(_s.Graph, LeafName);

        Assert.Equal("Piecewise((x**(-2), (x > 0) & ~Eq(a, 1)), ((-3)*Abs(x), True))", printer.Print(e)); // negative numbers are parenthesised
    }

    [Fact]
    public void SymbolicBodyWriter_SharedSubexpression_IsHoistedOnceBeforeItsUses()
    {
        // exp(a*x) appears in both outputs and (a*x) inside it: only the node used twice is hoisted.
        int e = F(Functions.Named("Exp"), _s.Multiply(A, X));
        int first = _s.Multiply(e, X);
        int second = _s.Add(e, _s.One);
        var writer = new CodeWriter();
        var body = new SymbolicBodyWriter(_s.Graph, LeafName, node => node.Kind == NodeKind.State ? "state[0]" : "parameters[0]");

        body.Write(writer, new Identifiers(new[] { "x", "a" }), new[] { ("f[0]", first), ("f[1]", second) });

        string[] lines = writer.ToString().Split('\n').Where(l => l.Length > 0).ToArray();
        Assert.Equal(
            new[]
            {
                "double x = state[0];",
                "double a = parameters[0];",
                "double s0 = global::System.Math.Exp(a * x);",
                "f[0] = s0 * x;",
                "f[1] = s0 + 1.0;",
            },
            lines);
    }

    [Fact]
    public void SymbolicBodyWriter_TemporaryNameTakenByUser_RenamesTheTemporary()
    {
        int e = F(Functions.Named("Sin"), X);
        var writer = new CodeWriter();
        var body = new SymbolicBodyWriter(_s.Graph, _ => "s0", _ => "state[0]");

        body.Write(writer, new Identifiers(new[] { "s0" }), new[] { ("f[0]", _s.Multiply(e, e)) });

        Assert.Contains("double s0_ = global::System.Math.Sin(s0);", writer.ToString(), System.StringComparison.Ordinal);
        Assert.Contains("f[0] = s0_ * s0_;", writer.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void CodeWriter_OpenClose_IndentsByFourSpacesWithLfLineEndings()
    {
        var writer = new CodeWriter();
        writer.Line("class C").Open().Line("int X;").Close();

        Assert.Equal("class C\n{\n    int X;\n}\n", writer.ToString());
    }

    [Fact]
    public void VectorJacobianProduct_ZeroJacobianEntries_AreSkipped()
    {
        // f0 = a*x0, f1 = x1: vᵀJx = (a v0, v1), vᵀJp = (x0 v0).
        var raw = new ExprGraph();
        int x0 = raw.Intern(Node.Leaf(NodeKind.State, 0));
        int x1 = raw.Intern(Node.Leaf(NodeKind.State, 1));
        int a = raw.Intern(Node.Leaf(NodeKind.Parameter, 0));
        int f0 = raw.Intern(Node.Binary(NodeKind.Multiply, a, x0));
        var model = SymbolicModel.Build(
            new BodyIr(raw.ToArray(), EquatableArray<LocalDeclaration>.Empty, new EquatableArray<int>(new[] { f0, x1 })),
            parameterCount: 1);
        var printer = new SymPyPrinter(model.Graph, LeafName);

        int[] vjp = model.VectorJacobianProduct();

        Assert.Equal(new[] { "a*v[0]", "v[1]", "x*v[0]" }, vjp.Select(printer.Print).ToArray());
    }

    private int F(BuiltinFunction function, int a) => _s.Call(function, a);
}
