using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuralOdeGen.Generator.Emit;
using NeuralOdeGen.Generator.Model;
using NeuralOdeGen.Generator.Parsing;

namespace NeuralOdeGen.Generator;

/// <summary>
/// Makes every type with a <c>[Dynamics]</c> method implement <c>IOdeModel&lt;TSelf&gt;</c>: parse each method into an
/// equatable model (with its diagnostics), then emit one file per valid model.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DynamicsGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DynamicsParser.DynamicsAttributeName,
                static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                static (attributeContext, cancellationToken) => DynamicsParser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Models);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        // [Differentiable] functions are inlined into the models that call them; each is also checked once on its own,
        // so that an error inside one is reported at the function, once, however many models call it.
        IncrementalValuesProvider<DiagnosticInfo> functionDiagnostics = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                UserFunctions.DifferentiableAttributeName,
                static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                static (attributeContext, cancellationToken) => UserFunctions.Check(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Functions)
            .SelectMany(static (found, _) => found);
        context.RegisterSourceOutput(functionDiagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        IncrementalValuesProvider<EmitResult> emitted = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, cancellationToken) => ModelEmitter.Emit(result.Model!, cancellationToken))
            .WithTrackingName(TrackingNames.Emit);
        context.RegisterSourceOutput(emitted, static (output, result) =>
        {
            if (result.Source is not null)
            {
                output.AddSource(result.HintName, result.Source);
            }
            else if (result.Error is not null)
            {
                output.ReportDiagnostic(result.Error.ToDiagnostic());
            }
        });
    }
}
