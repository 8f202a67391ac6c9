using NeuralOdeGen.Generator.Emit;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

public sealed class LoweringTests
{
    [Fact]
    public void Lower_LocalUsedTwice_BecomesOneSharedNode()
    {
        // double r = exp(x); return r * r + r;
        var raw = new ExprGraph();
        int x = raw.Intern(Node.Leaf(NodeKind.State, 0));
        int exp = raw.Intern(Node.Call(Functions.Named("Exp"), x));
        int r = raw.Intern(Node.Leaf(NodeKind.Local, 0));
        int result = raw.Intern(Node.Binary(NodeKind.Add, raw.Intern(Node.Binary(NodeKind.Multiply, r, r)), r));
        var body = new BodyIr(
            raw.ToArray(),
            new EquatableArray<LocalDeclaration>(new[] { new LocalDeclaration("r", exp) }),
            new EquatableArray<int>(new[] { result }));
        var simplifier = new Simplifier(new ExprGraph());

        int lowered = Lowering.Lower(body, simplifier)[0];

        int e = simplifier.Call(Functions.Named("Exp"), simplifier.Leaf(NodeKind.State, 0));
        Assert.Equal(simplifier.Add(simplifier.Pow(e, simplifier.Constant(2.0)), e), lowered);
        Assert.Equal(3.0 * 3.0 + 3.0, IrEvaluator.Evaluate(simplifier.Graph, lowered, new[] { System.Math.Log(3.0) }), 1e-12); // e^(ln 3) = 3 up to rounding
    }

    [Theory]
    [InlineData("double", "@double")]
    [InlineData("class", "@class")]
    [InlineData("prey", "prey")]
    [InlineData("var", "var")]
    public void Escape_Keyword_GetsAnAtSign(string name, string expected)
    {
        Assert.Equal(expected, Identifiers.Escape(name));
    }

    [Fact]
    public void Introduce_NameTakenTwice_AppendsUnderscoresUntilFree()
    {
        var identifiers = new Identifiers(new[] { "state", "state_" });

        Assert.Equal("state__", identifiers.Introduce("state"));
        Assert.Equal("state___", identifiers.Introduce("state"));
        Assert.Equal("cotangent", identifiers.Introduce("cotangent"));
    }
}
