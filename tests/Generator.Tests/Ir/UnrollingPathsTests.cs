using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// The paths of <see cref="Unrolling"/> the loop tests in <see cref="UnrollingTests"/> do not take: a straight-line
/// body kept as it is (and one that only looks straight-line), index arithmetic, nested loops in an error's bindings,
/// and a conditional (three operands) inside a loop.
/// </summary>
public sealed class UnrollingPathsTests
{
    // a at p[0], w = p[1..4).
    private static readonly EquatableArray<ParameterBlock> Blocks = new([
        new ParameterBlock("a", 0, 1, IsSpan: false),
        new ParameterBlock("w", 1, 3, IsSpan: true),
    ]);

    private static readonly double[] Parameters = [0.5, 2.0, -3.0, 7.0];

    [Fact]
    public void Unroll_DeclarationsOnly_KeepsTheProgramsGraphAndLocals()
    {
        // double s = a * x; double u = s * x; return u;  — already straight-line: same nodes, one local per declaration.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int a = graph.Intern(Node.Leaf(NodeKind.Parameter, 0));
        int ax = graph.Intern(Node.Binary(NodeKind.Multiply, a, x));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        int sx = graph.Intern(Node.Binary(NodeKind.Multiply, s, x));
        int u = graph.Intern(Node.Leaf(NodeKind.Local, 1));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s", "u"]),
            EquatableArray<string>.Empty,
            new EquatableArray<Statement>([new Statement(StatementKind.Declare, 0, ax), new Statement(StatementKind.Declare, 1, sx)]),
            new EquatableArray<int>([u]));

        BodyIr? body = Unrolling.Unroll(program, Blocks, statementLimit: 100, out _);

