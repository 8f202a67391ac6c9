using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// <see cref="Unrolling"/> on hand-built programs: loops become straight-line SSA locals, span elements become
/// flattened parameters, and the failures (an index outside its block, a runaway loop) are reported, not thrown.
/// </summary>
public sealed class UnrollingTests
{
    private static readonly EquatableArray<ParameterBlock> Blocks = new([
        new ParameterBlock("a", 0, 1, IsSpan: false),
        new ParameterBlock("w", 1, 3, IsSpan: true),
    ]);

    [Fact]
    public void Unroll_WeightedSumLoop_EachAssignmentIsANewLocalReadingTheOneBefore()
    {
        // double s = a * x; for (int j = 0; j < 3; j++) { s += w[j] * x; } return s;
        (BodyProgram program, _) = WeightedSum(to: 3);

        BodyIr? body = Unrolling.Unroll(program, Blocks, statementLimit: 100, out Unrolling unrolling);

        Assert.NotNull(body);
        Assert.Null(unrolling.IndexError);
        Assert.False(unrolling.TooLarge);
        Assert.Equal(4, body!.Locals.Count); // the declaration, then one version per iteration
        Assert.All(body.Locals, local => Assert.Equal("s", local.Name));
        Assert.Same(program, body.Program);

        var simplifier = new Simplifier(new ExprGraph());
        int lowered = Lowering.Lower(body, simplifier)[0];
        double[] parameters = [0.5, 2.0, -3.0, 7.0];
        double x = 1.5;
        double expected = (0.5 * x) + (2.0 * x) + (-3.0 * x) + (7.0 * x); // (a + w0 + w1 + w2)·x, each term exact in binary
        Assert.Equal(expected, IrEvaluator.Evaluate(simplifier.Graph, lowered, [x], parameters));
    }

    [Fact]
    public void Unroll_IndexBeyondBlock_ReportsElementNodeValueAndCounter()
    {
        (BodyProgram program, int element) = WeightedSum(to: 4);

        BodyIr? body = Unrolling.Unroll(program, Blocks, statementLimit: 100, out Unrolling unrolling);

        Assert.Null(body);
        Assert.Equal(new IndexError(element, 3, "j = 3"), unrolling.IndexError);
    }

    [Fact]
    public void Unroll_MoreIterationsThanLimit_StopsAsTooLarge()
    {
        (BodyProgram program, _) = WeightedSum(to: 3);

        BodyIr? body = Unrolling.Unroll(program, Blocks, statementLimit: 4, out Unrolling unrolling);

        // 1 declaration + 3 iterations + 3 assignments = 7 > 4.
        Assert.Null(body);
        Assert.True(unrolling.TooLarge);
        Assert.Null(unrolling.IndexError);
    }

    [Fact]
    public void Unroll_ExactlyTheLimitOfStatements_Succeeds()
    {
        (BodyProgram program, _) = WeightedSum(to: 3);

        // 1 declaration + 3 iterations + 3 assignments = 7: the limit is inclusive, the last count is an assignment.
        Assert.NotNull(Unrolling.Unroll(program, Blocks, statementLimit: 7, out Unrolling atLimit));
        Assert.False(atLimit.TooLarge);
        Assert.Null(Unrolling.Unroll(program, Blocks, statementLimit: 6, out Unrolling belowLimit));
        Assert.True(belowLimit.TooLarge);
    }

    [Fact]
    public void Unroll_EmptyLoopBodyExactlyAtTheLimit_Succeeds()
    {
        // double s = a * x; for (int j = 0; j < 3; j++) { } return s;  — 1 declaration + 3 iterations = 4, the last an iteration.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int a = graph.Intern(Node.Leaf(NodeKind.Parameter, 0));
        int ax = graph.Intern(Node.Binary(NodeKind.Multiply, a, x));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            new EquatableArray<string>(["j"]),
            new EquatableArray<Statement>([new Statement(StatementKind.Declare, 0, ax), Statement.LoopStart(0, 0, 3, 1), Statement.LoopEnd()]),
            new EquatableArray<int>([s]));

