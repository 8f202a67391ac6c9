using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NeuralOdeGen.Generator.Analysis;
using NeuralOdeGen.Generator.Emit;
using NeuralOdeGen.Generator.Model;
using NeuralOdeGen.Generator.Parsing;

namespace NeuralOdeGen.Generator;

/// <summary>
/// Makes every type with a <c>[Dynamics]</c> method implement <c>IOdeModel&lt;TSelf&gt;</c>: parse each method into an
/// equatable model (with its diagnostics), analyse each valid model once (differentiate and simplify, or refuse it as
/// too large), then print one file per analysed model.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DynamicsGenerator : IIncrementalGenerator
{
    /// <summary>The build property (<c>&lt;NeuralOdeGenKeepLoops&gt;true&lt;/NeuralOdeGenKeepLoops&gt;</c>, made compiler-visible) that keeps loops.</summary>
    public const string KeepLoopsProperty = "build_property.NeuralOdeGenKeepLoops";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Parse: symbols and syntax to an equatable model, plus where it sits (for the analysis's diagnostics).
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DynamicsParser.DynamicsAttributeName,
                static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                static (attributeContext, cancellationToken) => DynamicsParser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(
            parsed.SelectMany(static (result, _) => result.Diagnostics),
            static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        // Analyze: from the model alone (no locations), so moving a method does not differentiate it again.
        // The NeuralOdeGenKeepLoops build property keeps the loops of every body the loop path supports (by default only
        // of those too large to unroll).
        IncrementalValueProvider<bool> keepLoops = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(KeepLoopsProperty, out string? value)
                && string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase));
        IncrementalValuesProvider<AnalysisResult> analyzed = parsed
            .SelectMany(static (result, _) => result.Models())
            .Combine(keepLoops)
            .Select(static (pair, cancellationToken) => ModelAnalyzer.Analyze(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Analyze);
        IncrementalValueProvider<ImmutableArray<ModelSite>> sites = parsed
            .SelectMany(static (result, _) => result.Sites())
            .Collect();
        context.RegisterSourceOutput(
            analyzed.Where(static result => result.Failure is not null).Combine(sites),
            static (output, pair) => output.ReportDiagnostic(ModelAnalyzer.Diagnose(pair.Left, pair.Right).ToDiagnostic()));

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

        // [DerivativeOf] methods: each checked once on its own (its target, its signature, a second derivative of one function).
        IncrementalValuesProvider<DiagnosticInfo> derivativeDiagnostics = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CustomDerivatives.DerivativeOfAttributeName,
                static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                static (attributeContext, cancellationToken) => CustomDerivatives.Check(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Derivatives)
            .SelectMany(static (found, _) => found);
        context.RegisterSourceOutput(derivativeDiagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        // [Event] methods are read with their model (part of its spec); each is also checked once on its own, so that one
        // no model reads (in a type without [Dynamics], or a local function) is reported.
        IncrementalValuesProvider<DiagnosticInfo> eventDiagnostics = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                EventParser.EventAttributeName,
                static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                static (attributeContext, cancellationToken) => EventParser.Check(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Events)
            .SelectMany(static (found, _) => found);
        context.RegisterSourceOutput(eventDiagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        // Emit: print the analysed model.
        IncrementalValuesProvider<EmitResult> emitted = analyzed
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
