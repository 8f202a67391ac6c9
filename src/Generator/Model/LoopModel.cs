using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Model;

/// <summary>
/// The derivative program of a model whose loops are kept (see <c>Analysis/LoopAnalyzer</c>): the user's statements as
/// parsed, over a graph extended with every statement's partial derivatives. The emitter prints <c>Evaluate</c> from the
/// statements, <c>JacobianVectorProduct</c> as forward-mode loops (each statement followed by Σ ∂e/∂r · ṙ over its
/// reads r), and <c>VectorJacobianProduct</c> as a forward sweep followed by the statements in reverse order
/// (r̄ += ā · ∂e/∂r). Plain values, so equal programs compare equal.
/// </summary>
/// <param name="Nodes">The program's graph followed by the derivative nodes (operands before their users).</param>
/// <param name="Partials">Per value statement, one entry per read of its value that has a nonzero partial, in statement order.</param>
/// <param name="TapeLengths">
/// One entry per tape: a partial that reads a local (whose value a later statement overwrites) is computed in the forward
/// sweep and stored, one slot per iteration of the loops around its statement.
/// </param>
internal sealed record LoopModel(EquatableArray<Node> Nodes, EquatableArray<StatementPartial> Partials, EquatableArray<int> TapeLengths);

/// <summary>
/// ∂(value of statement <paramref name="Statement"/>)/∂(read <paramref name="Read"/>) = node <paramref name="Derivative"/>;
/// <paramref name="Tape"/> is the tape that stores it (an index into <see cref="LoopModel.TapeLengths"/>), or -1 when the
/// reverse sweep recomputes it (it reads only inputs, loop counters and scratch elements no later statement changes).
/// </summary>
internal readonly record struct StatementPartial(int Statement, int Read, int Derivative, int Tape);