        Assert.NotNull(body);
        Assert.Equal(program.Nodes, body!.Nodes);
        Assert.Equal(new EquatableArray<LocalDeclaration>([new("s", ax), new("u", sx)]), body.Locals);
        Assert.Equal(program.Outputs, body.Outputs);
    }

    [Fact]
    public void Unroll_DeclarationReadingASpanElement_IsUnrolledToTheFlatParameter()
    {
        // double s = w[1] * x; return s;  — no loop, but w[1] must still become p[2] (= −3).
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int one = graph.Constant(1.0);
        int w1 = graph.Intern(new Node(NodeKind.Element, one, 1, 0, 0));
        int product = graph.Intern(Node.Binary(NodeKind.Multiply, w1, x));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            EquatableArray<string>.Empty,
            new EquatableArray<Statement>([new Statement(StatementKind.Declare, 0, product)]),
            new EquatableArray<int>([s]));

        BodyIr? body = Unrolling.Unroll(program, Blocks, statementLimit: 100, out _);

        Assert.NotNull(body);
        Assert.DoesNotContain(body!.Nodes, node => node.Kind == NodeKind.Element);
        Assert.Equal(-4.5, Evaluate(body, 1.5)); // −3 · 1.5, exact
    }

    [Fact]
    public void Unroll_IndexArithmetic_EvaluatesPlusMinusAndTimes()
    {
        // double s = 0 * x; for (j < 2) s += w[(j * 2 − 1) + 1] * x;  — indices 0 and 2: s = (2 + 7)·x.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int zero = graph.Constant(0.0);
        int zeroX = graph.Intern(Node.Binary(NodeKind.Multiply, zero, x));
        int j = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        int one = graph.Constant(1.0);
        int two = graph.Constant(2.0);
        int index = graph.Intern(Node.Binary(NodeKind.Add, graph.Intern(Node.Binary(NodeKind.Subtract, graph.Intern(Node.Binary(NodeKind.Multiply, j, two)), one)), one));
        int element = graph.Intern(new Node(NodeKind.Element, index, 1, 0, 0));
        int term = graph.Intern(Node.Binary(NodeKind.Multiply, element, x));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            new EquatableArray<string>(["j"]),
            new EquatableArray<Statement>([
                new Statement(StatementKind.Declare, 0, zeroX),
                Statement.LoopStart(0, 0, 2, 1),
                new Statement(StatementKind.AddAssign, 0, term),
                Statement.LoopEnd(),
            ]),
            new EquatableArray<int>([s]));

        BodyIr? body = Unrolling.Unroll(program, Blocks, statementLimit: 100, out Unrolling unrolling);

        Assert.Null(unrolling.IndexError);
        Assert.Equal(13.5, Evaluate(body!, 1.5)); // (2 + 7) · 1.5, exact
    }

    [Fact]
    public void Unroll_IndexErrorInNestedLoops_NamesBothCounters()
    {
        // for (i < 2) for (k < 2) s += w[i * 2 + k];  — i = 1, k = 1 reads w[3], one past the block of 3.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int i = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        int k = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 1));
        int two = graph.Constant(2.0);
        int index = graph.Intern(Node.Binary(NodeKind.Add, graph.Intern(Node.Binary(NodeKind.Multiply, i, two)), k));
        int element = graph.Intern(new Node(NodeKind.Element, index, 1, 0, 0));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            new EquatableArray<string>(["i", "k"]),
            new EquatableArray<Statement>([
                new Statement(StatementKind.Declare, 0, x),
                Statement.LoopStart(0, 0, 2, 1),
                Statement.LoopStart(1, 0, 2, 1),
                new Statement(StatementKind.AddAssign, 0, element),
                Statement.LoopEnd(),
                Statement.LoopEnd(),
            ]),
            new EquatableArray<int>([s]));

        Assert.Null(Unrolling.Unroll(program, Blocks, statementLimit: 100, out Unrolling unrolling));
        Assert.Equal(new IndexError(element, 3, "i = 1, k = 1"), unrolling.IndexError);
    }

    [Fact]
    public void Unroll_ConditionalInALoop_MapsAllThreeOperands()
    {
        // double s = 0 * x; for (j < 2) s += x < 1 ? w[j] : x;  — at x = 1.5 the else branch is taken twice: s = 3.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int zero = graph.Constant(0.0);
        int zeroX = graph.Intern(Node.Binary(NodeKind.Multiply, zero, x));
        int one = graph.Constant(1.0);
        int condition = graph.Intern(Node.Binary(NodeKind.Less, x, one));
        int j = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        int element = graph.Intern(new Node(NodeKind.Element, j, 1, 0, 0));
        int choice = graph.Intern(Node.Conditional(condition, element, x));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            new EquatableArray<string>(["j"]),
            new EquatableArray<Statement>([
                new Statement(StatementKind.Declare, 0, zeroX),
                Statement.LoopStart(0, 0, 2, 1),
                new Statement(StatementKind.AddAssign, 0, choice),
                Statement.LoopEnd(),
            ]),
            new EquatableArray<int>([s]));

        BodyIr? body = Unrolling.Unroll(program, Blocks, statementLimit: 100, out _);

        Assert.Equal(3.0, Evaluate(body!, 1.5)); // 1.5 + 1.5
        Assert.Equal(2.0 + (-3.0), Evaluate(body!, 0.5)); // the then branch: w[0] + w[1]
    }

    [Fact]
    public void StraightLine_OneStatementPerLocal()
    {
        var locals = new EquatableArray<LocalDeclaration>([new("p", 3), new("q", 5)]);

        BodyProgram program = BodyProgram.StraightLine(EquatableArray<Node>.Empty, locals, EquatableArray<int>.Empty);

        Assert.Equal(new EquatableArray<string>(["p", "q"]), program.Variables);
        Assert.Equal(new EquatableArray<Statement>([new(StatementKind.Declare, 0, 3), new(StatementKind.Declare, 1, 5)]), program.Statements);
    }

    [Fact]
    public void ReachableLeaves_BinaryRoot_OnlyItsOwnLeaves()
    {
        // Node 0 (x) is not reachable from a·a: a binary node has no third operand to follow (its C slot holds 0).
        var graph = new ExprGraph();
        graph.Intern(Node.Leaf(NodeKind.State, 0));
        int a = graph.Intern(Node.Leaf(NodeKind.Parameter, 0));
        int square = graph.Intern(Node.Binary(NodeKind.Multiply, a, a));

        Assert.Equal([a], Lowering.ReachableLeaves(graph, [square]));
    }

    private static double Evaluate(BodyIr body, double x)
    {
        var simplifier = new Simplifier(new ExprGraph());
        int lowered = Lowering.Lower(body, simplifier)[0];
        return IrEvaluator.Evaluate(simplifier.Graph, lowered, [x], Parameters);
    }
}
