using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// Turns a <see cref="BodyProgram"/> into the straight-line <see cref="BodyIr"/> the symbolic path lowers: counted loops
/// are unrolled, loop counters become constants, span elements become flattened parameters, and every assignment
/// becomes a new version of its local (SSA), so <c>s += e</c> reads the version before it.
/// </summary>
internal sealed class Unrolling
{
    private readonly BodyProgram _program;
    private readonly EquatableArray<ParameterBlock> _blocks;
    private readonly long _statementLimit;
    private readonly ExprGraph _source;
    private readonly ExprGraph _target = new();
    private readonly List<LocalDeclaration> _locals = new();
    private readonly Dictionary<int, int> _memo = new();
    private readonly int[] _version;
    private readonly long[] _counter;
    private readonly List<int> _openLoops = new();
    private long _executed;

    private Unrolling(BodyProgram program, EquatableArray<ParameterBlock> blocks, long statementLimit)
    {
        _program = program;
        _blocks = blocks;
        _statementLimit = statementLimit;
        _source = new ExprGraph(program.Nodes);
        _version = new int[program.Variables.Count];
        _counter = new long[program.LoopVariables.Count];
    }

    /// <summary>Set when a span index leaves its block; the body is then <see langword="null"/>.</summary>
    public IndexError? IndexError { get; private set; }

    /// <summary>Set when the unrolled body would run more than the limit's statements and iterations; the body is then <see langword="null"/>.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>
    /// Unrolls <paramref name="program"/>. A program without loops, span elements or reassignments keeps its graph (it is
    /// already straight-line). Returns <see langword="null"/> with <see cref="IndexError"/> or <see cref="TooLarge"/> set
    /// when unrolling fails.
    /// </summary>
    public static BodyIr? Unroll(BodyProgram program, EquatableArray<ParameterBlock> blocks, long statementLimit, out Unrolling unrolling)
    {
        unrolling = new Unrolling(program, blocks, statementLimit);
        if (IsStraightLine(program))
        {
            var locals = new LocalDeclaration[program.Statements.Count];
            for (int i = 0; i < locals.Length; i++)
            {
                locals[i] = new LocalDeclaration(program.Variables[program.Statements[i].Target], program.Statements[i].Value);
            }

            return new BodyIr(program.Nodes, new EquatableArray<LocalDeclaration>(locals), program.Outputs, program);
        }

        if (!unrolling.Run())
        {
            return null;
        }

        // Outputs first: mapping them may add nodes to the graph.
        EquatableArray<int> outputs = unrolling.Outputs();
        return new BodyIr(unrolling._target.ToArray(), new EquatableArray<LocalDeclaration>(unrolling._locals.ToArray()), outputs, program);
    }

    private static bool IsStraightLine(BodyProgram program)
    {
        foreach (Statement statement in program.Statements)
        {
            if (statement.Kind != StatementKind.Declare)
            {
                return false;
            }
        }

        foreach (Node node in program.Nodes)
        {
            if (node.Kind is NodeKind.Element or NodeKind.LoopVariable)
            {
                return false;
            }
        }

        return true;
    }

    private bool Run()
    {
        var statements = _program.Statements;
        int[] loopEnd = MatchLoops(statements);
        return Execute(0, statements.Count, loopEnd);
    }

    private EquatableArray<int> Outputs()
    {
        _memo.Clear();
        int[] outputs = new int[_program.Outputs.Count];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = Map(_program.Outputs[i]);
        }

