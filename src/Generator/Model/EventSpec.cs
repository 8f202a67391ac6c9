using NeuralOdeGen.Generator.Ir;

namespace NeuralOdeGen.Generator.Model;

/// <summary>
/// One valid <c>[Event]</c> method and its jump, as values (no symbols, syntax or locations): part of its model's
/// <see cref="ModelSpec"/>, so that editing an event re-analyses the model and an unrelated edit does not.
/// </summary>
/// <param name="Name">The event method's name.</param>
/// <param name="Direction">The <c>EventDirection</c> value (<c>0</c> either, <c>1</c> rising, <c>-1</c> falling).</param>
/// <param name="Terminal">Whether the solve ends at the event.</param>
/// <param name="Function">The event function's body (one output), over the model's state and parameter leaves.</param>
/// <param name="FunctionTimeName">The event method's <c>[Time]</c> parameter name, or <see langword="null"/>.</param>
/// <param name="JumpName">The jump method's name, or <see langword="null"/> for an event that leaves the state unchanged.</param>
/// <param name="Jump">The jump's body (one output per state), or <see langword="null"/>.</param>
/// <param name="JumpTimeName">The jump method's <c>[Time]</c> parameter name, or <see langword="null"/>.</param>
internal sealed record EventSpec(
    string Name,
    int Direction,
    bool Terminal,
    BodyIr Function,
    string? FunctionTimeName,
    string? JumpName,
    BodyIr? Jump,
    string? JumpTimeName);
