using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NeuralOdeGen.Generator.Ir;

/// <summary>
/// Turns a <see cref="BodyProgram"/> into the straight-line <see cref="BodyIr"/> the symbolic path lowers: counted loops
/// are unrolled, loop counters become constants, span elements become flattened parameters and states, and every
/// assignment becomes a new version of its local (SSA), so <c>s += e</c> reads the version before it. A store into a
/// scratch or output element is a new version of that element (a local named <c>h[3]</c>); the output array's last
/// versions are the outputs.
/// </summary>
internal sealed class Unrolling
{
    private readonly BodyProgram _program;
    private readonly EquatableArray<ParameterBlock> _blocks;
    private readonly EquatableArray<ParameterBlock> _stateBlocks;
    private readonly long _statementLimit;
    private readonly ExprGraph _source;
    private readonly ExprGraph _target = new();
    private readonly List<LocalDeclaration> _locals = new();
    private readonly Dictionary<int, int> _memo = new();
    private readonly int[] _version;
    private readonly long[] _counter;

    // Per array, per element: the local holding its last stored value, or -1 before the first store.
    private readonly int[][] _stored;
    private readonly List<int> _openLoops = new();
    private long _executed;

    private Unrolling(BodyProgram program, EquatableArray<ParameterBlock> blocks, EquatableArray<ParameterBlock> stateBlocks, long statementLimit)
    {
        _program = program;
        _blocks = blocks;
        _stateBlocks = stateBlocks;
        _statementLimit = statementLimit;
        _source = new ExprGraph(program.Nodes);
        _version = new int[program.Variables.Count];
        _counter = new long[program.LoopVariables.Count];
        _stored = new int[program.Arrays.Count][];
        for (int a = 0; a < _stored.Length; a++)
        {
            _stored[a] = Unstored(program.Arrays[a].Length);
        }
    }

    /// <summary>Set when a span index leaves its block; the body is then <see langword="null"/>.</summary>
    public IndexError? IndexError { get; private set; }

    /// <summary>Set when a scratch or output element is misused (see <see cref="ElementErrorKind"/>); the body is then <see langword="null"/>.</summary>
    public ElementError? ElementError { get; private set; }

    /// <summary>Set when the unrolled body would run more than the limit's statements and iterations; the body is then <see langword="null"/>.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>
    /// Unrolls <paramref name="program"/>. A program without loops, span elements or reassignments keeps its graph (it is
    /// already straight-line). Returns <see langword="null"/> with <see cref="IndexError"/>, <see cref="ElementError"/> or
    /// <see cref="TooLarge"/> set when unrolling fails. <paramref name="stateBlocks"/> resolves
    /// <see cref="NodeKind.StateElement"/> nodes (needed only when the program has some).
    /// </summary>
    public static BodyIr? Unroll(
        BodyProgram program, EquatableArray<ParameterBlock> blocks, long statementLimit, out Unrolling unrolling, EquatableArray<ParameterBlock> stateBlocks = default)
    {
        unrolling = new Unrolling(program, blocks, stateBlocks, statementLimit);
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
        if (unrolling.ElementError is not null)
        {
            return null;
        }

        return new BodyIr(unrolling._target.ToArray(), new EquatableArray<LocalDeclaration>(unrolling._locals.ToArray()), outputs, program);
    }

    private static bool IsStraightLine(BodyProgram program)
    {
        if (program.Arrays.Count > 0)
        {
            return false;
        }

        foreach (Statement statement in program.Statements)
        {
            if (statement.Kind != StatementKind.Declare)
            {
                return false;
            }
        }

        foreach (Node node in program.Nodes)
        {
            if (node.Kind is NodeKind.Element or NodeKind.LoopVariable or NodeKind.StateElement or NodeKind.ArrayElement)
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
        int output = _program.OutputArray;
        if (output >= 0)
        {
            return StoredOutputs(output);
        }

        int[] outputs = new int[_program.Outputs.Count];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = Map(_program.Outputs[i]);
        }

        return new EquatableArray<int>(outputs);
    }

