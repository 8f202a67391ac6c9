using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Model;

/// <summary>
/// A model's event functions and jump maps with their derivatives, as roots of one hash-consed graph of their own (so
/// the events share every common subexpression with each other, never with the right-hand side). Plain values.
/// </summary>
/// <param name="Nodes">The graph, in id order.</param>
/// <param name="Events">One entry per <see cref="ModelSpec.Events"/> entry, in the same order.</param>
internal sealed record AnalyzedEvents(EquatableArray<Node> Nodes, EquatableArray<AnalyzedEvent> Events);

/// <summary>The roots of one event in <see cref="AnalyzedEvents.Nodes"/>.</summary>
/// <param name="Function">g.</param>
/// <param name="Gradient">∂g/∂x_j (n ids), then ∂g/∂p_k (m ids), then ∂g/∂t.</param>
/// <param name="Jump">J_i (n ids), or empty for an event without a jump.</param>
/// <param name="JumpJacobianVectorProduct">∂J/∂t·dt + ∂J/∂x·dx + ∂J/∂p·dp (n ids), or empty.</param>
/// <param name="JumpVectorJacobianProduct">vᵀ∂J/∂x (n ids), vᵀ∂J/∂p (m ids), then vᵀ∂J/∂t; or empty.</param>
internal sealed record AnalyzedEvent(
    int Function,
    EquatableArray<int> Gradient,
    EquatableArray<int> Jump,
    EquatableArray<int> JumpJacobianVectorProduct,
    EquatableArray<int> JumpVectorJacobianProduct);
