using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// Translates a [Dynamics] body into a raw <see cref="BodyIr"/>, resolving every name with the semantic model
/// (a local called <c>Exp</c> is not <c>Math.Exp</c>; <c>using static System.Math</c> makes <c>Exp</c> one).
/// Every unsupported construct becomes a diagnostic at its own location.
/// </summary>
internal sealed partial class BodyParser
{
    // Swapped while a [Differentiable] callee's body is inlined (BodyParser.UserFunctions.cs).
    private SemanticModel _model;
    private IMethodSymbol _method;
    private VariableRole[] _roles;
    private readonly EquatableArray<ParameterBlock> _blocks;
    private readonly int _stateCount;
    private readonly CancellationToken _cancellationToken;
    private readonly ExprGraph _graph = new();
    private readonly List<string> _variables = new();
    private Dictionary<ISymbol, int> _localIndex = new(SymbolEqualityComparer.Default);
    private readonly List<string> _loopVariables = new();
    private Dictionary<ISymbol, int> _loopIndex = new(SymbolEqualityComparer.Default);
    private readonly List<Statement> _statements = new();

    // Where each span element was first written, for an index found out of range while unrolling.
    private readonly Dictionary<int, ExpressionSyntax> _elementSyntax = new();

    // Set when the code does not bind (the compiler reports that itself): give up without a diagnostic of ours.
    private bool _bindingFailed;

    // The spans the body stores into (scratch spans and the output), by their local or parameter symbol.
    private readonly List<ArrayDeclaration> _arrays = new();
    private readonly Dictionary<ISymbol, int> _arrayIndex = new(SymbolEqualityComparer.Default);

    // Span locals whose declaration was refused (NODE034): their uses fail without a second diagnostic.
    private readonly HashSet<ISymbol> _refusedArrays = new(SymbolEqualityComparer.Default);

    // Where each store statement's target element is written, for the errors unrolling finds there.
    private readonly Dictionary<int, ElementAccessExpressionSyntax> _storeSyntax = new();

    // How many for loops enclose the statement being parsed (scratch spans are declared outside all loops).
    private int _loopDepth;

    public BodyParser(
        SemanticModel model, IMethodSymbol method, VariableRole[] roles, EquatableArray<ParameterBlock> blocks, int stateCount, CancellationToken cancellationToken)
    {
        _model = model;
        _method = method;
        _roles = roles;
        _blocks = blocks;
        _stateCount = stateCount;
        _cancellationToken = cancellationToken;
    }

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    /// <summary>Replaced <c>const int</c> values (the small program of a <c>SymbolicCheck</c> type), or null.</summary>
    public ConstantOverrides? Overrides { get; init; }

    /// <summary>The <c>[State(N)]</c> blocks (and scalar states) of the method, which <see cref="NodeKind.StateElement"/> nodes index.</summary>
    public EquatableArray<ParameterBlock> StateBlocks { get; init; } = EquatableArray<ParameterBlock>.Empty;

    /// <summary>The ordinal of the method's <c>Span&lt;double&gt;</c> output parameter, or -1 for the return forms.</summary>
    public int OutputParameter { get; init; } = -1;

    /// <summary>Whether scratch spans may be declared (in a [Dynamics] method, not in a [Differentiable] function).</summary>
    public bool AllowsArrays { get; init; }

    /// <summary>The returned expression, once parsed (where size problems of the whole body are reported).</summary>
    public ExpressionSyntax? ReturnValue { get; private set; }

    /// <summary>The first for loop's header (<c>for (...)</c>), where an unrolling that grows too large is reported.</summary>
    public Location? FirstLoop { get; private set; }

    /// <summary>Parses the body; <see langword="null"/> when it is unsupported or does not compile.</summary>
    public BodyProgram? Parse(MethodDeclarationSyntax method)
    {
        int[]? outputs;
        if (OutputParameter >= 0)
        {
            IParameterSymbol output = _method.Parameters[OutputParameter];
            _arrayIndex.Add(output, _arrays.Count);
            _arrays.Add(new ArrayDeclaration(output.Name, _stateCount, IsOutput: true));
            outputs = ParseVoidBody(method);
        }
        else if (method.ExpressionBody is { } arrow)
        {
            outputs = ParseReturnValue(arrow.Expression);
        }
        else if (method.Body is { } block)
        {
            outputs = ParseBlock(block);
        }
        else
        {
            Report(Generator.Diagnostics.UnsupportedConstruct, method.Identifier.GetLocation(), "A [Dynamics] method without a body");
            return null;
        }

        if (outputs is null || _bindingFailed || Diagnostics.Count > 0)
        {
            return null;
        }

        return new BodyProgram(
            _graph.ToArray(),
            new EquatableArray<string>(_variables.ToArray()),
            new EquatableArray<string>(_loopVariables.ToArray()),
            new EquatableArray<Statement>(_statements.ToArray()),
            new EquatableArray<int>(outputs))
        {
            Arrays = new EquatableArray<ArrayDeclaration>(_arrays.ToArray()),
        };
    }

    /// <summary>
    /// The body of a method with a <c>Span&lt;double&gt;</c> output (returning void): statements as in a loop body, plus
    /// scratch-span declarations and an optional final <c>return;</c>. Its outputs are the stores into the output span,
    /// so it returns no output nodes (null after an error).
    /// </summary>
    private int[]? ParseVoidBody(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is { } arrow)
        {
            if (IsAssignment(arrow.Expression))
            {
                ParseAssignmentStatement(arrow.Expression);
            }
            else
            {
                Report(Generator.Diagnostics.UnsupportedConstruct, arrow.Expression.GetLocation(), Describe(arrow.Expression) + " as the body of a method with a Span<double> output");
            }

            return Array.Empty<int>();
        }

        if (method.Body is not { } block)
        {
            Report(Generator.Diagnostics.UnsupportedConstruct, method.Identifier.GetLocation(), "A [Dynamics] method without a body");
            return null;
        }

