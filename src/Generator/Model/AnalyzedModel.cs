using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Model;

/// <summary>
/// A model with its derivative program: the simplified right-hand side, both Jacobians and both products, as roots
/// of one hash-consed graph (so they share every common subexpression). Plain values: two analyses of equal models
/// compare equal, and the pipeline skips the emit step.
/// </summary>
/// <param name="Spec">The model as parsed (names, blocks, the body the dual-number path re-emits).</param>
/// <param name="Nodes">The graph, in id order (operands before their users).</param>
/// <param name="RightHandSide">f_i, one id per state.</param>
/// <param name="StateJacobian">∂f_i/∂x_j at i*n + j.</param>
/// <param name="ParameterJacobian">∂f_i/∂p_k at i*m + k.</param>
/// <param name="VectorJacobianProduct">vᵀ∂f/∂x then vᵀ∂f/∂p (n + m ids).</param>
/// <param name="JacobianVectorProduct">∂f/∂x·dx + ∂f/∂p·dp (n ids).</param>
/// <param name="JacobianGraphSize">The graph's size before the products were added (the emitter's inlining decision).</param>
internal sealed record AnalyzedModel(
    ModelSpec Spec,
    EquatableArray<Node> Nodes,
    EquatableArray<int> RightHandSide,
    EquatableArray<int> StateJacobian,
    EquatableArray<int> ParameterJacobian,
    EquatableArray<int> VectorJacobianProduct,
    EquatableArray<int> JacobianVectorProduct,
    int JacobianGraphSize)
{
    /// <summary>
    /// The derivative program of a model whose loops are kept, or null when the symbolic forms above describe it (then
    /// the graph and roots are empty).
    /// </summary>
    public LoopModel? Loops { get; init; }

    /// <summary>The differentiated event functions and jumps (<see cref="ModelSpec.Events"/>), or null for a model without events.</summary>
    public AnalyzedEvents? Events { get; init; }
}
