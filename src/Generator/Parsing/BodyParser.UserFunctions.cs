using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// Calls to <c>[Differentiable]</c> user functions, inlined at parse time: the arguments are parsed in the caller, then
/// the callee's body is parsed in a frame of its own (its semantic model, its parameters bound to the argument nodes,
/// its locals renamed apart) into the same hash-consed graph and statement list. Everything after parsing (unrolling,
/// the symbolic derivatives, the dual-number body, the lanes, the SymPy forms) sees ordinary nodes.
/// </summary>
/// <remarks>
/// A diagnostic belongs to the body that contains its node: inside a callee's frame nothing is reported (the callee's
/// own check, <see cref="UserFunctions.Check"/>, reports it at the function), the parse only fails. A call that closes
/// a cycle back to the method being parsed is reported at that method's own call (NODE024).
/// </remarks>
internal sealed partial class BodyParser
{
    /// <summary>Most user-function bodies one model inlines (a function that calls another twice, nested, doubles per level).</summary>
    internal const int MaxInlinedCalls = 4096;

    // The current callee frame: its depth (0 is the method being parsed), its parameters' argument nodes.
    private int _depth;
    private int[]? _arguments;

    // The methods being inlined, outermost (the method being parsed) first.
    private List<IMethodSymbol>? _callStack;
    private SemanticModel? _rootModel;
    private Dictionary<SyntaxTree, SemanticModel>? _semanticModels;
    private HashSet<string>? _takenNames;
    private Dictionary<IMethodSymbol, Dictionary<EquatableArray<int>, int>>? _inlined;
    private int _inlinedCalls;

    // Found inside a callee: a cycle back to the outermost method (its path), or too many inlined bodies.
    private string? _cycleToRoot;
    private bool _inlineLimitHit;