        SyntaxList<StatementSyntax> statements = block.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            switch (statements[i])
            {
                case ReturnStatementSyntax { Expression: null } when i == statements.Count - 1:
                    break;
                case ReturnStatementSyntax statement:
                    Report(Generator.Diagnostics.UnsupportedConstruct, statement.GetLocation(), "A return statement that is not a final 'return;'");
                    break;
                default:
                    ParseLoopStatement(statements[i]);
                    break;
            }
        }

        return Array.Empty<int>();
    }

    /// <summary>NODE020 for an index that unrolling found outside its block, at the index as written.</summary>
    public DiagnosticInfo IndexOutOfRange(IndexError error, EquatableArray<ParameterBlock> blocks)
    {
        Node node = _graph[error.Node];
        (string name, int length) = node.Kind switch
        {
            NodeKind.StateElement => (StateBlocks[node.B].Name, StateBlocks[node.B].Length),
            NodeKind.ArrayElement => (_arrays[node.B].Name, _arrays[node.B].Length),
            _ => (blocks[node.B].Name, blocks[node.B].Length),
        };
        return OutOfRange(_elementSyntax[error.Node], error.Index, error.Bindings, name, length);
    }

    /// <summary>
    /// The diagnostic for a misuse of a scratch or output element that unrolling found: at the store, the read, or (for
    /// output elements never assigned) at <paramref name="output"/>, the output parameter.
    /// </summary>
    public DiagnosticInfo ElementMisuse(ElementError error, LocationInfo? output)
    {
        ArrayDeclaration array = _arrays[error.Array];
        string index = error.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string when = error.Detail.Length > 0 ? $" (when {error.Detail})" : "";
        ElementAccessExpressionSyntax? store = error.Statement >= 0 ? _storeSyntax[error.Statement] : null;
        SyntaxNode? assignment = store?.Parent is AssignmentExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax ? store.Parent : store;
        return error.Kind switch
        {
            ElementErrorKind.StoreOutOfRange => OutOfRange(store!, error.Index, error.Detail, array.Name, array.Length),
            ElementErrorKind.StoredTwice => DiagnosticInfo.Create(Generator.Diagnostics.OutputAssignedTwice, LocationInfo.From(assignment!), array.Name, index, when),
            ElementErrorKind.ReadBeforeStored => DiagnosticInfo.Create(
                Generator.Diagnostics.ScratchReadBeforeAssigned,
                LocationInfo.From(error.Node >= 0 ? _elementSyntax[error.Node] : assignment!),
                array.Name,
                index,
                when),
            _ => DiagnosticInfo.Create(Generator.Diagnostics.OutputNotAssigned, output, array.Name, error.Detail),
        };
    }

    /// <summary>NODE020 at the index of <paramref name="element"/>, which is <paramref name="value"/> under <paramref name="bindings"/>.</summary>
    private static DiagnosticInfo OutOfRange(ExpressionSyntax element, long value, string bindings, string name, int length)
    {
        ExpressionSyntax index = element is ElementAccessExpressionSyntax access ? access.ArgumentList.Arguments[0].Expression : element;
        string when = bindings.Length > 0 ? $" when {bindings}" : "";
        return DiagnosticInfo.Create(
            Generator.Diagnostics.BadIndex,
            LocationInfo.From(index),
            $"Index '{index}' is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}{when}, outside '{name}' of length {length.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    private int[]? ParseBlock(BlockSyntax block)
    {
        int[]? outputs = null;
        bool returns = false;
        SyntaxList<StatementSyntax> statements = block.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            StatementSyntax statement = statements[i];
            int before = _statements.Count;
            if (ReportUncountedLoop(statement) || ReportScratchEscape(statement))
            {
                continue;
            }

            switch (statement)
            {
                case LocalDeclarationStatementSyntax declaration when i < statements.Count - 1:
                    ParseLocalDeclaration(declaration);
                    break;
                case ReturnStatementSyntax { Expression: { } value } when i == statements.Count - 1:
                    returns = true;
                    outputs = ParseReturnValue(value);
                    break;
                case ReturnStatementSyntax:
                    Report(Generator.Diagnostics.UnsupportedConstruct, statement.GetLocation(), "A return statement that is not the last statement");
                    break;
                case ExpressionStatementSyntax { Expression: var expression } when IsAssignment(expression):
                    ParseAssignmentStatement(expression);
                    break;
                case ForStatementSyntax loop:
                    ParseFor(loop);
                    break;
                default:
                    Report(Generator.Diagnostics.UnsupportedConstruct, statement.GetLocation(), Describe(statement));
                    break;
            }

            MapStatements(before, statement);
        }

        if (!returns && Diagnostics.Count == 0)
        {
            // A block that does not end in 'return value;' (the compiler may also complain).
            Report(Generator.Diagnostics.UnsupportedConstruct, block.CloseBraceToken.GetLocation(), "A body that does not end with a return statement");
        }

        return outputs;
    }

    /// <summary>A statement of a loop body: local declarations, assignments and nested loops (no return).</summary>
    private void ParseLoopStatement(StatementSyntax statement)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        int before = _statements.Count;
        if (statement is not BlockSyntax && (ReportUncountedLoop(statement) || ReportScratchEscape(statement)))
        {
            return;
        }

        ParseLoopStatementCore(statement);
        MapStatements(before, statement);
    }

    private void ParseLoopStatementCore(StatementSyntax statement)
    {
        switch (statement)
        {
            case BlockSyntax block:
                foreach (StatementSyntax inner in block.Statements)
                {
                    ParseLoopStatement(inner);
                }

                break;
            case LocalDeclarationStatementSyntax declaration:
                ParseLocalDeclaration(declaration);
                break;
            case ExpressionStatementSyntax { Expression: var expression } when IsAssignment(expression):
                ParseAssignmentStatement(expression);
                break;
            case ForStatementSyntax loop:
                ParseFor(loop);
                break;
            case ReturnStatementSyntax:
                Report(Generator.Diagnostics.UnsupportedConstruct, statement.GetLocation(), "A return statement inside a loop");
                break;
            default:
                Report(Generator.Diagnostics.UnsupportedConstruct, statement.GetLocation(), Describe(statement));
                break;
        }
    }

    /// <summary>
    /// A counted loop <c>for (int j = A; j &lt; B; j++)</c> (also <c>j &lt;= B</c>, <c>++j</c>, <c>j += c</c>) with constant
    /// A, B and c &gt; 0; anything else is NODE017 at the offending part.
    /// </summary>
    private void ParseFor(ForStatementSyntax loop)
    {
        Location header = Location.Create(loop.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(loop.ForKeyword.SpanStart, loop.CloseParenToken.Span.End));
        FirstLoop ??= header;
        if (loop.Declaration is not { Variables.Count: 1 } declaration || loop.Initializers.Count > 0
            || declaration.Variables[0].Initializer is not { } initializer)
        {
            Report(Generator.Diagnostics.UnsupportedLoop, header, "This for loop does not declare exactly one int loop variable with an initial value");
            return;
        }

        if (_model.GetDeclaredSymbol(declaration.Variables[0], _cancellationToken) is not ILocalSymbol variable)
        {
            _bindingFailed = true;
            return;
        }

        if (variable.Type.SpecialType != SpecialType.System_Int32)
        {
            Report(Generator.Diagnostics.UnsupportedLoop, declaration.GetLocation(), $"The loop variable '{variable.Name}' is not an int");
            return;
        }

        int? from = IntConstant(initializer.Value, "The initial value");
        int? to = null;
        if (loop.Condition is BinaryExpressionSyntax condition
            && (condition.IsKind(SyntaxKind.LessThanExpression) || condition.IsKind(SyntaxKind.LessThanOrEqualExpression))
            && IsVariable(condition.Left, variable))
        {
            to = IntConstant(condition.Right, "The bound");
            if (to is { } bound && condition.IsKind(SyntaxKind.LessThanOrEqualExpression))
            {
                to = bound == int.MaxValue ? null : bound + 1;
            }
        }
        else
        {
            Report(
                Generator.Diagnostics.UnsupportedLoop,
                (loop.Condition ?? (SyntaxNode)loop).GetLocation(),
                $"The condition '{loop.Condition}' does not compare the loop variable '{variable.Name}' with < or <= against a bound");
        }

        int? step = loop.Incrementors.Count == 1 ? Step(loop.Incrementors[0], variable) : null;
        if (loop.Incrementors.Count != 1)
        {
            Report(Generator.Diagnostics.UnsupportedLoop, header, $"This for loop does not have exactly one increment of '{variable.Name}'");
        }

        if (from is null || to is null || step is null)
        {
            return;
        }

        if (to.Value > from.Value && (long)to.Value - 1 + step.Value > int.MaxValue)
        {
            // C# would wrap the counter past int.MaxValue and loop forever; the unrolled code would not.
            Report(Generator.Diagnostics.UnsupportedLoop, header, $"The counter of this loop overflows int after its last iteration");
            return;
        }

        int index = _loopVariables.Count;
        _loopIndex.Add(variable, index);
        _loopVariables.Add(FrameName(variable.Name));
        _statements.Add(Statement.LoopStart(index, from.Value, to.Value, step.Value));
        _loopDepth++;
        ParseLoopStatement(loop.Statement);
        _loopDepth--;
        _statements.Add(Statement.LoopEnd());
    }

    /// <summary>The step of <c>j++</c>, <c>++j</c> or <c>j += c</c> (c a positive constant); null after reporting NODE017.</summary>
    private int? Step(ExpressionSyntax incrementor, ILocalSymbol variable)
    {
        switch (incrementor)
        {
            case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) && IsVariable(postfix.Operand, variable):
            case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) && IsVariable(prefix.Operand, variable):
                return 1;
            case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.AddAssignmentExpression) && IsVariable(assignment.Left, variable):
            {
                int? step = IntConstant(assignment.Right, "The step");
                if (step is <= 0)
                {
                    Report(Generator.Diagnostics.UnsupportedLoop, assignment.Right.GetLocation(), $"The step {step.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not positive");
                    return null;
                }

                return step;
            }

            default:
                Report(Generator.Diagnostics.UnsupportedLoop, incrementor.GetLocation(), $"The increment '{incrementor}' is not {variable.Name}++, ++{variable.Name} or {variable.Name} += c");
                return null;
        }
    }

    /// <summary>The compile-time value of <paramref name="expression"/>, under <see cref="Overrides"/> when there are any.</summary>
    private Optional<object?> Constant(ExpressionSyntax expression) =>
        Overrides is null ? _model.GetConstantValue(expression, _cancellationToken) : Overrides.Value(expression, _model, _cancellationToken);

    /// <summary>The int value of a compile-time constant; null after reporting NODE017 for <paramref name="what"/>.</summary>
    private int? IntConstant(ExpressionSyntax expression, string what)
    {
        if (Constant(expression) is { HasValue: true, Value: int value })
        {
            return value;
        }

        Report(Generator.Diagnostics.UnsupportedLoop, expression.GetLocation(), $"{what} '{expression}' is not a compile-time int constant{DataDependence(expression)}");
        return null;
    }

    /// <summary>", it depends on the data ('x')" when <paramref name="expression"/> reads a parameter or a local of the method.</summary>
    private string DataDependence(ExpressionSyntax expression)
    {
        foreach (SyntaxNode node in expression.DescendantNodesAndSelf())
        {
            if (node is not IdentifierNameSyntax identifier)
            {
                continue;
            }

            ISymbol? symbol = _model.GetSymbolInfo(identifier, _cancellationToken).Symbol;
            if (symbol is ILocalSymbol loopVariable && _loopIndex.ContainsKey(loopVariable))
            {
                return $" (it depends on the loop variable '{loopVariable.Name}': a bound cannot change from one iteration of an outer loop to the next)";
            }

            if (symbol is IParameterSymbol or ILocalSymbol { IsConst: false })
            {
                return $" (it depends on '{identifier.Identifier.ValueText}', known only at run time: the number of iterations cannot depend on the data)";
            }
        }

        return "";
    }

    private bool IsVariable(ExpressionSyntax expression, ILocalSymbol variable) =>
        SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(expression, _cancellationToken).Symbol, variable);

    /// <summary>
    /// An assignment statement: to a double local of this body (=, +=, -=, *=, /=, ++, --), otherwise NODE018 (a loop
    /// variable), NODE012 (a parameter) or NODE010.
    /// </summary>
    private void ParseAssignmentStatement(ExpressionSyntax expression)
    {
        (ExpressionSyntax target, StatementKind? kind, ExpressionSyntax? value) = expression switch
        {
            AssignmentExpressionSyntax assignment => (assignment.Left, AssignmentKind(assignment), assignment.Right),
            PrefixUnaryExpressionSyntax prefix => (prefix.Operand, IncrementKind(prefix.Kind()), null),
            PostfixUnaryExpressionSyntax postfix => (postfix.Operand, IncrementKind(postfix.Kind()), null),
            _ => (expression, null, null),
        };
        if (StripParentheses(target) is ElementAccessExpressionSyntax element)
        {
            ParseStore(expression, element, kind, value);
            return;
        }

        ISymbol? symbol = _model.GetSymbolInfo(target, _cancellationToken).Symbol;
        if (symbol is ILocalSymbol refused && _refusedArrays.Contains(refused))
        {
            return;
        }

        if (symbol is ILocalSymbol scratch && _arrayIndex.ContainsKey(scratch))
        {
            Report(Generator.Diagnostics.BadScratchSpan, expression.GetLocation(), $"Assigning to the scratch span '{scratch.Name}' itself");
            return;
        }

        if (symbol is ILocalSymbol loopVariable && _loopIndex.ContainsKey(loopVariable))
        {
            Report(Generator.Diagnostics.LoopVariableAssigned, expression.GetLocation(), loopVariable.Name);
            return;
        }

        if (symbol is not ILocalSymbol local || !_localIndex.TryGetValue(local, out int variable))
        {
            if (symbol is ILocalSymbol { IsConst: false } other && !_loopIndex.ContainsKey(other) && other.Type.SpecialType != SpecialType.System_Double)
            {
                // A non-double local: its declaration is reported (NODE014).
                return;
            }

            ReportAssignment(expression);
            return;
        }

        if (kind is null)
        {
            Report(Generator.Diagnostics.UnsupportedConstruct, expression.GetLocation(), Describe(expression));
            return;
        }

        int valueId = value is null ? _graph.Constant(1.0) : ParseDouble(value);
        if (valueId >= 0)
        {
            _statements.Add(new Statement(kind.Value, variable, valueId));
        }
    }

    /// <summary>
    /// <c>h[i] op= value</c> into a scratch span, or <c>dxdt[i] = value</c> into the output (a compound assignment there
    /// reads the output: NODE031). Whether the element exists, was stored before a read and is stored once is known only
    /// per iteration: unrolling checks it.
    /// </summary>
    private void ParseStore(ExpressionSyntax expression, ElementAccessExpressionSyntax element, StatementKind? kind, ExpressionSyntax? value)
    {
        ISymbol? symbol = _model.GetSymbolInfo(element.Expression, _cancellationToken).Symbol;
        if (symbol is not null && _refusedArrays.Contains(symbol))
        {
            return;
        }

        if (symbol is IParameterSymbol input && SymbolEqualityComparer.Default.Equals(input.ContainingSymbol, _method)
            && !_arrayIndex.ContainsKey(input) && _roles[input.Ordinal].Block >= 0)
        {
            // An element of a read-only [Param(N)] or [State(N)] span (the compiler reports it too, less plainly).
            Report(Generator.Diagnostics.InputWritten, expression.GetLocation(), expression.ToString(), input.Name);
            return;
        }

        if (symbol is null || !_arrayIndex.TryGetValue(symbol, out int array))
        {
            // An element of something else.
            ReportAssignment(expression);
            return;
        }

        if (kind is null)
        {
            Report(Generator.Diagnostics.UnsupportedConstruct, expression.GetLocation(), Describe(expression));
            return;
        }

        if (_arrays[array].IsOutput && kind != StatementKind.Assign)
        {
            Report(Generator.Diagnostics.OutputRead, expression.GetLocation(), expression.ToString(), _arrays[array].Name);
            return;
        }

        SeparatedSyntaxList<ArgumentSyntax> arguments = element.ArgumentList.Arguments;
        if (arguments.Count != 1 || !arguments[0].RefKindKeyword.IsKind(SyntaxKind.None) || arguments[0].NameColon is not null)
        {
            _bindingFailed = true;
            return;
        }

        int index = ParseIndex(arguments[0].Expression);
        int valueId = value is null ? _graph.Constant(1.0) : ParseDouble(value);
        if (index < 0 || valueId < 0)
        {
            return;
        }

        _storeSyntax[_statements.Count] = element;
        _statements.Add(Statement.Store(kind.Value, array, index, valueId));
    }

    /// <summary>
    /// <c>Span&lt;double&gt; h = stackalloc double[N];</c> outside every loop, N a positive constant no larger than the
    /// unrolling cap; anything else is NODE034.
    /// </summary>
    private void ParseArrayDeclaration(VariableDeclaratorSyntax variable, ILocalSymbol local)
    {
        _refusedArrays.Add(local);
        if (!AllowsArrays || _depth > 0)
        {
            Report(Generator.Diagnostics.BadScratchSpan, variable.GetLocation(), $"The scratch span '{local.Name}' in a [Differentiable] function");
            return;
        }

        if (_loopDepth > 0)
        {
            Report(
                Generator.Diagnostics.BadScratchSpan,
                variable.GetLocation(),
                $"The scratch span '{local.Name}' is declared inside a loop (stackalloc takes new stack memory in every iteration)");
            return;
        }

        ExpressionSyntax? initializer = variable.Initializer is { } equals ? StripParentheses(equals.Value) : null;
        if (initializer is not StackAllocArrayCreationExpressionSyntax { Initializer: null, Type: ArrayTypeSyntax { RankSpecifiers: [{ Sizes: [var size] }] } arrayType }
            || _model.GetTypeInfo(arrayType.ElementType, _cancellationToken).Type is not { SpecialType: SpecialType.System_Double })
        {
            Report(
                Generator.Diagnostics.BadScratchSpan,
                (initializer ?? (SyntaxNode)variable).GetLocation(),
                $"'{local.Name}' is not initialised with stackalloc double[N]");
            return;
        }

        string? problem = Constant(size) is { HasValue: true, Value: int length }
            ? length <= 0 ? $"The length {length.ToString(System.Globalization.CultureInfo.InvariantCulture)} of '{local.Name}' is not positive"
            : length > ExpansionSize.Limit ? $"The length {length.ToString(System.Globalization.CultureInfo.InvariantCulture)} of '{local.Name}' exceeds the {ExpansionSize.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} elements the unrolled forms allow"
            : null
            : $"The length '{size}' of '{local.Name}' is not a compile-time int constant";
        if (problem is not null)
        {
            Report(Generator.Diagnostics.BadScratchSpan, size.GetLocation(), problem);
            return;
        }

        var constantLength = (int)Constant(size).Value!;
        _refusedArrays.Remove(local);
        _arrayIndex.Add(local, _arrays.Count);
        _statements.Add(Statement.DeclareArray(_arrays.Count));
        _arrays.Add(new ArrayDeclaration(FrameName(local.Name), constantLength, IsOutput: false));
    }

    private static StatementKind? AssignmentKind(AssignmentExpressionSyntax assignment) => assignment.Kind() switch
    {
        SyntaxKind.SimpleAssignmentExpression => StatementKind.Assign,
        SyntaxKind.AddAssignmentExpression => StatementKind.AddAssign,
        SyntaxKind.SubtractAssignmentExpression => StatementKind.SubtractAssign,
        SyntaxKind.MultiplyAssignmentExpression => StatementKind.MultiplyAssign,
        SyntaxKind.DivideAssignmentExpression => StatementKind.DivideAssign,
        _ => null,
    };

    private static StatementKind? IncrementKind(SyntaxKind kind) => kind switch
    {
        SyntaxKind.PreIncrementExpression or SyntaxKind.PostIncrementExpression => StatementKind.AddAssign,
        SyntaxKind.PreDecrementExpression or SyntaxKind.PostDecrementExpression => StatementKind.SubtractAssign,
        _ => null,
    };

    private void ParseLocalDeclaration(LocalDeclarationStatementSyntax declaration)
    {
        if (declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
        {
            Report(Generator.Diagnostics.UnsupportedConstruct, declaration.GetLocation(), "A using declaration");
            return;
        }

        foreach (VariableDeclaratorSyntax variable in declaration.Declaration.Variables)
        {
            if (_model.GetDeclaredSymbol(variable, _cancellationToken) is not ILocalSymbol local)
            {
                _bindingFailed = true;
                continue;
            }

            if (local.IsConst)
            {
                // Uses of a const local are compile-time constants and are read as such.
                continue;
            }

            if (IsSpanOfDouble(local.Type))
            {
                ParseArrayDeclaration(variable, local);
                continue;
            }

            if (local.Type.SpecialType != SpecialType.System_Double)
            {
                Report(
                    Generator.Diagnostics.NonDoubleExpression,
                    variable.GetLocation(),
                    variable.Identifier.ValueText,
                    local.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                continue;
            }

            if (variable.Initializer is null)
            {
                Report(Generator.Diagnostics.UnsupportedConstruct, variable.GetLocation(), $"A local without an initialiser ('{local.Name}')");
                continue;
            }

            int value = ParseDouble(variable.Initializer.Value);
            if (value < 0)
            {
                continue;
            }

            _localIndex.Add(local, _variables.Count);
            _statements.Add(new Statement(StatementKind.Declare, _variables.Count, value));
            _variables.Add(FrameName(local.Name));
        }
    }

    private int[]? ParseReturnValue(ExpressionSyntax value)
    {
        ReturnValue = value;
        value = StripParentheses(value);
        if (_method.ReturnType.SpecialType == SpecialType.System_Double)
        {
            int single = ParseDouble(value);
            return single < 0 ? null : new[] { single };
        }

        if (value is not TupleExpressionSyntax tuple)
        {
            Report(Generator.Diagnostics.UnsupportedConstruct, value.GetLocation(), "Returning something other than a tuple literal (a, b, ...)");
            return null;
        }

        if (tuple.Arguments.Count != _stateCount)
        {
            _bindingFailed = true;
            return null;
        }

        int[] outputs = new int[tuple.Arguments.Count];
        bool ok = true;
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = ParseDouble(tuple.Arguments[i].Expression);
            ok &= outputs[i] >= 0;
        }

        return ok ? outputs : null;
    }

    /// <summary>Parses a double-valued expression; returns its node id, or -1 after reporting why it is not supported.</summary>
    private int ParseDouble(ExpressionSyntax expression)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Optional<object?> constant = Constant(expression);
        if (constant.HasValue)
        {
            if (ToDouble(constant.Value) is double value)
            {
                return _graph.Constant(value);
            }

            Report(Generator.Diagnostics.NonDoubleExpression, expression.GetLocation(), expression.ToString(), TypeName(expression));
            return -1;
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return ParseDouble(parenthesized.Expression);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression) || unary.IsKind(SyntaxKind.UnaryPlusExpression):
            {
                if (!RequireDouble(expression))
                {
                    return -1;
                }

                int operand = ParseDouble(unary.Operand);
                return operand < 0 || unary.IsKind(SyntaxKind.UnaryPlusExpression)
                    ? operand
                    : _graph.Intern(Node.Unary(NodeKind.Negate, operand));
            }

            case BinaryExpressionSyntax binary when ArithmeticKind(binary) is NodeKind kind:
            {
                if (!RequireDouble(expression))
                {
                    return -1;
                }

                int left = ParseDouble(binary.Left);
                int right = ParseDouble(binary.Right);
                return left < 0 || right < 0 ? -1 : _graph.Intern(Node.Binary(kind, left, right));
            }

            case ConditionalExpressionSyntax conditional:
            {
                if (!RequireDouble(expression))
                {
                    return -1;
                }

                int condition = ParseCondition(conditional.Condition);
                int whenTrue = ParseDouble(conditional.WhenTrue);
                int whenFalse = ParseDouble(conditional.WhenFalse);
                return condition < 0 || whenTrue < 0 || whenFalse < 0
                    ? -1
                    : _graph.Intern(Node.Conditional(condition, whenTrue, whenFalse));
            }

            case InvocationExpressionSyntax invocation:
                return ParseInvocation(invocation);
            case CastExpressionSyntax cast:
                // (double)Math.Sign(x): a built-in function's result converts exactly, whatever its C# type.
                return RequireDouble(expression) && (IsBuiltinCall(cast.Expression) || RequireDouble(cast.Expression)) ? ParseDouble(cast.Expression) : -1;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return ParseName(expression);
            case CheckedExpressionSyntax @checked:
                return ParseDouble(@checked.Expression);
            case ElementAccessExpressionSyntax element when _model.GetSymbolInfo(element.Expression, _cancellationToken).Symbol is { } refused && _refusedArrays.Contains(refused):
                return -1;
            case ElementAccessExpressionSyntax element when ElementSource(element.Expression) is (NodeKind kind, int number):
                return ParseElement(element, kind, number);
            default:
                if (IsAssignment(expression))
                {
                    ReportAssignment(expression);
                }
                else
                {
                    Report(Generator.Diagnostics.UnsupportedConstruct, expression.GetLocation(), Describe(expression));
                }

                return -1;
        }
    }

    private int ParseName(ExpressionSyntax expression)
    {
        SymbolInfo info = _model.GetSymbolInfo(expression, _cancellationToken);
        ISymbol? symbol = info.Symbol;
        if (symbol is null)
        {
            if (info.CandidateSymbols.IsEmpty)
            {
                _bindingFailed = true;
                return -1;
            }

            symbol = info.CandidateSymbols[0];
        }

        switch (symbol)
        {
            case IParameterSymbol argument when TryArgument(argument, out int node):
                return node;
            case IParameterSymbol output when _arrayIndex.TryGetValue(output, out int array):
                Report(Generator.Diagnostics.OutputRead, expression.GetLocation(), expression.ToString(), _arrays[array].Name);
                return -1;
            case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method):
            {
                VariableRole role = _roles[parameter.Ordinal];
                if (role.Block >= 0)
                {
                    Report(Generator.Diagnostics.UnsupportedConstruct, expression.GetLocation(), $"Using the span '{parameter.Name}' other than by element access {parameter.Name}[i]");
                    return -1;
                }

                return _graph.Intern(Node.Leaf(role.Kind, role.Index));
            }

            case ILocalSymbol local when _localIndex.TryGetValue(local, out int index):
                return _graph.Intern(Node.Leaf(NodeKind.Local, index));
            case ILocalSymbol loopVariable when _loopIndex.TryGetValue(loopVariable, out int loop):
                return _graph.Intern(Node.Leaf(NodeKind.LoopVariable, loop));
            case ILocalSymbol scratch when _arrayIndex.ContainsKey(scratch):
                Report(Generator.Diagnostics.UnsupportedConstruct, expression.GetLocation(), $"Using the scratch span '{scratch.Name}' other than by element access {scratch.Name}[i]");
                return -1;
            case ILocalSymbol:
                // A local whose declaration was already reported (not double, no initialiser, unsupported initialiser).
                return -1;
            default:
                Report(Generator.Diagnostics.UnsupportedSymbol, expression.GetLocation(), expression.ToString(), DescribeSymbol(symbol));
                return -1;
        }
    }

    /// <summary>
    /// What <paramref name="expression"/> names, when it is a span whose elements the body reads: a [Param(N)] block
    /// (<see cref="NodeKind.Element"/>), a [State(N)] block (<see cref="NodeKind.StateElement"/>) or a scratch or output
    /// span (<see cref="NodeKind.ArrayElement"/>), with its number.
    /// </summary>
    private (NodeKind Kind, int Number)? ElementSource(ExpressionSyntax expression)
    {
        ISymbol? symbol = _model.GetSymbolInfo(expression, _cancellationToken).Symbol;
        if (symbol is not null && _arrayIndex.TryGetValue(symbol, out int array))
        {
            return (NodeKind.ArrayElement, array);
        }

        if (symbol is IParameterSymbol parameter
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method)
            && _roles[parameter.Ordinal].Block >= 0)
        {
            VariableRole role = _roles[parameter.Ordinal];
            return (role.Kind == NodeKind.State ? NodeKind.StateElement : NodeKind.Element, role.Block);
        }

        return null;
    }

    /// <summary>
    /// <c>w[index]</c> of a parameter, state or scratch span: an element node whose range (and, for a scratch span,
    /// whether it was stored first) unrolling checks. Reading the output is NODE031.
    /// </summary>
    private int ParseElement(ElementAccessExpressionSyntax element, NodeKind kind, int block)
    {
        if (kind == NodeKind.ArrayElement && _arrays[block].IsOutput)
        {
            Report(Generator.Diagnostics.OutputRead, element.GetLocation(), element.ToString(), _arrays[block].Name);
            return -1;
        }

        SeparatedSyntaxList<ArgumentSyntax> arguments = element.ArgumentList.Arguments;
        if (arguments.Count != 1 || !arguments[0].RefKindKeyword.IsKind(SyntaxKind.None) || arguments[0].NameColon is not null)
        {
            _bindingFailed = true;
            return -1;
        }

        int index = ParseIndex(arguments[0].Expression);
        if (index < 0)
        {
            return -1;
        }

        int id = _graph.Intern(new Node(kind, index, block, 0, 0));
        if (!_elementSyntax.ContainsKey(id))
        {
            _elementSyntax.Add(id, element);
        }

        return id;
    }

    /// <summary>An index: int constants, loop variables, + - * and parentheses; anything else is NODE020 where it is.</summary>
    private int ParseIndex(ExpressionSyntax expression)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Optional<object?> constant = Constant(expression);
        if (constant is { HasValue: true, Value: int value })
        {
            return _graph.Constant(value);
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return ParseIndex(parenthesized.Expression);
            case IdentifierNameSyntax when _model.GetSymbolInfo(expression, _cancellationToken).Symbol is ILocalSymbol local
                && _loopIndex.TryGetValue(local, out int loop):
                return _graph.Intern(Node.Leaf(NodeKind.LoopVariable, loop));
            case BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression:
            {
                int left = ParseIndex(binary.Left);
                int right = ParseIndex(binary.Right);
                return left < 0 || right < 0 ? -1 : _graph.Intern(Node.Binary(ArithmeticKind(binary)!.Value, left, right));
            }

            default:
                if (_model.GetTypeInfo(expression, _cancellationToken).Type is null or IErrorTypeSymbol)
                {
                    _bindingFailed = true;
                    return -1;
                }

                Report(Generator.Diagnostics.BadIndex, expression.GetLocation(), $"Index '{expression}' is not a compile-time constant");
                return -1;
        }
    }

    private int ParseInvocation(InvocationExpressionSyntax invocation)
    {
        SymbolInfo info = _model.GetSymbolInfo(invocation, _cancellationToken);
        if (info.Symbol is not IMethodSymbol method)
        {
            if (info.CandidateSymbols.IsEmpty && _model.GetSymbolInfo(invocation.Expression, _cancellationToken).Symbol is { } target and not IMethodSymbol)
            {
                // Invoking a delegate-typed local, parameter, field or property.
                Report(Generator.Diagnostics.UnsupportedConstruct, invocation.GetLocation(), $"Invoking '{invocation.Expression}' (a delegate or lambda)");
            }
            else
            {
                _bindingFailed = true;
            }

            return -1;
        }

        // A hand-written derivative takes precedence over [Differentiable] (the function's body is not read).
        if (CustomDerivatives.DerivativeOf(method.OriginalDefinition) is { } derivative)
        {
            return ParseCustomCall(invocation, method, derivative);
        }

        if (UserFunctions.IsDifferentiable(method))
        {
            return ParseUserCall(invocation, method);
        }

        // A built-in function is a row of the function table (Math.Sign's int result converts to double exactly).
        BuiltinFunction? function = BuiltinCall(method);
        if (method.ReturnType.SpecialType != SpecialType.System_Double && function is null)
        {
            Report(Generator.Diagnostics.NonDoubleExpression, invocation.GetLocation(), invocation.ToString(), TypeName(invocation));
            return -1;
        }

        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            Report(Generator.Diagnostics.UnsupportedConstruct, invocation.GetLocation(), $"Invoking '{invocation.Expression}' (a delegate or lambda)");
            return -1;
        }

        if (function is null)
        {
            Report(
                Generator.Diagnostics.UnsupportedMethod,
                invocation.GetLocation(),
                method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                Functions.SupportedList);
            return -1;
        }

        // Map arguments to parameters (named arguments may come in any order).
        int[] operands = new int[method.Parameters.Length];
        SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count != operands.Length)
        {
            _bindingFailed = true;
            return -1;
        }

        bool ok = true;
        for (int i = 0; i < arguments.Count; i++)
        {
            ArgumentSyntax argument = arguments[i];
            int ordinal = i;
            if (argument.NameColon is { } nameColon)
            {
                ordinal = -1;
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    if (parameter.Name == nameColon.Name.Identifier.ValueText)
                    {
                        ordinal = parameter.Ordinal;
                    }
                }
            }

            if (ordinal < 0 || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                Report(Generator.Diagnostics.UnsupportedConstruct, argument.GetLocation(), "This argument form");
                return -1;
            }

            operands[ordinal] = ParseDouble(argument.Expression);
            ok &= operands[ordinal] >= 0;
        }

        if (!ok)
        {
            return -1;
        }

        return _graph.Intern(Node.Call(
            function, operands[0], operands.Length > 1 ? operands[1] : 0, operands.Length > 2 ? operands[2] : 0));
    }

    /// <summary>Parses a condition of a conditional operator; returns its node id, or -1.</summary>
    private int ParseCondition(ExpressionSyntax expression)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Optional<object?> constant = Constant(expression);
        if (constant is { HasValue: true, Value: bool value })
        {
            return _graph.Intern(Node.Leaf(NodeKind.BoolConstant, value ? 1 : 0));
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return ParseCondition(parenthesized.Expression);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
            {
                int operand = ParseCondition(unary.Operand);
                return operand < 0 ? -1 : _graph.Intern(Node.Unary(NodeKind.Not, operand));
            }

            case BinaryExpressionSyntax binary when ConditionKind(binary) is NodeKind kind:
            {
                bool logical = kind is NodeKind.And or NodeKind.Or;
                if (!logical && !(RequireDouble(binary.Left) & RequireDouble(binary.Right)))
                {
                    return -1;
                }

                int left = logical ? ParseCondition(binary.Left) : ParseDouble(binary.Left);
                int right = logical ? ParseCondition(binary.Right) : ParseDouble(binary.Right);
                return left < 0 || right < 0 ? -1 : _graph.Intern(Node.Binary(kind, left, right));
            }

            case IdentifierNameSyntax when _model.GetSymbolInfo(expression, _cancellationToken).Symbol is ILocalSymbol { IsConst: false }:
                // A bool local: its declaration is already reported (NODE014).
                return -1;
            case IdentifierNameSyntax when _model.GetTypeInfo(expression, _cancellationToken).Type is { SpecialType: SpecialType.System_Boolean }:
                Report(Generator.Diagnostics.NonDoubleExpression, expression.GetLocation(), expression.ToString(), "bool");
                return -1;
            default:
                if (IsAssignment(expression))
                {
                    ReportAssignment(expression);
                }
                else
                {
                    Report(Generator.Diagnostics.UnsupportedConstruct, expression.GetLocation(), Describe(expression) + " used as a condition");
                }

                return -1;
        }
    }

    private bool IsBuiltinCall(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax
        && _model.GetSymbolInfo(expression, _cancellationToken).Symbol is IMethodSymbol method
        && BuiltinCall(method) is not null;

    /// <summary>The row of <see cref="Functions"/> that <paramref name="method"/> is (<c>System.Math</c>, all parameters double), or null.</summary>
    private static BuiltinFunction? BuiltinCall(IMethodSymbol method)
    {
        if (method.ContainingType?.ToDisplayString() != "System.Math"
            || Functions.Find(method.Name, method.Parameters.Length) is not { } function)
        {
            return null;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType != SpecialType.System_Double)
            {
                return null;
            }
        }

        return function;
    }

    private bool RequireDouble(ExpressionSyntax expression)
    {
        TypeInfo type = _model.GetTypeInfo(expression, _cancellationToken);
        if (type.Type is null or IErrorTypeSymbol)
        {
            _bindingFailed = true;
            return false;
        }

        if (type.Type.SpecialType == SpecialType.System_Double || Constant(expression).HasValue)
        {
            return true;
        }

        // Report the innermost offending operand, not the whole expression, where the problem is a variable.
        Report(Generator.Diagnostics.NonDoubleExpression, expression.GetLocation(), expression.ToString(), TypeName(expression));
        return false;
    }

    private string TypeName(ExpressionSyntax expression) =>
        _model.GetTypeInfo(expression, _cancellationToken).Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "?";

    private static NodeKind? ArithmeticKind(BinaryExpressionSyntax binary) => binary.Kind() switch
    {
        SyntaxKind.AddExpression => NodeKind.Add,
        SyntaxKind.SubtractExpression => NodeKind.Subtract,
        SyntaxKind.MultiplyExpression => NodeKind.Multiply,
        SyntaxKind.DivideExpression => NodeKind.Divide,
        _ => null,
    };

    private static NodeKind? ConditionKind(BinaryExpressionSyntax binary) => binary.Kind() switch
    {
        SyntaxKind.LessThanExpression => NodeKind.Less,
        SyntaxKind.LessThanOrEqualExpression => NodeKind.LessOrEqual,
        SyntaxKind.GreaterThanExpression => NodeKind.Greater,
        SyntaxKind.GreaterThanOrEqualExpression => NodeKind.GreaterOrEqual,
        SyntaxKind.EqualsExpression => NodeKind.Equal,
        SyntaxKind.NotEqualsExpression => NodeKind.NotEqual,
        SyntaxKind.LogicalAndExpression => NodeKind.And,
        SyntaxKind.LogicalOrExpression => NodeKind.Or,
        _ => null,
    };

    private static double? ToDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui => ui,
        ulong ul => ul,
        char c => c,
        decimal m => (double)m,
        _ => null,
    };

    private static ExpressionSyntax StripParentheses(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    /// <summary>A <c>System.Span&lt;double&gt;</c> (a scratch span's type).</summary>
    private static bool IsSpanOfDouble(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Span", TypeArguments: [{ SpecialType: SpecialType.System_Double }] } span
        && span.ContainingNamespace?.ToDisplayString() == "System";

    private static bool IsAssignment(ExpressionSyntax expression) =>
        expression is AssignmentExpressionSyntax
        || expression.IsKind(SyntaxKind.PreIncrementExpression) || expression.IsKind(SyntaxKind.PreDecrementExpression)
        || expression.IsKind(SyntaxKind.PostIncrementExpression) || expression.IsKind(SyntaxKind.PostDecrementExpression);

    private void ReportAssignment(ExpressionSyntax expression)
    {
        ExpressionSyntax target = expression switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left,
            PrefixUnaryExpressionSyntax prefix => prefix.Operand,
            PostfixUnaryExpressionSyntax postfix => postfix.Operand,
            _ => expression,
        };
        ISymbol? symbol = _model.GetSymbolInfo(target, _cancellationToken).Symbol;
        if (symbol is ILocalSymbol || symbol is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method))
        {
            Report(Generator.Diagnostics.Reassignment, expression.GetLocation(), target.ToString());
        }
        else
        {
            Report(Generator.Diagnostics.UnsupportedConstruct, expression.GetLocation(), $"Assigning to '{target}'");
        }
    }

    private static string DescribeSymbol(ISymbol symbol) => symbol switch
    {
        IFieldSymbol { IsConst: true } => "const field that is not a number",
        IFieldSymbol { IsStatic: true } => "non-const static field",
        IFieldSymbol => "instance field",
        IPropertySymbol => "property",
        IMethodSymbol { MethodKind: MethodKind.LocalFunction } => "local function",
        IMethodSymbol => "method group",
        IParameterSymbol => "parameter of another method",
        ILocalSymbol => "local of another scope",
        IEventSymbol => "event",
        ITypeSymbol => "type",
        INamespaceSymbol => "namespace",
        _ => symbol.Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A readable name for an unsupported statement or expression, e.g. "A for loop".</summary>
    private static string Describe(SyntaxNode node) => node switch
    {
        ForStatementSyntax => "A for loop",
        ForEachStatementSyntax => "A foreach loop",
        WhileStatementSyntax => "A while loop",
        DoStatementSyntax => "A do loop",
        IfStatementSyntax => "An if statement (use the conditional operator c ? a : b)",
        SwitchStatementSyntax => "A switch statement",
        LocalFunctionStatementSyntax => "A local function",
        ExpressionStatementSyntax => "An expression statement",
        TryStatementSyntax => "A try statement",
        ThrowStatementSyntax => "A throw statement",
        LocalDeclarationStatementSyntax => "A local declaration after the return",
        BlockSyntax => "A nested block",
        LambdaExpressionSyntax or AnonymousMethodExpressionSyntax => "A lambda",
        BaseObjectCreationExpressionSyntax => "Object creation (new)",
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => "A string",
        InterpolatedStringExpressionSyntax => "A string",
        LiteralExpressionSyntax => $"The literal '{node}'",
        SwitchExpressionSyntax => "A switch expression",
        IsPatternExpressionSyntax => "A pattern match (is)",
        ThrowExpressionSyntax => "A throw expression",
        ElementAccessExpressionSyntax => "Element access",
        TupleExpressionSyntax => "A tuple",
        BinaryExpressionSyntax binary => $"The operator '{binary.OperatorToken.ValueText}'",
        PrefixUnaryExpressionSyntax prefix => $"The operator '{prefix.OperatorToken.ValueText}'",
        PostfixUnaryExpressionSyntax postfix => $"The operator '{postfix.OperatorToken.ValueText}'",
        _ => $"'{node}' ({SplitWords(node.Kind().ToString())})",
    };

    private static string SplitWords(string kind)
    {
        var builder = new System.Text.StringBuilder();
        foreach (char c in kind)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments)
    {
        if (!SwallowInCallee())
        {
            Diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(location), arguments));
        }
    }
}
