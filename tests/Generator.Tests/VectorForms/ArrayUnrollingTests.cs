using System.Linq;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Tests.Ir;

namespace NeuralOdeGen.Generator.Tests.VectorForms;

/// <summary>
/// <see cref="Unrolling"/> on hand-built programs with a state block, a scratch span and an output span (no Roslyn):
/// stores become element versions, the output's last versions are the outputs, and misuses are reported, not thrown.
/// </summary>
public sealed class ArrayUnrollingTests
{
    private static readonly EquatableArray<ParameterBlock> StateBlocks = new([new ParameterBlock("x", 0, 2, IsSpan: true)]);

    private static readonly EquatableArray<ArrayDeclaration> Arrays = new([
        new ArrayDeclaration("dxdt", 2, IsOutput: true),
        new ArrayDeclaration("h", 2, IsOutput: false),
    ]);

    // Nodes: j, x[j], 2.0, x[j] * 2.0, h[j], 1.0, h[j] + 1.0, 0 (an index).
    private static readonly Node[] Nodes =
    [
        Node.Leaf(NodeKind.LoopVariable, 0),
        new Node(NodeKind.StateElement, 0, 0, 0, 0),
        Node.Constant(2.0),
        Node.Binary(NodeKind.Multiply, 1, 2),
        new Node(NodeKind.ArrayElement, 0, 1, 0, 0),
        Node.Constant(1.0),
        Node.Binary(NodeKind.Add, 4, 5),
        Node.Constant(0.0),
    ];

    [Fact]
    public void Unroll_ScratchThenOutputLoops_OutputsAreTheLastStoredVersions()
    {
        // Span<double> h = stackalloc double[2]; for j: h[j] = x[j] * 2; for j: dxdt[j] = h[j] + 1;
        BodyIr? body = Unrolling.Unroll(Program(outputIndex: 0), EquatableArray<ParameterBlock>.Empty, 100, out Unrolling unrolling, StateBlocks);

        Assert.NotNull(body);
        Assert.Null(unrolling.IndexError);
        Assert.Null(unrolling.ElementError);
        Assert.Equal(["h[0]", "h[1]", "dxdt[0]", "dxdt[1]"], body!.Locals.Select(l => l.Name));
        var simplifier = new Simplifier(new ExprGraph());
        int[] outputs = Lowering.Lower(body, simplifier);
        Assert.Equal(2, outputs.Length);
        Assert.Equal((1.5 * 2.0) + 1.0, IrEvaluator.Evaluate(simplifier.Graph, outputs[0], [1.5, -4.0]));
        Assert.Equal((-4.0 * 2.0) + 1.0, IrEvaluator.Evaluate(simplifier.Graph, outputs[1], [1.5, -4.0]));
    }

    [Fact]
    public void Unroll_OutputElementStoredInEveryIteration_ReportsSecondStoreWithCounter()
    {
        // for j: dxdt[0] = h[j] + 1; (index 0 in both iterations)
        BodyIr? body = Unrolling.Unroll(Program(outputIndex: 7), EquatableArray<ParameterBlock>.Empty, 100, out Unrolling unrolling, StateBlocks);

        Assert.Null(body);
        Assert.Equal(new ElementError(ElementErrorKind.StoredTwice, 5, -1, 0, 0, "j = 1"), unrolling.ElementError);
    }

    [Fact]
    public void Unroll_ScratchReadBeforeAnyStore_ReportsReadingNode()
    {
        Statement[] statements = [Statement.DeclareArray(1), Statement.LoopStart(0, 0, 2, 1), Statement.Store(StatementKind.Assign, 0, 0, 6), Statement.LoopEnd()];

        BodyIr? body = Unrolling.Unroll(Build(statements), EquatableArray<ParameterBlock>.Empty, 100, out Unrolling unrolling, StateBlocks);

        Assert.Null(body);
        Assert.Equal(new ElementError(ElementErrorKind.ReadBeforeStored, -1, 4, 1, 0, "j = 0"), unrolling.ElementError);
    }

    [Fact]
    public void Unroll_OutputElementNeverStored_ListsTheMissingElements()
    {
        Statement[] statements = [Statement.Store(StatementKind.Assign, 0, 7, 5)];

        BodyIr? body = Unrolling.Unroll(Build(statements), EquatableArray<ParameterBlock>.Empty, 100, out Unrolling unrolling, StateBlocks);

        Assert.Null(body);
        Assert.Equal(new ElementError(ElementErrorKind.NeverStored, -1, -1, 0, 1, "1"), unrolling.ElementError);
    }

    [Fact]
    public void Unroll_StateIndexBeyondBlock_ReportsElementNodeValueAndCounter()
    {
        Statement[] statements = [Statement.LoopStart(0, 0, 3, 1), Statement.Store(StatementKind.Assign, 1, 0, 3), Statement.LoopEnd()];

        BodyIr? body = Unrolling.Unroll(Build(statements), EquatableArray<ParameterBlock>.Empty, 100, out Unrolling unrolling, StateBlocks);

        Assert.Null(body);
        Assert.Equal(new IndexError(1, 2, "j = 2"), unrolling.IndexError);
    }

    private static BodyProgram Program(int outputIndex) => Build(
    [
        Statement.DeclareArray(1),
        Statement.LoopStart(0, 0, 2, 1),
        Statement.Store(StatementKind.Assign, 1, 0, 3),
        Statement.LoopEnd(),
        Statement.LoopStart(0, 0, 2, 1),
        Statement.Store(StatementKind.Assign, 0, outputIndex, 6),
        Statement.LoopEnd(),
    ]);

    private static BodyProgram Build(Statement[] statements) =>
        new(new EquatableArray<Node>(Nodes), EquatableArray<string>.Empty, new EquatableArray<string>(["j"]), new EquatableArray<Statement>(statements), EquatableArray<int>.Empty)
        {
            Arrays = Arrays,
        };
}
