using System.Collections.Generic;
using System.Globalization;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Emit;

/// <summary>
/// Writes <c>EvaluateDual</c>'s body: the user's own statements (locals, assignments, counted loops, conditionals,
/// calls, span elements, scratch spans, stores into the output span) re-emitted over <c>global::NeuralOdeGen.Dual</c>,
/// straight from the parsed program and independent of the symbolic derivatives. Values that do not depend on the state
/// or parameters stay <c>double</c>; each parameter or state span is a slice of the dual inputs, and a store into the
/// output span writes the <c>EvaluateDual</c> output.
/// </summary>
internal static class DualBodyWriter
{
    private const string DualType = "global::NeuralOdeGen.Dual";

    /// <param name="writer">Where the statements go.</param>
    /// <param name="model">The model whose <see cref="ModelSpec.Body"/> is written.</param>
    /// <param name="stateSpan">The dual state span's name.</param>
    /// <param name="parameterSpan">The dual parameter span's name.</param>
    /// <param name="timeName">The time argument's name.</param>
    /// <param name="outputSpan">The output span's name.</param>
    /// <param name="dualTime">Whether the time argument is a <c>Dual</c> too (the event members), not a <c>double</c>.</param>
    /// <param name="outputOffset">Where the returned values go in the output span (an event's index).</param>
    public static void Write(
        CodeWriter writer, ModelSpec model, string stateSpan, string parameterSpan, string timeName, string outputSpan, bool dualTime = false, int outputOffset = 0)
    {
        BodyProgram program = model.Body.Program;
        var graph = new ExprGraph(program.Nodes);
        EquatableArray<Statement> statements = program.Statements;
        int count = graph.Count;
        int variables = program.Variables.Count;
        EquatableArray<ArrayDeclaration> arrays = program.Arrays;

        // Which nodes and locals carry a tangent: those that depend on a state or parameter. A local assigned in a loop
        // can depend on itself, so iterate to the fixed point.
        bool[] isDual = new bool[count];
        bool[] variableIsDual = new bool[variables];
        bool[] arrayIsDual = new bool[arrays.Count];
        for (bool changed = true; changed;)
        {
            for (int id = 0; id < count; id++)
            {
                Node node = graph[id];
                isDual[id] = node.Kind switch
                {
                    NodeKind.State or NodeKind.Parameter or NodeKind.Element or NodeKind.StateElement => true,
                    NodeKind.Time => dualTime,
                    NodeKind.Local => variableIsDual[node.A],
                    NodeKind.ArrayElement => arrayIsDual[node.B],
                    NodeKind.Conditional => isDual[node.B] || isDual[node.C],
                    _ when node.IsLeaf || node.IsBoolean => false,
                    _ => isDual[node.A] || (node.Arity > 1 && isDual[node.B]) || (node.Arity > 2 && isDual[node.C]),
                };
            }

            changed = false;
            foreach (Statement statement in statements)
            {
                bool[] targetIsDual = statement.IsStore ? arrayIsDual : variableIsDual;
                if (statement.Kind < StatementKind.LoopStart && isDual[statement.Value] && !targetIsDual[statement.Target])
                {
                    targetIsDual[statement.Target] = true;
                    changed = true;
                }
            }
        }

        // Reachability from the outputs through the statements that assign a reached local, so unused locals are not emitted.
        // Stores into the output span are outputs too; a scratch span is used once a reached node reads it.
        bool[] reached = new bool[count];
        bool[] used = new bool[variables];
        bool[] arrayUsed = new bool[arrays.Count];
        int outputArray = program.OutputArray;
        if (outputArray >= 0)
        {
            arrayUsed[outputArray] = true;
        }

        var stack = new Stack<int>(program.Outputs);
        for (bool changed = true; changed;)
        {
            while (stack.Count > 0)
            {
                int id = stack.Pop();
                if (reached[id])
                {
                    continue;
                }

                reached[id] = true;
                Node node = graph[id];
                if (node.Kind == NodeKind.Local)
                {
                    used[node.A] = true;
                }
                else if (node.Kind == NodeKind.ArrayElement)
                {
                    arrayUsed[node.B] = true;
                }

                for (int k = 0; k < node.Arity; k++)
                {
                    stack.Push(node.Operand(k));
                }
            }

            changed = false;
            foreach (Statement statement in statements)
            {
                bool[] targetUsed = statement.IsStore ? arrayUsed : used;
                if (statement.Kind < StatementKind.LoopStart && targetUsed[statement.Target] && !reached[statement.Value])
                {
                    stack.Push(statement.Value);
                    changed = true;
                }
            }
        }

        // Reads: states, then parameters in declaration order (a scalar as a Dual, a block as a slice).
        bool[] stateRead = new bool[model.States.Count];
        int readCount = 0;
        for (int id = 0; id < count; id++)
        {
            if (reached[id] && graph[id].Kind == NodeKind.State)
            {
                stateRead[graph[id].A] = true;
            }
        }

        // In declaration order: a scalar state as a Dual, a [State(N)] block as a slice.
        for (int b = 0; b < model.StateBlocks.Count; b++)
        {
            ParameterBlock block = model.StateBlocks[b];
            if (!block.IsSpan && stateRead[block.Offset])
            {
                readCount++;
                writer.Line($"{DualType} {Identifiers.Escape(block.Name)} = {stateSpan}[{block.Offset}];");
            }
            else if (block.IsSpan && IsRead(graph, reached, NodeKind.StateElement, b))
            {
                readCount++;
                writer.Line($"global::System.ReadOnlySpan<{DualType}> {Identifiers.Escape(block.Name)} = {stateSpan}.Slice({block.Offset}, {block.Length});");
            }
        }

        for (int b = 0; b < model.ParameterBlocks.Count; b++)
        {
            ParameterBlock block = model.ParameterBlocks[b];
            if (!IsRead(graph, reached, block, b))
            {
                continue;
            }

            readCount++;
            writer.Line(block.IsSpan
                ? $"global::System.ReadOnlySpan<{DualType}> {Identifiers.Escape(block.Name)} = {parameterSpan}.Slice({block.Offset}, {block.Length});"
                : $"{DualType} {Identifiers.Escape(block.Name)} = {parameterSpan}[{block.Offset}];");
        }

        var printer = new CSharpPrinter(
            graph,
            id =>
            {
                Node node = graph[id];
                return node.Kind switch
                {
                    NodeKind.State => Identifiers.Escape(model.States[node.A]),
                    NodeKind.Parameter => Identifiers.Escape(model.ParameterAt(node.A).Block.Name),
                    NodeKind.Time => timeName,
                    NodeKind.Local => Identifiers.Escape(program.Variables[node.A]),
                    NodeKind.LoopVariable => Identifiers.Escape(program.LoopVariables[node.A]),
                    NodeKind.Element => $"{Identifiers.Escape(model.ParameterBlocks[node.B].Name)}[{IndexPrinter.Print(graph, node.A, v => Identifiers.Escape(program.LoopVariables[v]))}]",
                    NodeKind.StateElement => $"{Identifiers.Escape(model.StateBlocks[node.B].Name)}[{IndexPrinter.Print(graph, node.A, v => Identifiers.Escape(program.LoopVariables[v]))}]",
                    NodeKind.ArrayElement => $"{Identifiers.Escape(arrays[node.B].Name)}[{IndexPrinter.Print(graph, node.A, v => Identifiers.Escape(program.LoopVariables[v]))}]",
                    _ => null,
                };
            },
            isDual)
        {
            CustomFunctions = model.CustomFunctions,
        };

        // A loop is written when its body writes something; which loops those are is known from the statements inside.
        bool[] emitted = EmittedStatements(statements, used, arrayUsed);
        bool any = false;
        bool blankBeforeNext = false;
        for (int i = 0; i < statements.Count; i++)
        {
            if (!emitted[i])
            {
                continue;
            }

            Statement statement = statements[i];
            if (!any && readCount > 0)
            {
                writer.Line();
            }

            if (blankBeforeNext && statement.Kind != StatementKind.LoopEnd)
            {
                writer.Line();
            }

            any = true;
            blankBeforeNext = false;
            string target = statement.Kind == StatementKind.LoopStart ? Identifiers.Escape(program.LoopVariables[statement.Target])
                : statement.Kind == StatementKind.DeclareArray ? Identifiers.Escape(arrays[statement.Target].Name)
                : statement.IsStore ? Element(statement, arrays, outputSpan, graph, program)
                : statement.Kind == StatementKind.LoopEnd ? ""
                : Identifiers.Escape(program.Variables[statement.Target]);
            switch (statement.Kind)
            {
                case StatementKind.DeclareArray:
                    string type = arrayIsDual[statement.Target] ? DualType : "double";
                    writer.Line($"global::System.Span<{type}> {target} = stackalloc {type}[{arrays[statement.Target].Length.ToString(CultureInfo.InvariantCulture)}];");
                    break;
                case StatementKind.Declare:
                    writer.Line($"{(variableIsDual[statement.Target] ? DualType : "double")} {target} = {printer.Print(statement.Value)};");
                    break;
                case StatementKind.LoopStart:
                    string step = statement.Step == 1 ? $"{target}++" : $"{target} += {statement.Step.ToString(CultureInfo.InvariantCulture)}";
                    writer.Line($"for (int {target} = {statement.From.ToString(CultureInfo.InvariantCulture)}; {target} < {statement.To.ToString(CultureInfo.InvariantCulture)}; {step})");
                    writer.Open();
                    break;
                case StatementKind.LoopEnd:
                    writer.Close();
                    blankBeforeNext = true;
                    break;
                default:
                    writer.Line($"{target} {Operator(statement.Kind)} {printer.Print(statement.Value)};");
                    break;
            }
        }

        if ((readCount > 0 || any) && program.Outputs.Count > 0)
        {
            writer.Line();
        }

        for (int i = 0; i < program.Outputs.Count; i++)
        {
            writer.Line($"{outputSpan}[{(i + outputOffset).ToString(CultureInfo.InvariantCulture)}] = {printer.Print(program.Outputs[i])};");
        }
    }

