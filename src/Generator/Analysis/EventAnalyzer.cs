using System.Collections.Generic;
using System.Threading;
using NeuralOdeGen.Generator.Ir;
using NeuralOdeGen.Generator.Model;

namespace NeuralOdeGen.Generator.Analysis;

/// <summary>
/// Differentiates a model's events (<see cref="ModelSpec.Events"/>) with the machinery of the right-hand side: lowering,
/// the <see cref="Simplifier"/>, <see cref="SymbolicModel"/> for the state and parameter derivatives, and a
/// <see cref="Differentiator"/> with respect to the time leaf for ∂/∂t. Events are always analysed symbolically, also
/// for a model whose right-hand side keeps its loops (their bodies are unrolled by the parser).
/// </summary>
internal static class EventAnalyzer
{
    /// <summary>
    /// Adds the analysed events to a successful <paramref name="result"/> of a model with events; a model whose event
    /// forms exceed <see cref="ExpansionSize.Limit"/> fails as too large.
    /// </summary>
    public static AnalysisResult Attach(AnalysisResult result, ModelSpec model, CancellationToken cancellationToken)
    {
        if (model.Events.Count == 0 || result.Model is null)
        {
            return result;
        }

        AnalyzedEvents? events = Analyze(model, cancellationToken);
        return events is null
            ? new AnalysisResult(model.HintName, null, new AnalysisFailure(AnalysisFailureKind.TooLarge))
            : result with { Model = result.Model with { Events = events } };
    }

    /// <summary>The events' derivative program, or null when a symbolic form would exceed the cap.</summary>
    public static AnalyzedEvents? Analyze(ModelSpec model, CancellationToken cancellationToken)
    {
        int n = model.States.Count;
        int m = model.Parameters.Count;
        var simplifier = new Simplifier(new ExprGraph());
        ExprGraph graph = simplifier.Graph;
        int time = simplifier.Leaf(NodeKind.Time, 0);
        var events = new AnalyzedEvent[model.Events.Count];
        for (int e = 0; e < events.Length; e++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            EventSpec spec = model.Events[e];
            int function = Lowering.Lower(spec.Function, simplifier)[0];

            // ∂g/∂x_j, ∂g/∂p_k, ∂g/∂t (SymbolicModel's Jacobians are square in the states: one row per state).
            var gradient = new List<int>(n + m + 1);
            for (int j = 0; j < n; j++)
            {
                gradient.Add(new Differentiator(simplifier, simplifier.Leaf(NodeKind.State, j)).Derive(function));
            }

            for (int k = 0; k < m; k++)
            {
                gradient.Add(new Differentiator(simplifier, simplifier.Leaf(NodeKind.Parameter, k)).Derive(function));
            }

            gradient.Add(new Differentiator(simplifier, time).Derive(function));
            gradient.Add(function);
            if (ExpansionSize.Largest(graph, gradient) > ExpansionSize.Limit)
            {
                return null;
            }

            gradient.RemoveAt(gradient.Count - 1);

            int[] jump = [];
            int[] jvp = [];
            var vjp = new List<int>();
            if (spec.Jump is { } jumpBody)
            {
                jump = Lowering.Lower(jumpBody, simplifier);
                SymbolicModel j = SymbolicModel.Differentiate(simplifier, jump, m);
                if (!ExpansionSize.Fits(j))
                {
                    return null;
                }

                var byTime = new Differentiator(simplifier, time);
                int dt = graph.Intern(new Node(NodeKind.Seed, (int)SeedVector.TimeTangent, 0, 0, 0));
                jvp = j.JacobianVectorProduct();
                vjp.AddRange(j.VectorJacobianProduct());
                int vjt = simplifier.Zero;
                for (int i = 0; i < jump.Length; i++)
                {
                    int partial = byTime.Derive(jump[i]);
                    if (graph.IsConstant(partial, 0.0))
                    {
                        continue;
                    }

                    jvp[i] = simplifier.Add(jvp[i], simplifier.Multiply(partial, dt));
                    int v = graph.Intern(new Node(NodeKind.Seed, (int)SeedVector.Cotangent, i, 0, 0));
                    vjt = simplifier.Add(vjt, simplifier.Multiply(partial, v));
                }

                vjp.Add(vjt);
            }

            events[e] = new AnalyzedEvent(
                function,
                new EquatableArray<int>(gradient.ToArray()),
                new EquatableArray<int>(jump),
                new EquatableArray<int>(jvp),
                new EquatableArray<int>(vjp.ToArray()));
        }

        var roots = new List<int>();
        foreach (AnalyzedEvent analyzed in events)
        {
            roots.AddRange(analyzed.Gradient);
            roots.AddRange(analyzed.Jump);
            roots.AddRange(analyzed.JumpJacobianVectorProduct);
            roots.AddRange(analyzed.JumpVectorJacobianProduct);
        }

        return ExpansionSize.Largest(graph, roots) > ExpansionSize.Limit
            ? null
            : new AnalyzedEvents(graph.ToArray(), new EquatableArray<AnalyzedEvent>(events));
    }
}
