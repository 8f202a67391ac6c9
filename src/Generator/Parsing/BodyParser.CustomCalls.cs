using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Parsing;

/// <summary>
/// Calls to functions with a hand-written derivative (<c>[DerivativeOf]</c>): one opaque <see cref="NodeKind.CustomCall"/>
/// node over the parsed arguments, and a row of the model's <see cref="CustomFunctions"/> table (the C# names of the
/// function and of its derivative method) the first time the model calls the function.
/// </summary>
internal sealed partial class BodyParser
{
    private readonly List<CustomFunction> _customFunctions = [];
    private readonly Dictionary<IMethodSymbol, int> _customIndex = new(SymbolEqualityComparer.Default);

    /// <summary>The functions with hand-written derivatives the body calls, in the order of their first call.</summary>
    public EquatableArray<CustomFunction> CustomFunctions => new(_customFunctions.ToArray());

    /// <summary>A call to a function with a derivative method: its node, or -1.</summary>
    private int ParseCustomCall(InvocationExpressionSyntax invocation, IMethodSymbol method, IMethodSymbol derivative)
    {
        IMethodSymbol function = method.OriginalDefinition;
        if (!CustomDerivatives.IsUsable(function, derivative))
        {
            // NODE025–NODE027 are reported once, at the derivative method, by its own check.
            _bindingFailed = true;
            return -1;
        }

        // The generated members call both methods from the model's type.
        INamedTypeSymbol modelType = (_callStack is { Count: > 0 } stack ? stack[0] : _method).ContainingType;
        if (!_model.Compilation.IsSymbolAccessibleWithin(function, modelType) || !_model.Compilation.IsSymbolAccessibleWithin(derivative, modelType))
        {
            if (!SwallowInCallee())
            {
                Report(
                    Generator.Diagnostics.UnsupportedConstruct,
                    invocation.GetLocation(),
                    $"A call to '{function.Name}', whose function or derivative method '{derivative.Name}' the model's type '{modelType.Name}' cannot access (make both internal or public)");
            }

            return -1;
        }

        int[]? arguments = ParseArguments(invocation, function);
        if (arguments is null)
        {
            return -1;
        }

        if (!_customIndex.TryGetValue(function, out int index))
        {
            string owner = function.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            string sympy = "user_" + function.Name;
            for (int n = 2; _customFunctions.Exists(f => f.SymPyName == sympy); n++)
            {
                sympy = "user_" + function.Name + "_" + n.ToString(CultureInfo.InvariantCulture);
            }

            index = _customFunctions.Count;
            _customFunctions.Add(new CustomFunction(
                function.Name,
                owner + "." + Emit.Identifiers.Escape(function.Name),
                owner + "." + Emit.Identifiers.Escape(derivative.Name),
                function.Parameters.Length,
                sympy));
            _customIndex.Add(function, index);
        }

        int arity = function.Parameters.Length;
        return _graph.Intern(Node.Custom(index, 0, arity, arguments[0], arity > 1 ? arguments[1] : 0, arity > 2 ? arguments[2] : 0));
    }
}