    /// <summary>The element a store writes: <c>h[j]</c>, or for the output span the <c>EvaluateDual</c> output's element.</summary>
    private static string Element(Statement store, EquatableArray<ArrayDeclaration> arrays, string outputSpan, ExprGraph graph, BodyProgram program)
    {
        ArrayDeclaration array = arrays[store.Target];
        string span = array.IsOutput ? outputSpan : Identifiers.Escape(array.Name);
        return $"{span}[{IndexPrinter.Print(graph, store.Index, v => Identifiers.Escape(program.LoopVariables[v]))}]";
    }

    private static bool IsRead(ExprGraph graph, bool[] reached, NodeKind kind, int blockIndex)
    {
        for (int id = 0; id < graph.Count; id++)
        {
            if (reached[id] && graph[id].Kind == kind && graph[id].B == blockIndex)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRead(ExprGraph graph, bool[] reached, ParameterBlock block, int blockIndex)
    {
        for (int id = 0; id < graph.Count; id++)
        {
            Node node = graph[id];
            if (reached[id] && ((block.IsSpan && node.Kind == NodeKind.Element && node.B == blockIndex) || (!block.IsSpan && node.Kind == NodeKind.Parameter && node.A == block.Offset)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Assignments to used locals, stores into used spans (and their declarations), and the loops (start and end) that contain at least one of them.</summary>
    private static bool[] EmittedStatements(EquatableArray<Statement> statements, bool[] used, bool[] arrayUsed)
    {
        bool[] emitted = new bool[statements.Count];
        var open = new Stack<int>();
        for (int i = 0; i < statements.Count; i++)
        {
            Statement statement = statements[i];
            switch (statement.Kind)
            {
                case StatementKind.LoopStart:
                    open.Push(i);
                    break;
                case StatementKind.LoopEnd:
                    int start = open.Pop();
                    emitted[i] = emitted[start];
                    if (emitted[i] && open.Count > 0)
                    {
                        emitted[open.Peek()] = true;
                    }

                    break;
                default:
                    emitted[i] = statement.IsStore || statement.Kind == StatementKind.DeclareArray ? arrayUsed[statement.Target] : used[statement.Target];
                    if (emitted[i])
                    {
                        foreach (int loop in open)
                        {
                            emitted[loop] = true;
                        }
                    }

                    break;
            }
        }

        return emitted;
    }

    private static string Operator(StatementKind kind) => kind switch
    {
        StatementKind.Assign => "=",
        StatementKind.AddAssign => "+=",
        StatementKind.SubtractAssign => "-=",
        StatementKind.MultiplyAssign => "*=",
        _ => "/=",
    };
}
