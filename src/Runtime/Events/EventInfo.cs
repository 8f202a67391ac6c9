using System;
using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>What the generator read from one <see cref="EventAttribute"/> method.</summary>
public sealed class EventInfo
{
    /// <summary>Initializes the description of one event.</summary>
    /// <param name="name">The event method's name.</param>
    /// <param name="direction">Which zero crossings count.</param>
    /// <param name="terminal">Whether the solve ends at the event.</param>
    /// <param name="jumpName">The jump method's name, or <see langword="null"/>.</param>
    /// <param name="function">The event function <c>g</c> in SymPy syntax (the generator always writes it: event bodies are never kept as loops).</param>
    /// <param name="jump">The jump map's components in SymPy syntax, one per state; empty without a jump.</param>
    public EventInfo(string name, EventDirection direction, bool terminal, string? jumpName, string function, IReadOnlyList<string> jump)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(jump);
        Name = name;
        Direction = direction;
        Terminal = terminal;
        JumpName = jumpName;
        Function = function;
        Jump = jump;
    }

    /// <summary>Gets the event method's name.</summary>
    public string Name { get; }

    /// <summary>Gets which zero crossings count.</summary>
    public EventDirection Direction { get; }

    /// <summary>Gets a value indicating whether the solve ends at the event.</summary>
    public bool Terminal { get; }

    /// <summary>Gets the jump method's name, or <see langword="null"/> when the event leaves the state unchanged.</summary>
    public string? JumpName { get; }

    /// <summary>Gets a value indicating whether the event applies a state jump.</summary>
    public bool HasJump => JumpName is not null;

    /// <summary>
    /// Gets the event function <c>g(t, x; θ)</c> in SymPy syntax, over the model's state, parameter and time names (for a
    /// model without a <c>[Time]</c> parameter, the time is named as in the event method).
    /// </summary>
    public string Function { get; }

    /// <summary>Gets the jump map <c>J(t, x; θ)</c>, one SymPy expression per state, or an empty list.</summary>
    public IReadOnlyList<string> Jump { get; }
}