        Assert.NotNull(Unrolling.Unroll(program, Blocks, statementLimit: 4, out Unrolling atLimit));
        Assert.False(atLimit.TooLarge);
        Assert.Null(Unrolling.Unroll(program, Blocks, statementLimit: 3, out Unrolling belowLimit));
        Assert.True(belowLimit.TooLarge);
    }

    [Fact]
    public void Unroll_IndexErrorInASecondLoop_NamesOnlyThatLoopsCounter()
    {
        // double s = a * x; for (j < 3) s += w[j] * x; for (k < 4) s += w[k] * x;  — k = 3 leaves w; j's loop has closed.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int a = graph.Intern(Node.Leaf(NodeKind.Parameter, 0));
        int ax = graph.Intern(Node.Binary(NodeKind.Multiply, a, x));
        int j = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        int k = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 1));
        int wj = graph.Intern(new Node(NodeKind.Element, j, 1, 0, 0));
        int wk = graph.Intern(new Node(NodeKind.Element, k, 1, 0, 0));
        int termJ = graph.Intern(Node.Binary(NodeKind.Multiply, wj, x));
        int termK = graph.Intern(Node.Binary(NodeKind.Multiply, wk, x));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            new EquatableArray<string>(["j", "k"]),
            new EquatableArray<Statement>([
                new Statement(StatementKind.Declare, 0, ax),
                Statement.LoopStart(0, 0, 3, 1),
                new Statement(StatementKind.AddAssign, 0, termJ),
                Statement.LoopEnd(),
                Statement.LoopStart(1, 0, 4, 1),
                new Statement(StatementKind.AddAssign, 0, termK),
                Statement.LoopEnd(),
            ]),
            new EquatableArray<int>([s]));

        Assert.Null(Unrolling.Unroll(program, Blocks, statementLimit: 100, out Unrolling unrolling));
        Assert.Equal(new IndexError(wk, 3, "k = 3"), unrolling.IndexError);
    }

    [Fact]
    public void Unroll_TwoBadIndicesInOneStatement_ReportsTheFirst()
    {
        // for (j < 1) s += w[3] + w[5];  — both leave the block of 3; the first one met (left operand) is reported.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int three = graph.Constant(3.0);
        int five = graph.Constant(5.0);
        int w3 = graph.Intern(new Node(NodeKind.Element, three, 1, 0, 0));
        int w5 = graph.Intern(new Node(NodeKind.Element, five, 1, 0, 0));
        int sum = graph.Intern(Node.Binary(NodeKind.Add, w3, w5));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            new EquatableArray<string>(["j"]),
            new EquatableArray<Statement>([
                new Statement(StatementKind.Declare, 0, x),
                Statement.LoopStart(0, 0, 1, 1),
                new Statement(StatementKind.AddAssign, 0, sum),
                Statement.LoopEnd(),
            ]),
            new EquatableArray<int>([s]));

        Assert.Null(Unrolling.Unroll(program, Blocks, statementLimit: 100, out Unrolling unrolling));
        Assert.Equal(new IndexError(w3, 3, "j = 0"), unrolling.IndexError);
    }

    [Fact]
    public void Unroll_LastStatementReadsTheLocal_OutputIsItsNewestVersion()
    {
        // double s = a * x; for (j < 2) s = s * w[j]; return s;  — the last statement maps the read of s to the version
        // before it; the output must map s afresh to the version after it: s = a·x·w₀·w₁.
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int a = graph.Intern(Node.Leaf(NodeKind.Parameter, 0));
        int ax = graph.Intern(Node.Binary(NodeKind.Multiply, a, x));
        int j = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        int wj = graph.Intern(new Node(NodeKind.Element, j, 1, 0, 0));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        int product = graph.Intern(Node.Binary(NodeKind.Multiply, s, wj));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            new EquatableArray<string>(["j"]),
            new EquatableArray<Statement>([
                new Statement(StatementKind.Declare, 0, ax),
                Statement.LoopStart(0, 0, 2, 1),
                new Statement(StatementKind.Assign, 0, product),
                Statement.LoopEnd(),
            ]),
            new EquatableArray<int>([s]));

        BodyIr? body = Unrolling.Unroll(program, Blocks, statementLimit: 100, out _);

        Assert.NotNull(body);
        var simplifier = new Simplifier(new ExprGraph());
        int lowered = Lowering.Lower(body!, simplifier)[0];

        // 0.5 · 1.5 · 2 · (−3) = −4.5, exact in binary; the stale version would give 0.5 · 1.5 · 2 = 1.5.
        Assert.Equal(-4.5, IrEvaluator.Evaluate(simplifier.Graph, lowered, [1.5], [0.5, 2.0, -3.0, 7.0]));
    }

    private static (BodyProgram Program, int Element) WeightedSum(int to)
    {
        var graph = new ExprGraph();
        int x = graph.Intern(Node.Leaf(NodeKind.State, 0));
        int a = graph.Intern(Node.Leaf(NodeKind.Parameter, 0));
        int ax = graph.Intern(Node.Binary(NodeKind.Multiply, a, x));
        int j = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        int element = graph.Intern(new Node(NodeKind.Element, j, 1, 0, 0));
        int term = graph.Intern(Node.Binary(NodeKind.Multiply, element, x));
        int s = graph.Intern(Node.Leaf(NodeKind.Local, 0));
        var program = new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            new EquatableArray<string>(["j"]),
            new EquatableArray<Statement>([
                new Statement(StatementKind.Declare, 0, ax),
                Statement.LoopStart(0, 0, to, 1),
                new Statement(StatementKind.AddAssign, 0, term),
                Statement.LoopEnd(),
            ]),
            new EquatableArray<int>([s]));
        return (program, element);
    }
}
