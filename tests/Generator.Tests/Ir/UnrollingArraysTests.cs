using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Tests.Ir;

/// <summary>
/// <see cref="Unrolling"/> of the loop path's spans on hand-built programs: stores into a scratch span and an output
/// span, state-block elements, compound stores, the output span's last versions as the outputs, and each
/// <see cref="ElementErrorKind"/> and index error with the statement, node, element and loop counters it names (the first
/// error of a statement is kept).
/// </summary>
/// <remarks>
/// Blocks: parameters w = p[0..2), states x = x[0..2). Evaluated at x = (2, 3), w = (5, 7): every value is a small
/// integer, so the assertions are exact.
/// </remarks>
public sealed class UnrollingArraysTests
{
    private static readonly EquatableArray<ParameterBlock> Parameters = new([new ParameterBlock("w", 0, 2, IsSpan: true)]);
    private static readonly EquatableArray<ParameterBlock> States = new([new ParameterBlock("x", 0, 2, IsSpan: true)]);
    private static readonly double[] X = [2.0, 3.0];
    private static readonly double[] W = [5.0, 7.0];

    [Fact]
    public void Unroll_ScratchThenOutputSpan_OutputsAreTheLastStoredVersions()
    {
        // Span<double> h = stackalloc double[2];
        // for (i = 0; i < 2; i++) h[i] = w[i] * x[i];
        // for (i = 0; i < 2; i++) h[i] += x[i];
        // for (i = 0; i < 2; i++) dxdt[i] = h[1 - i];
        // so dxdt = (w1·x1 + x1, w0·x0 + x0) = (24, 12). The scratch span is array 0, the output array 1.
        var graph = new ExprGraph();
        int i = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        int product = graph.Intern(Node.Binary(NodeKind.Multiply, graph.Intern(new Node(NodeKind.Element, i, 0, 0, 0)), StateElement(graph, i)));
        int reversed = graph.Intern(Node.Binary(NodeKind.Subtract, graph.Constant(1.0), i));
        int readH = graph.Intern(new Node(NodeKind.ArrayElement, reversed, 0, 0, 0));
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("h", 2, IsOutput: false), new ArrayDeclaration("dxdt", 2, IsOutput: true)],
            Statement.DeclareArray(0),
            Statement.LoopStart(0, 0, 2, 1), Statement.Store(StatementKind.Declare, 0, i, product), Statement.LoopEnd(),
            Statement.LoopStart(0, 0, 2, 1), Statement.Store(StatementKind.AddAssign, 0, i, StateElement(graph, i)), Statement.LoopEnd(),
            Statement.LoopStart(0, 0, 2, 1), Statement.Store(StatementKind.Declare, 1, i, readH), Statement.LoopEnd());

        BodyIr? body = Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States);

        Assert.NotNull(body);
        Assert.Null(unrolling.ElementError);
        Assert.Null(unrolling.IndexError);
        Assert.Equal(1, program.OutputArray);
        Assert.Equal(new[] { "h[0]", "h[1]", "h[0]", "h[1]", "dxdt[0]", "dxdt[1]" }, Names(body!));
        Assert.Equal(new[] { 24.0, 12.0 }, Evaluate(body!));
    }

    [Fact]
    public void Unroll_OutputSpanFirstWithConstantIndices_IsNotTakenForStraightLine()
    {
        // dxdt[0] = x[1]; dxdt[1] = w[0] * x[0];  — no loop, every statement a plain store with a constant index (the
        // index of the first store is node 0 of the graph), the output array is array 0.
        var graph = new ExprGraph();
        int zero = graph.Constant(0.0);
        int one = graph.Constant(1.0);
        Assert.Equal(0, zero);
        int product = graph.Intern(Node.Binary(NodeKind.Multiply, graph.Intern(new Node(NodeKind.Element, zero, 0, 0, 0)), StateElement(graph, zero)));
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("dxdt", 2, IsOutput: true)],
            Statement.Store(StatementKind.Declare, 0, zero, StateElement(graph, one)),
            Statement.Store(StatementKind.Declare, 0, one, product));

        BodyIr? body = Unrolling.Unroll(program, Parameters, statementLimit: 100, out _, States);

        Assert.True(program.Statements[0].IsStore);
        Assert.Equal(0, program.OutputArray);
        Assert.Equal(new[] { "dxdt[0]", "dxdt[1]" }, Names(body!));
        Assert.Equal(new[] { 3.0, 10.0 }, Evaluate(body!));
    }

    [Fact]
    public void Unroll_ScratchSpanDeclaredInALoop_StartsUnstoredInEachIteration()
    {
        // for (i = 0; i < 2; i++) { Span<double> h = stackalloc double[2]; h[i] = x[0]; s = h[0]; } dxdt[0] = s;
        // i = 0 stores h[0] and reads it; i = 1 stores h[1] into a fresh span and reads h[0]: read before stored.
        var graph = new ExprGraph();
        int i = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        int zero = graph.Constant(0.0);
        int readH0 = graph.Intern(new Node(NodeKind.ArrayElement, zero, 0, 0, 0));
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("h", 2, IsOutput: false), new ArrayDeclaration("dxdt", 1, IsOutput: true)],
            Statement.LoopStart(0, 0, 2, 1),
            Statement.DeclareArray(0),
            Statement.Store(StatementKind.Declare, 0, i, StateElement(graph, zero)),
            new Statement(StatementKind.Declare, 0, readH0),
            Statement.LoopEnd(),
            Statement.Store(StatementKind.Declare, 1, zero, graph.Intern(Node.Leaf(NodeKind.Local, 0))));

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new ElementError(ElementErrorKind.ReadBeforeStored, -1, readH0, 0, 0, "i = 1"), unrolling.ElementError);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void Unroll_StoreOutsideTheSpan_IsStoreOutOfRange(int index)
    {
        // dxdt[index] = x[0];  (statement 0)
        var graph = new ExprGraph();
        int at = graph.Constant(index);
        BodyProgram program = Program(
            graph, [new ArrayDeclaration("dxdt", 2, IsOutput: true)], Statement.Store(StatementKind.Declare, 0, at, StateElement(graph, graph.Constant(0.0))));

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new ElementError(ElementErrorKind.StoreOutOfRange, 0, -1, 0, index, ""), unrolling.ElementError);
    }

    [Fact]
    public void Unroll_LastIndexOfTheSpan_IsInRange()
    {
        // for (i = 0; i < 2; i++) dxdt[i] = x[i];  reaches index 1 = length − 1 of both spans.
        var graph = new ExprGraph();
        int i = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("dxdt", 2, IsOutput: true)],
            Statement.LoopStart(0, 0, 2, 1), Statement.Store(StatementKind.Declare, 0, i, StateElement(graph, i)), Statement.LoopEnd());

        BodyIr? body = Unrolling.Unroll(program, Parameters, statementLimit: 100, out _, States);

        Assert.Equal(new[] { 2.0, 3.0 }, Evaluate(body!));
    }

    [Fact]
    public void Unroll_CompoundStoreIntoAnUnstoredElement_IsReadBeforeStored()
    {
        // Span<double> h = stackalloc double[2]; for (i = 0; i < 1; i++) h[1] += x[0];  (the store is statement 2)
        var graph = new ExprGraph();
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("h", 2, IsOutput: false), new ArrayDeclaration("dxdt", 1, IsOutput: true)],
            Statement.DeclareArray(0),
            Statement.LoopStart(0, 0, 1, 1),
            Statement.Store(StatementKind.AddAssign, 0, graph.Constant(1.0), StateElement(graph, graph.Constant(0.0))),
            Statement.LoopEnd());

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new ElementError(ElementErrorKind.ReadBeforeStored, 2, -1, 0, 1, "i = 0"), unrolling.ElementError);
    }

    [Fact]
    public void Unroll_ScratchElementStoredTwice_IsAllowedAndTheLaterValueIsRead()
    {
        // Span<double> h = stackalloc double[1]; h[0] = x[0]; h[0] = x[1]; dxdt[0] = h[0];  → 3
        var graph = new ExprGraph();
        int zero = graph.Constant(0.0);
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("h", 1, IsOutput: false), new ArrayDeclaration("dxdt", 1, IsOutput: true)],
            Statement.DeclareArray(0),
            Statement.Store(StatementKind.Declare, 0, zero, StateElement(graph, zero)),
            Statement.Store(StatementKind.Declare, 0, zero, StateElement(graph, graph.Constant(1.0))),
            Statement.Store(StatementKind.Declare, 1, zero, graph.Intern(new Node(NodeKind.ArrayElement, zero, 0, 0, 0))));

        BodyIr? body = Unrolling.Unroll(program, Parameters, statementLimit: 100, out _, States);

        Assert.Equal(new[] { 3.0 }, Evaluate(body!));
    }

    [Fact]
    public void Unroll_OutputElementStoredTwice_IsStoredTwice()
    {
        // dxdt[0] = x[0]; dxdt[0] = x[1];  (the second store is statement 1)
        var graph = new ExprGraph();
        int zero = graph.Constant(0.0);
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("dxdt", 1, IsOutput: true)],
            Statement.Store(StatementKind.Declare, 0, zero, StateElement(graph, zero)),
            Statement.Store(StatementKind.Declare, 0, zero, StateElement(graph, graph.Constant(1.0))));

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new ElementError(ElementErrorKind.StoredTwice, 1, -1, 0, 0, ""), unrolling.ElementError);
    }

    [Fact]
    public void Unroll_OutputElementsNeverStored_ListsThemFromTheFirst()
    {
        // dxdt has 4 elements; only dxdt[1] is stored.
        var graph = new ExprGraph();
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("dxdt", 4, IsOutput: true)],
            Statement.Store(StatementKind.Declare, 0, graph.Constant(1.0), StateElement(graph, graph.Constant(0.0))));

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new ElementError(ElementErrorKind.NeverStored, -1, -1, 0, 0, "0, 2, 3"), unrolling.ElementError);
    }

    [Fact]
    public void Unroll_ManyOutputElementsNeverStored_ShortensTheListOnce()
    {
        // 40 elements, none stored but the last: the list grows to at least 60 characters, then ", ..." once.
        var graph = new ExprGraph();
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("dxdt", 40, IsOutput: true)],
            Statement.Store(StatementKind.Declare, 0, graph.Constant(39.0), StateElement(graph, graph.Constant(0.0))));

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));

        // "0, 1, …, 9" is 28 characters and each further number adds 4: after 16 the list is 56 < 60 characters, so 17
        // is still added (60), and at 18 the list is cut with ", ..." once.
        Assert.Equal("0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, ...", unrolling.ElementError!.Detail);
        Assert.Equal(0, unrolling.ElementError.Index);
    }

    [Fact]
    public void Unroll_TwoOutOfRangeReadsInOneStatement_KeepsTheFirst()
    {
        // Span<double> h = stackalloc double[1]; h[0] = x[0]; dxdt[0] = (h[5] + x[7]) + x[9];  → the error names h[5].
        var graph = new ExprGraph();
        int zero = graph.Constant(0.0);
        int badScratch = graph.Intern(new Node(NodeKind.ArrayElement, graph.Constant(5.0), 0, 0, 0));
        int badState = StateElement(graph, graph.Constant(7.0));
        int sum = graph.Intern(Node.Binary(NodeKind.Add, graph.Intern(Node.Binary(NodeKind.Add, badScratch, badState)), StateElement(graph, graph.Constant(9.0))));
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("h", 1, IsOutput: false), new ArrayDeclaration("dxdt", 1, IsOutput: true)],
            Statement.DeclareArray(0),
            Statement.Store(StatementKind.Declare, 0, zero, StateElement(graph, zero)),
            Statement.Store(StatementKind.Declare, 1, zero, sum));

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new IndexError(badScratch, 5, ""), unrolling.IndexError);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(-1.0)]
    public void Unroll_StateElementOutsideItsBlock_IsAnIndexError(double index)
    {
        // dxdt[0] = x[index] + x[5];  → the first read is reported.
        var graph = new ExprGraph();
        int bad = StateElement(graph, graph.Constant(index));
        int sum = graph.Intern(Node.Binary(NodeKind.Add, bad, StateElement(graph, graph.Constant(5.0))));
        BodyProgram program = Program(graph, [new ArrayDeclaration("dxdt", 1, IsOutput: true)], Statement.Store(StatementKind.Declare, 0, graph.Constant(0.0), sum));

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new IndexError(bad, (long)index, ""), unrolling.IndexError);
    }

    [Fact]
    public void Unroll_ScratchReadOutsideTheSpan_IsAnIndexErrorNotAnElementError()
    {
        // Span<double> h = stackalloc double[1]; h[0] = x[0]; dxdt[0] = h[-1];
        var graph = new ExprGraph();
        int zero = graph.Constant(0.0);
        int bad = graph.Intern(new Node(NodeKind.ArrayElement, graph.Constant(-1.0), 0, 0, 0));
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("h", 1, IsOutput: false), new ArrayDeclaration("dxdt", 1, IsOutput: true)],
            Statement.DeclareArray(0),
            Statement.Store(StatementKind.Declare, 0, zero, StateElement(graph, zero)),
            Statement.Store(StatementKind.Declare, 1, zero, bad));

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new IndexError(bad, -1, ""), unrolling.IndexError);
        Assert.Null(unrolling.ElementError);
    }

    [Fact]
    public void Unroll_TwoUnstoredScratchReadsInOneStatement_KeepsTheFirst()
    {
        // Span<double> h = stackalloc double[2]; dxdt[0] = h[0] + h[1];  → read before stored, naming h[0]'s node.
        var graph = new ExprGraph();
        int zero = graph.Constant(0.0);
        int first = graph.Intern(new Node(NodeKind.ArrayElement, zero, 0, 0, 0));
        int second = graph.Intern(new Node(NodeKind.ArrayElement, graph.Constant(1.0), 0, 0, 0));
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("h", 2, IsOutput: false), new ArrayDeclaration("dxdt", 1, IsOutput: true)],
            Statement.DeclareArray(0),
            Statement.Store(StatementKind.Declare, 1, zero, graph.Intern(Node.Binary(NodeKind.Add, first, second))));

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new ElementError(ElementErrorKind.ReadBeforeStored, -1, first, 0, 0, ""), unrolling.ElementError);
    }

    [Fact]
    public void Unroll_OutputSpanWithoutElementNodes_IsNotTakenForStraightLine()
    {
        // dxdt[0] = x;  with a scalar state leaf: no loop, no element node, every statement a plain Declare store; only
        // the array makes the program more than straight-line (whose outputs would be the empty Outputs list).
        var graph = new ExprGraph();
        int zero = graph.Constant(0.0);
        int x = graph.Intern(Node.Leaf(NodeKind.State, 1));
        BodyProgram program = Program(graph, [new ArrayDeclaration("dxdt", 1, IsOutput: true)], Statement.Store(StatementKind.Declare, 0, zero, x));

        BodyIr? body = Unrolling.Unroll(program, Parameters, statementLimit: 100, out _, States);

        Assert.Equal(new[] { 3.0 }, Evaluate(body!));
    }

    [Fact]
    public void Unroll_StoreErrorInALoop_StopsTheLoop()
    {
        // for (i = 0; i < 3; i++) dxdt[i] = x[i];  with dxdt of length 1: i = 1 stores out of range and stops there; going
        // on would read x[2] outside its block at i = 2.
        var graph = new ExprGraph();
        int i = graph.Intern(Node.Leaf(NodeKind.LoopVariable, 0));
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("dxdt", 1, IsOutput: true)],
            Statement.LoopStart(0, 0, 3, 1), Statement.Store(StatementKind.Declare, 0, i, StateElement(graph, i)), Statement.LoopEnd());

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new ElementError(ElementErrorKind.StoreOutOfRange, 1, -1, 0, 1, "i = 1"), unrolling.ElementError);
        Assert.Null(unrolling.IndexError);
    }

    [Fact]
    public void Unroll_ScratchReadJustPastTheSpanAndAnotherAfterIt_IsAnIndexErrorForTheFirst()
    {
        // Span<double> h = stackalloc double[1]; h[0] = x[0]; dxdt[0] = h[1] + h[2];  → h[1] (index = length) is reported.
        var graph = new ExprGraph();
        int zero = graph.Constant(0.0);
        int first = graph.Intern(new Node(NodeKind.ArrayElement, graph.Constant(1.0), 0, 0, 0));
        int second = graph.Intern(new Node(NodeKind.ArrayElement, graph.Constant(2.0), 0, 0, 0));
        BodyProgram program = Program(
            graph,
            [new ArrayDeclaration("h", 1, IsOutput: false), new ArrayDeclaration("dxdt", 1, IsOutput: true)],
            Statement.DeclareArray(0),
            Statement.Store(StatementKind.Declare, 0, zero, StateElement(graph, zero)),
            Statement.Store(StatementKind.Declare, 1, zero, graph.Intern(Node.Binary(NodeKind.Add, first, second))));

        Assert.Null(Unrolling.Unroll(program, Parameters, statementLimit: 100, out Unrolling unrolling, States));
        Assert.Equal(new IndexError(first, 1, ""), unrolling.IndexError);
    }

    private static int StateElement(ExprGraph graph, int index) => graph.Intern(new Node(NodeKind.StateElement, index, 0, 0, 0));

    private static BodyProgram Program(ExprGraph graph, ArrayDeclaration[] arrays, params Statement[] statements) =>
        new BodyProgram(
            graph.ToArray(),
            new EquatableArray<string>(["s"]),
            new EquatableArray<string>(["i"]),
            new EquatableArray<Statement>(statements),
            EquatableArray<int>.Empty)
        {
            Arrays = new EquatableArray<ArrayDeclaration>(arrays),
        };

    private static string[] Names(BodyIr body)
    {
        string[] names = new string[body.Locals.Count];
        for (int k = 0; k < names.Length; k++)
        {
            names[k] = body.Locals[k].Name;
        }

        return names;
    }

    private static double[] Evaluate(BodyIr body)
    {
        var simplifier = new Simplifier(new ExprGraph());
        int[] outputs = Lowering.Lower(body, simplifier);
        double[] values = new double[outputs.Length];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = IrEvaluator.Evaluate(simplifier.Graph, outputs[k], X, W);
        }

        return values;
    }
}