        return new EquatableArray<int>(outputs);
    }

    /// <summary>For each <see cref="StatementKind.LoopStart"/>, the index of its <see cref="StatementKind.LoopEnd"/>.</summary>
    private static int[] MatchLoops(EquatableArray<Statement> statements)
    {
        int[] end = new int[statements.Count];
        var open = new Stack<int>();
        for (int i = 0; i < statements.Count; i++)
        {
            if (statements[i].Kind == StatementKind.LoopStart)
            {
                open.Push(i);
            }
            else if (statements[i].Kind == StatementKind.LoopEnd)
            {
                end[open.Pop()] = i;
            }
        }

        return end;
    }

    /// <summary>Executes statements [<paramref name="start"/>, <paramref name="end"/>); false when unrolling fails.</summary>
    private bool Execute(int start, int end, int[] loopEnd)
    {
        for (int i = start; i < end; i++)
        {
            Statement statement = _program.Statements[i];
            if (statement.Kind == StatementKind.LoopStart)
            {
                int bodyEnd = loopEnd[i];
                _openLoops.Add(statement.Target);
                for (long j = statement.From; j < statement.To; j += statement.Step)
                {
                    // Iterations count too, so that a long loop with an empty body cannot run unbounded.
                    if (++_executed > _statementLimit)
                    {
                        TooLarge = true;
                        return false;
                    }

                    _counter[statement.Target] = j;
                    if (!Execute(i + 1, bodyEnd, loopEnd))
                    {
                        return false;
                    }
                }

                _openLoops.RemoveAt(_openLoops.Count - 1);
                i = bodyEnd;
                continue;
            }

            if (++_executed > _statementLimit)
            {
                TooLarge = true;
                return false;
            }

            _memo.Clear();
            int value = Map(statement.Value);
            if (IndexError is not null)
            {
                return false;
            }

            NodeKind? combine = statement.Kind switch
            {
                StatementKind.AddAssign => NodeKind.Add,
                StatementKind.SubtractAssign => NodeKind.Subtract,
                StatementKind.MultiplyAssign => NodeKind.Multiply,
                StatementKind.DivideAssign => NodeKind.Divide,
                _ => null,
            };
            if (combine is { } kind)
            {
                int previous = _target.Intern(Node.Leaf(NodeKind.Local, _version[statement.Target]));
                value = _target.Intern(Node.Binary(kind, previous, value));
            }

            _version[statement.Target] = _locals.Count;
            _locals.Add(new LocalDeclaration(_program.Variables[statement.Target], value));
        }

        return true;
    }

    /// <summary>The node of the unrolled graph for program node <paramref name="id"/> under the current counters and versions.</summary>
    private int Map(int id)
    {
        if (_memo.TryGetValue(id, out int mapped))
        {
            return mapped;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Node node = _source[id];
        switch (node.Kind)
        {
            case NodeKind.Local:
                mapped = _target.Intern(Node.Leaf(NodeKind.Local, _version[node.A]));
                break;
            case NodeKind.LoopVariable:
                mapped = _target.Constant(_counter[node.A]);
                break;
            case NodeKind.Element:
            {
                ParameterBlock block = _blocks[node.B];
                long index = EvaluateIndex(node.A);
                if (index < 0 || index >= block.Length)
                {
                    IndexError ??= new IndexError(id, index, Bindings());
                    mapped = _target.Constant(0.0);
                    break;
                }

                mapped = _target.Intern(Node.Leaf(NodeKind.Parameter, block.Offset + (int)index));
                break;
            }

            case NodeKind.Constant:
                mapped = _target.Constant(node.Value);
                break;
            case var _ when node.IsLeaf:
                mapped = _target.Intern(node);
                break;
            default:
                int a = Map(node.A);
                int b = node.Arity > 1 ? Map(node.B) : 0;
                int c = node.Arity > 2 ? Map(node.C) : 0;
                mapped = _target.Intern(new Node(node.Kind, a, b, c, node.Bits));
                break;
        }

        _memo.Add(id, mapped);
        return mapped;
    }

    /// <summary>Evaluates an index expression (integer constants, loop counters, + - *) under the current counters.</summary>
    private long EvaluateIndex(int id)
    {
        Node node = _source[id];
        return node.Kind switch
        {
            NodeKind.Constant => (long)node.Value,
            NodeKind.LoopVariable => _counter[node.A],
            NodeKind.Add => EvaluateIndex(node.A) + EvaluateIndex(node.B),
            NodeKind.Subtract => EvaluateIndex(node.A) - EvaluateIndex(node.B),
            NodeKind.Multiply => EvaluateIndex(node.A) * EvaluateIndex(node.B),
            _ => throw new System.InvalidOperationException($"A {node.Kind} node is not an index expression."),
        };
    }

    /// <summary>The counters of the loops being executed, outermost first, e.g. <c>i = 1, j = 49</c> (empty outside loops).</summary>
    private string Bindings()
    {
        var text = new StringBuilder();
        foreach (int v in _openLoops)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(_program.LoopVariables[v]).Append(" = ").Append(_counter[v].ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