    /// <summary>The last value stored into each element of the output array; <see cref="ElementError"/> if some element has none.</summary>
    private EquatableArray<int> StoredOutputs(int output)
    {
        int[] stored = _stored[output];
        int[] outputs = new int[stored.Length];
        var missing = new StringBuilder();
        long first = -1;
        for (int i = 0; i < stored.Length; i++)
        {
            if (stored[i] < 0)
            {
                first = first < 0 ? i : first;
                if (missing.Length < 60)
                {
                    missing.Append(missing.Length == 0 ? "" : ", ").Append(i.ToString(CultureInfo.InvariantCulture));
                }
                else if (missing[missing.Length - 1] != '.')
                {
                    missing.Append(", ...");
                }

                continue;
            }

            outputs[i] = _target.Intern(Node.Leaf(NodeKind.Local, stored[i]));
        }

        if (first >= 0)
        {
            ElementError ??= new ElementError(ElementErrorKind.NeverStored, -1, -1, output, first, missing.ToString());
        }

        return new EquatableArray<int>(outputs);
    }

    private static int[] Unstored(int length)
    {
        int[] stored = new int[System.Math.Max(length, 0)];
        for (int i = 0; i < stored.Length; i++)
        {
            stored[i] = -1;
        }

        return stored;
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

            if (statement.Kind == StatementKind.DeclareArray)
            {
                _stored[statement.Target] = Unstored(_program.Arrays[statement.Target].Length);
                continue;
            }

            _memo.Clear();
            int value = Map(statement.Value);
            if (IndexError is not null || ElementError is not null)
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
            if (statement.IsStore)
            {
                if (!Store(i, statement, combine, value))
                {
                    return false;
                }

                continue;
            }

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

    /// <summary>
    /// Stores <paramref name="value"/> (combined with the element's last value for a compound assignment) as the new
    /// version of the element statement <paramref name="at"/> writes; false after setting <see cref="ElementError"/>.
    /// </summary>
    private bool Store(int at, Statement statement, NodeKind? combine, int value)
    {
        ArrayDeclaration array = _program.Arrays[statement.Target];
        int[] stored = _stored[statement.Target];
        long index = EvaluateIndex(statement.Index);
        ElementErrorKind? error =
            index < 0 || index >= stored.Length ? ElementErrorKind.StoreOutOfRange
            : combine is not null && stored[index] < 0 ? ElementErrorKind.ReadBeforeStored
            : array.IsOutput && stored[index] >= 0 ? ElementErrorKind.StoredTwice
            : null;
        if (error is { } kind)
        {
            ElementError ??= new ElementError(kind, at, -1, statement.Target, index, Bindings());
            return false;
        }

        if (combine is { } operation)
        {
            int previous = _target.Intern(Node.Leaf(NodeKind.Local, stored[index]));
            value = _target.Intern(Node.Binary(operation, previous, value));
        }

        stored[index] = _locals.Count;
        _locals.Add(new LocalDeclaration($"{array.Name}[{index.ToString(CultureInfo.InvariantCulture)}]", value));
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

            case NodeKind.StateElement:
            {
                ParameterBlock block = _stateBlocks[node.B];
                long index = EvaluateIndex(node.A);
                if (index < 0 || index >= block.Length)
                {
                    IndexError ??= new IndexError(id, index, Bindings());
                    mapped = _target.Constant(0.0);
                    break;
                }

                mapped = _target.Intern(Node.Leaf(NodeKind.State, block.Offset + (int)index));
                break;
            }

            case NodeKind.ArrayElement:
            {
                int[] stored = _stored[node.B];
                long index = EvaluateIndex(node.A);
                if (index < 0 || index >= stored.Length)
                {
                    IndexError ??= new IndexError(id, index, Bindings());
                    mapped = _target.Constant(0.0);
                }
                else if (stored[index] < 0)
                {
                    ElementError ??= new ElementError(ElementErrorKind.ReadBeforeStored, -1, id, node.B, index, Bindings());
                    mapped = _target.Constant(0.0);
                }
                else
                {
                    mapped = _target.Intern(Node.Leaf(NodeKind.Local, stored[index]));
                }

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
