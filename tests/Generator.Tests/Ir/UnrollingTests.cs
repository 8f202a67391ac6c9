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