    /// <summary>A call to a <c>[Differentiable]</c> method: the node of its inlined body, or -1.</summary>
    private int ParseUserCall(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        string display = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        if (UserFunctions.MissingSource(method, _model.Compilation) is { } missing)
        {
            Report(Generator.Diagnostics.FunctionWithoutSource, invocation.GetLocation(), display, missing);
            return -1;
        }

        MethodDeclarationSyntax? declaration = UserFunctions.Declaration(method, _cancellationToken);
        if (declaration is null || UserFunctions.SignatureProblems(method, _cancellationToken).Count > 0)
        {
            // NODE022 is reported once, at the function, by its own check.
            _bindingFailed = true;
            return -1;
        }

        IMethodSymbol callee = UserFunctions.BodySymbol(method);
        _callStack ??= [UserFunctions.BodySymbol(_method)];
        _rootModel ??= _model;
        int onStack = _callStack.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, callee));
        if (onStack >= 0)
        {
            string path = string.Join(" → ", _callStack.Skip(onStack).Select(static m => m.Name).Append(callee.Name));
            if (_depth == 0)
            {
                Report(Generator.Diagnostics.RecursiveFunction, invocation.GetLocation(), display, path);
            }
            else
            {
                _cycleToRoot ??= onStack == 0 ? path : null;
                _bindingFailed = true;
            }

            return -1;
        }

        int[]? arguments = ParseArguments(invocation, method);
        if (arguments is null)
        {
            return -1;
        }

        // A body that added no statements is a pure function of its argument nodes: parsing it again gives the same node.
        _inlined ??= new Dictionary<IMethodSymbol, Dictionary<EquatableArray<int>, int>>(SymbolEqualityComparer.Default);
        if (!_inlined.TryGetValue(callee, out Dictionary<EquatableArray<int>, int>? byArguments))
        {
            byArguments = new Dictionary<EquatableArray<int>, int>();
            _inlined.Add(callee, byArguments);
        }

        var key = new EquatableArray<int>(arguments);
        if (byArguments.TryGetValue(key, out int known))
        {
            return known;
        }

        if (++_inlinedCalls > MaxInlinedCalls)
        {
            _inlineLimitHit = true;
        }

        int statementsBefore = _statements.Count;
        int result = _inlineLimitHit ? -1 : InlineBody(declaration, callee, arguments);
        if (result >= 0 && _statements.Count == statementsBefore)
        {
            byArguments.Add(key, result);
        }

        if (_depth > 0)
        {
            _bindingFailed |= _inlineLimitHit;
            return result;
        }

        if (_inlineLimitHit)
        {
            _inlineLimitHit = false;
            Report(
                Generator.Diagnostics.UnsupportedConstruct,
                invocation.GetLocation(),
                $"Calls to [Differentiable] functions that inline more than {MaxInlinedCalls.ToString(CultureInfo.InvariantCulture)} function bodies into one method");
            return -1;
        }

        if (_cycleToRoot is { } cycle)
        {
            _cycleToRoot = null;
            Report(Generator.Diagnostics.RecursiveFunction, invocation.GetLocation(), display, cycle);
            return -1;
        }

        return result;
    }

    /// <summary>Parses the callee's body in a frame of its own and returns its value's node (or -1).</summary>
    private int InlineBody(MethodDeclarationSyntax declaration, IMethodSymbol callee, int[] arguments)
    {
        _takenNames ??= RootNames();
        (SemanticModel Model, IMethodSymbol Method, VariableRole[] Roles, int[]? Arguments, Dictionary<ISymbol, int> Locals, Dictionary<ISymbol, int> Loops, ExpressionSyntax? ReturnValue, Location? FirstLoop) saved =
            (_model, _method, _roles, _arguments, _localIndex, _loopIndex, ReturnValue, FirstLoop);
        _model = SemanticModelOf(declaration.SyntaxTree);
        _method = callee;
        _roles = Enumerable.Repeat(new VariableRole(NodeKind.Constant, 0), callee.Parameters.Length).ToArray();
        _arguments = arguments;
        _localIndex = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
        _loopIndex = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
        _callStack!.Add(callee);
        _depth++;
        try
        {
            if (declaration.ExpressionBody is { } arrow)
            {
                return ParseDouble(arrow.Expression);
            }

            int[]? outputs = ParseBlock(declaration.Body!);
            return outputs is [int value] ? value : -1;
        }
        finally
        {
            _depth--;
            _callStack.RemoveAt(_callStack.Count - 1);
            (_model, _method, _roles, _arguments, _localIndex, _loopIndex, ReturnValue, FirstLoop) = saved;
        }
    }

    /// <summary>The callee's parameters mapped to the parsed argument nodes, in the caller's frame; null after a failure.</summary>
    private int[]? ParseArguments(InvocationExpressionSyntax invocation, IMethodSymbol method)
    {
        int[] operands = new int[method.Parameters.Length];
        SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
        if (arguments.Count != operands.Length)
        {
            // Omitted (default) or params arguments: the signature check reports the function.
            _bindingFailed = true;
            return null;
        }

        bool ok = true;
        for (int i = 0; i < arguments.Count; i++)
        {
            ArgumentSyntax argument = arguments[i];
            IParameterSymbol? parameter = argument.NameColon is { } nameColon
                ? method.Parameters.FirstOrDefault(p => p.Name == nameColon.Name.Identifier.ValueText)
                : method.Parameters[i];
            if (parameter is null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                Report(Generator.Diagnostics.UnsupportedConstruct, argument.GetLocation(), "This argument form");
                return null;
            }

            operands[parameter.Ordinal] = ParseDouble(argument.Expression);
            ok &= operands[parameter.Ordinal] >= 0;
        }

        return ok ? operands : null;
    }

    /// <summary>The node a callee's parameter stands for, when <paramref name="parameter"/> is one in the current frame.</summary>
    private bool TryArgument(IParameterSymbol parameter, out int node)
    {
        node = -1;
        if (_arguments is null || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method))
        {
            return false;
        }

        node = _arguments[parameter.Ordinal];
        return true;
    }

    /// <summary>
    /// The name of a local or loop variable declared in the current frame: as written in the method being parsed,
    /// <c>{name}_{Function}</c> (then <c>_2</c>, <c>_3</c>, …) in an inlined body, apart from every name of that method.
    /// </summary>
    private string FrameName(string name)
    {
        if (_depth == 0)
        {
            return name;
        }

        string preferred = name + "_" + _method.Name;
        string unique = preferred;
        for (int n = 2; !_takenNames!.Add(unique); n++)
        {
            unique = preferred + "_" + n.ToString(CultureInfo.InvariantCulture);
        }

        return unique;
    }

    /// <summary>Inside a callee's frame a diagnostic is the callee's own (reported by its check): fail without it.</summary>
    private bool SwallowInCallee()
    {
        if (_depth == 0)
        {
            return false;
        }

        _bindingFailed = true;
        return true;
    }

    private SemanticModel SemanticModelOf(SyntaxTree tree)
    {
        _semanticModels ??= new Dictionary<SyntaxTree, SemanticModel> { [_rootModel!.SyntaxTree] = _rootModel! };
        if (!_semanticModels.TryGetValue(tree, out SemanticModel? model))
        {
            model = _rootModel!.Compilation.GetSemanticModel(tree);
            _semanticModels.Add(tree, model);
        }

        return model;
    }

    /// <summary>Every identifier in the method being parsed (its parameters and locals, even those not parsed yet).</summary>
    private HashSet<string> RootNames()
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (SyntaxReference reference in _callStack![0].DeclaringSyntaxReferences)
        {
            foreach (SyntaxToken token in reference.GetSyntax(_cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    names.Add(token.ValueText);
                }
            }
        }

        return names;
    }
}
