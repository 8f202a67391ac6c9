using System;
using System.Collections.Generic;
using System.Globalization;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Analysis;

/// <summary>
/// The loop path of the analysis: decides whether a body's counted loops can be kept (<see cref="Unsupported"/>) and
/// builds its <see cref="LoopModel"/>: every value statement's partial derivatives with respect to each value it reads,
/// and which of them the reverse sweep must take from a tape.
/// </summary>
/// <remarks>
/// The first slice covers what a multilayer perceptron needs: nested counted loops with constant bounds; locals declared,
/// assigned, added to or subtracted from; <c>stackalloc</c> scratch spans declared outside every loop, their elements
/// assigned, added to or subtracted from; stores into the output span; <c>+ - * /</c>, negation, <c>Math.Tanh</c>,
/// <c>Math.Exp</c> and the other smooth one-argument functions (<see cref="SmoothFunctions"/>); span indices whose range over the loop bounds stays inside the span. A scratch span is read only by
/// top-level statements (or loop nests) after every one that writes it, so the reverse sweep may read its final
/// elements. Everything else stays on the unrolled path, or gets the located diagnostic it would get there.
/// </remarks>
internal static class LoopAnalyzer
{
    /// <summary>
    /// The built-in functions a kept loop may call: smooth functions of one argument, whose derivative rules (from the
    /// same table as the unrolled path's) introduce no conditional.
    /// </summary>
    private static readonly string[] SmoothFunctions = ["Tanh", "Exp", "Log", "Sqrt", "Sin", "Cos", "Tan", "Sinh", "Cosh", "Atan"];

    /// <summary>The most doubles all tapes of one model may hold (they are <c>stackalloc</c>ed by the product members).</summary>
    public const int TapeLimit = 16_384;

    /// <summary>Why <paramref name="model"/>'s body cannot keep its loops (a phrase that completes "the loop path does not support …"), or null.</summary>
    public static string? Unsupported(ModelSpec model) =>
        Unsupported(model.Body.Program, model.ParameterBlocks, model.StateBlocks, model.CustomFunctions.Count);

    public static string? Unsupported(BodyProgram program, EquatableArray<ParameterBlock> parameterBlocks, EquatableArray<ParameterBlock> stateBlocks, int customFunctions) =>
        Problem(program, parameterBlocks, stateBlocks, customFunctions)?.Reason;

