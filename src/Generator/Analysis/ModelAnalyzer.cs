using System;
using System.Collections.Generic;
using System.Threading;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Analysis;

/// <summary>
/// The analysis stage: lowers a parsed model, checks that its symbolic forms fit, differentiates and simplifies it once,
/// and hands the emitter an equatable <see cref="AnalyzedModel"/> to print. Never throws (an exception becomes a
/// <see cref="AnalysisFailure"/>, reported as NODE999).
/// </summary>
internal static class ModelAnalyzer
{
    public static AnalysisResult Analyze(ModelSpec model, CancellationToken cancellationToken) => Analyze(model, keepLoops: false, cancellationToken);

    /// <summary>
    /// Analyses <paramref name="model"/>: on the loop path when its loops must be kept (<see cref="ModelSpec.KeepsLoops"/>,
    /// or its symbolic forms exceed the cap) or may be (<paramref name="keepLoops"/>, the <c>NeuralOdeGenKeepLoops</c>
    /// build property) and <see cref="LoopAnalyzer"/> supports the body; otherwise on the unrolled, symbolic path.
    /// </summary>
    public static AnalysisResult Analyze(ModelSpec model, bool keepLoops, CancellationToken cancellationToken)
    {
        try
        {
            AnalysisResult result = model.KeepsLoops || (keepLoops && !model.IsSymbolicCheck && HasLoops(model.Body.Program) && LoopAnalyzer.Unsupported(model) is null)
                ? Loops(model)
                : AnalyzeCore(model, cancellationToken);
            return EventAnalyzer.Attach(result, model, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException)
        {
            return new AnalysisResult(model.HintName, null, new AnalysisFailure(AnalysisFailureKind.TooDeep));
        }
        catch (Exception exception)
        {
            return new AnalysisResult(
                model.HintName,
                null,
                new AnalysisFailure(AnalysisFailureKind.InternalError, exception.GetType().FullName ?? exception.GetType().Name, exception.Message));
        }
    }

    private static AnalysisResult AnalyzeCore(ModelSpec model, CancellationToken cancellationToken)
    {
        var simplifier = new Simplifier(new ExprGraph());
        int[] rightHandSide = Lowering.Lower(model.Body, simplifier);

        // The right-hand side alone first: a network too wide for the cap fails here, before differentiating it.
        if (ExpansionSize.Largest(simplifier.Graph, rightHandSide) > ExpansionSize.Limit)
        {
            return TooLarge(model);
        }

        cancellationToken.ThrowIfCancellationRequested();
        SymbolicModel symbolic = SymbolicModel.Differentiate(simplifier, rightHandSide, model.Parameters.Count);
        if (!ExpansionSize.Fits(symbolic))
        {
            return TooLarge(model);
        }

        cancellationToken.ThrowIfCancellationRequested();
        int jacobianGraphSize = symbolic.Graph.Count;
        int[] vectorJacobianProduct = symbolic.VectorJacobianProduct();
        int[] jacobianVectorProduct = symbolic.JacobianVectorProduct();
        var analyzed = new AnalyzedModel(
            model,
            symbolic.Graph.ToArray(),
            Ids(symbolic.RightHandSide),
            Ids(symbolic.StateJacobian),
            Ids(symbolic.ParameterJacobian),
            Ids(vectorJacobianProduct),
            Ids(jacobianVectorProduct),
            jacobianGraphSize);
        return new AnalysisResult(model.HintName, analyzed, null);
    }

    /// <summary>
    /// The diagnostic of a failed analysis at its model's site: the site with the analysis's hint name among
    /// <paramref name="sites"/> (every valid model's, collected from the parse results).
    /// </summary>
    public static DiagnosticInfo Diagnose(AnalysisResult result, IReadOnlyList<ModelSite> sites)
    {
        ModelSite? site = null;
        foreach (ModelSite candidate in sites)
        {
            if (string.Equals(candidate.HintName, result.HintName, StringComparison.Ordinal))
            {
                site = candidate;
                break;
            }
        }

        return (result.Failure ?? new AnalysisFailure(AnalysisFailureKind.InternalError, "", "An analysis without a failure was diagnosed.")).ToDiagnostic(site);
    }

    private static AnalysisResult TooLarge(ModelSpec model) =>
        HasLoops(model.Body.Program) && LoopAnalyzer.Unsupported(model) is null
            ? Loops(model)
            : new(model.HintName, null, new AnalysisFailure(AnalysisFailureKind.TooLarge));

    /// <summary>The loop path: no symbolic forms, the program and its partial derivatives.</summary>
    private static AnalysisResult Loops(ModelSpec model)
    {
        var none = EquatableArray<int>.Empty;
        var analyzed = new AnalyzedModel(model, EquatableArray<Node>.Empty, none, none, none, none, none, 0)
        {
            Loops = LoopAnalyzer.Analyze(model.Body.Program),
        };
        return new AnalysisResult(model.HintName, analyzed, null);
    }

    private static bool HasLoops(BodyProgram program)
    {
        foreach (Statement statement in program.Statements)
        {
            if (statement.Kind == StatementKind.LoopStart)
            {
                return true;
            }
        }

        return false;
    }

    private static EquatableArray<int> Ids(int[] ids) => new(ids);
}