    /// <summary>
    /// Why the body cannot keep its loops, with the statement (and the call, conditional or span) the parser places the
    /// diagnostic at; null when it can.
    /// </summary>
    public static LoopProblem? Problem(BodyProgram program, EquatableArray<ParameterBlock> parameterBlocks, EquatableArray<ParameterBlock> stateBlocks, int customFunctions)
    {
        if (program.OutputArray < 0 || program.Outputs.Count > 0)
        {
            return new LoopProblem("a body that returns its outputs (write them into a Span<double> output instead)", LoopProblemKind.Body, -1);
        }

        if (customFunctions > 0)
        {
            return new LoopProblem("calls of [DerivativeOf] functions", LoopProblemKind.Body, -1);
        }

        var graph = new ExprGraph(program.Nodes);
        var open = new List<Statement>();
        var ranges = new Dictionary<int, (long Low, long High)>();
        int unit = 0;
        int[] lastWrite = new int[program.Arrays.Count];
        int[] firstRead = new int[program.Arrays.Count];
        int[] firstReadStatement = new int[program.Arrays.Count];
        for (int a = 0; a < lastWrite.Length; a++)
        {
            lastWrite[a] = -1;
            firstRead[a] = int.MaxValue;
            firstReadStatement[a] = -1;
        }

        long tape = 0;
        for (int s = 0; s < program.Statements.Count; s++)
        {
            Statement statement = program.Statements[s];
            switch (statement.Kind)
            {
                case StatementKind.LoopStart:
                    if (statement.To <= statement.From)
                    {
                        return new LoopProblem("a loop that runs no iteration", LoopProblemKind.Statement, s);
                    }

                    long last = statement.From + ((((long)statement.To - statement.From - 1) / statement.Step) * statement.Step);
                    ranges[statement.Target] = (statement.From, last);
                    open.Add(statement);
                    continue;
                case StatementKind.LoopEnd:
                    ranges.Remove(open[open.Count - 1].Target);
                    open.RemoveAt(open.Count - 1);
                    if (open.Count == 0)
                    {
                        unit++;
                    }

                    continue;
                case StatementKind.DeclareArray:
                    if (open.Count > 0)
                    {
                        return new LoopProblem($"a scratch span declared inside a loop ('{program.Arrays[statement.Target].Name}')", LoopProblemKind.Statement, s);
                    }

                    unit++;
                    continue;
                case StatementKind.MultiplyAssign:
                case StatementKind.DivideAssign:
                    return new LoopProblem("*= and /= (write x = x * e)", LoopProblemKind.Statement, s);
            }

            if (statement.IsStore)
            {
                ArrayDeclaration array = program.Arrays[statement.Target];
                if (!InRange(graph, statement.Index, ranges, array.Length))
                {
                    return new LoopProblem($"an index of '{array.Name}' that may leave the span", LoopProblemKind.Index, s, array.Name);
                }

                lastWrite[statement.Target] = unit;
            }

            LoopProblem? problem = CheckValue(graph, statement.Value, ranges, program, parameterBlocks, stateBlocks, firstRead, firstReadStatement, unit, s);
            if (problem is not null)
            {
                return problem;
            }

            if (NeedsTape(program, graph, statement))
            {
                long length = 1;
                foreach (Statement loop in open)
                {
                    length *= TripCount(loop);
                }

                tape += length;
                if (tape > TapeLimit)
                {
                    return new LoopProblem($"tapes of more than {TapeLimit.ToString(CultureInfo.InvariantCulture)} values (each loop-carried value the reverse sweep needs, once per iteration)", LoopProblemKind.Statement, s);
                }
            }

            if (open.Count == 0)
            {
                unit++;
            }
        }

        for (int a = 0; a < lastWrite.Length; a++)
        {
            if (program.Arrays[a].IsOutput && firstRead[a] != int.MaxValue)
            {
                return new LoopProblem($"reading the output span '{program.Arrays[a].Name}'", LoopProblemKind.Read, firstReadStatement[a], program.Arrays[a].Name);
            }

            if (firstRead[a] <= lastWrite[a])
            {
                return new LoopProblem($"a scratch span ('{program.Arrays[a].Name}') read before the last loop nest that writes it", LoopProblemKind.Read, firstReadStatement[a], program.Arrays[a].Name);
            }
        }

        return null;
    }

    /// <summary>The loop model of a body that <see cref="Unsupported"/> accepts.</summary>
    public static LoopModel Analyze(BodyProgram program)
    {
        var simplifier = new Simplifier(new ExprGraph(program.Nodes));
        ExprGraph graph = simplifier.Graph;
        var partials = new List<StatementPartial>();
        var tapes = new List<int>();
        var open = new List<Statement>();
        for (int s = 0; s < program.Statements.Count; s++)
        {
            Statement statement = program.Statements[s];
            switch (statement.Kind)
            {
                case StatementKind.LoopStart:
                    open.Add(statement);
                    continue;
                case StatementKind.LoopEnd:
                    open.RemoveAt(open.Count - 1);
                    continue;
                case StatementKind.DeclareArray:
                    continue;
            }

            int tapeLength = 1;
            foreach (Statement loop in open)
            {
                tapeLength *= TripCount(loop);
            }

            foreach (int read in Reads(graph, statement.Value))
            {
                int derivative = new Differentiator(simplifier, read).Derive(statement.Value);
                if (graph.IsConstant(derivative, 0.0))
                {
                    continue;
                }

                int tape = -1;
                if (ReadsLocal(graph, derivative))
                {
                    tape = tapes.Count;
                    tapes.Add(tapeLength);
                }

                partials.Add(new StatementPartial(s, read, derivative, tape));
            }
        }

        return new LoopModel(graph.ToArray(), new EquatableArray<StatementPartial>(partials.ToArray()), new EquatableArray<int>(tapes.ToArray()));
    }

    /// <summary>The iterations of a counted loop.</summary>
    public static int TripCount(Statement loop) => (int)((((long)loop.To - loop.From - 1) / loop.Step) + 1);

    /// <summary>Whether <paramref name="kind"/> reads a value the derivatives flow into (a local, a state, a parameter or a span element).</summary>
    public static bool IsRead(NodeKind kind) =>
        kind is NodeKind.Local or NodeKind.State or NodeKind.Parameter or NodeKind.Element or NodeKind.StateElement or NodeKind.ArrayElement;

    /// <summary>The reads of <paramref name="root"/>, in id order (span indices are not values and are not entered).</summary>
    public static List<int> Reads(ExprGraph graph, int root)
    {
        var found = new SortedSet<int>();
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            Node node = graph[id];
            if (IsRead(node.Kind))
            {
                found.Add(id);
                continue;
            }

            for (int k = 0; k < node.Arity; k++)
            {
                stack.Push(node.Operand(k));
            }
        }

        return new List<int>(found);
    }

    private static bool ReadsLocal(ExprGraph graph, int root)
    {
        foreach (int read in Reads(graph, root))
        {
            if (graph[read].Kind == NodeKind.Local)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether some partial of the statement's value reads a local (checked on a scratch copy of the graph).</summary>
    private static bool NeedsTape(BodyProgram program, ExprGraph programGraph, Statement statement)
    {
        var simplifier = new Simplifier(new ExprGraph(program.Nodes));
        foreach (int read in Reads(programGraph, statement.Value))
        {
            if (ReadsLocal(simplifier.Graph, new Differentiator(simplifier, read).Derive(statement.Value)))
            {
                return true;
            }
        }

        return false;
    }

    private static LoopProblem? CheckValue(
        ExprGraph graph,
        int root,
        Dictionary<int, (long Low, long High)> ranges,
        BodyProgram program,
        EquatableArray<ParameterBlock> parameterBlocks,
        EquatableArray<ParameterBlock> stateBlocks,
        int[] firstRead,
        int[] firstReadStatement,
        int unit,
        int s)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            int id = stack.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            Node node = graph[id];
            switch (node.Kind)
            {
                case NodeKind.Constant or NodeKind.State or NodeKind.Parameter or NodeKind.Time or NodeKind.Local:
                    continue;
                case NodeKind.Element:
                    if (!InRange(graph, node.A, ranges, parameterBlocks[node.B].Length))
                    {
                        return new LoopProblem($"an index of '{parameterBlocks[node.B].Name}' that may leave the span", LoopProblemKind.Index, s, parameterBlocks[node.B].Name);
                    }

                    continue;
                case NodeKind.StateElement:
                    if (!InRange(graph, node.A, ranges, stateBlocks[node.B].Length))
                    {
                        return new LoopProblem($"an index of '{stateBlocks[node.B].Name}' that may leave the span", LoopProblemKind.Index, s, stateBlocks[node.B].Name);
                    }

                    continue;
                case NodeKind.ArrayElement:
                    if (!InRange(graph, node.A, ranges, program.Arrays[node.B].Length))
                    {
                        return new LoopProblem($"an index of '{program.Arrays[node.B].Name}' that may leave the span", LoopProblemKind.Index, s, program.Arrays[node.B].Name);
                    }

                    if (unit < firstRead[node.B])
                    {
                        firstRead[node.B] = unit;
                        firstReadStatement[node.B] = s;
                    }

                    continue;
                case NodeKind.Negate or NodeKind.Add or NodeKind.Subtract or NodeKind.Multiply or NodeKind.Divide:
                    break;
                case NodeKind.Call when Array.IndexOf(SmoothFunctions, node.Function.Name) >= 0:
                    break;
                case NodeKind.Call:
                    return new LoopProblem($"Math.{node.Function.Name} (it supports Math.{string.Join(", Math.", SmoothFunctions)})", LoopProblemKind.Call, s, node.Function.Name);
                case NodeKind.Conditional or NodeKind.Not or NodeKind.And or NodeKind.Or or (>= NodeKind.Less and <= NodeKind.NotEqual) or NodeKind.BoolConstant:
                    return new LoopProblem("conditionals and comparisons", LoopProblemKind.Conditional, s);
                default:
                    return new LoopProblem($"a {node.Kind} value", LoopProblemKind.Statement, s);
            }

            for (int k = 0; k < node.Arity; k++)
            {
                stack.Push(node.Operand(k));
            }
        }

        return null;
    }

    /// <summary>Whether index expression <paramref name="index"/> stays in [0, <paramref name="length"/>) over the open loops' ranges.</summary>
    private static bool InRange(ExprGraph graph, int index, Dictionary<int, (long Low, long High)> ranges, int length) =>
        Interval(graph, index, ranges) is { } interval && interval.Low >= 0 && interval.High < length;

    private static (long Low, long High)? Interval(ExprGraph graph, int id, Dictionary<int, (long Low, long High)> ranges)
    {
        Node node = graph[id];
        switch (node.Kind)
        {
            case NodeKind.Constant:
                return ((long)node.Value, (long)node.Value);
            case NodeKind.LoopVariable:
                return ranges.TryGetValue(node.A, out (long Low, long High) range) ? range : null;
            case NodeKind.Add or NodeKind.Subtract or NodeKind.Multiply:
                if (Interval(graph, node.A, ranges) is not { } a || Interval(graph, node.B, ranges) is not { } b)
                {
                    return null;
                }

                const long Bound = 1L << 40;
                if (Math.Abs(a.Low) > Bound || Math.Abs(a.High) > Bound || Math.Abs(b.Low) > Bound || Math.Abs(b.High) > Bound)
                {
                    return null;
                }

                if (node.Kind == NodeKind.Add)
                {
                    return (a.Low + b.Low, a.High + b.High);
                }

                if (node.Kind == NodeKind.Subtract)
                {
                    return (a.Low - b.High, a.High - b.Low);
                }

                long p1 = a.Low * b.Low, p2 = a.Low * b.High, p3 = a.High * b.Low, p4 = a.High * b.High;
                return (Math.Min(Math.Min(p1, p2), Math.Min(p3, p4)), Math.Max(Math.Max(p1, p2), Math.Max(p3, p4)));
            default:
                return null;
        }
    }
}

/// <summary>What a <see cref="LoopProblem"/> points at inside its statement.</summary>
internal enum LoopProblemKind
{
    /// <summary>The whole body (no statement): its form, not one construct.</summary>
    Body,

    /// <summary>The statement itself (a loop's header for a loop).</summary>
    Statement,

    /// <summary>The call of the built-in function <see cref="LoopProblem.Name"/>.</summary>
    Call,

    /// <summary>The first conditional or comparison.</summary>
    Conditional,

    /// <summary>An index into the span <see cref="LoopProblem.Name"/>.</summary>
    Index,

    /// <summary>A read of an element of the span <see cref="LoopProblem.Name"/>.</summary>
    Read,
}

/// <summary>
/// Why the loop path refuses a body (<paramref name="Reason"/> completes "kept loops do not support …"), and where:
/// program statement <paramref name="Statement"/> (-1 for <see cref="LoopProblemKind.Body"/>), and in it what
/// <paramref name="Kind"/> and <paramref name="Name"/> say.
/// </summary>
internal sealed record LoopProblem(string Reason, LoopProblemKind Kind, int Statement, string Name = "");
