namespace NeuralOdeGen;

/// <summary>Which sign changes of an event function <c>g(t, x; θ)</c> count as the event.</summary>
public enum EventDirection
{
    /// <summary>Any sign change of <c>g</c>.</summary>
    Either = 0,

    /// <summary>Only a change from negative to positive (<c>g</c> rising through zero).</summary>
    Rising = 1,

    /// <summary>Only a change from positive to negative (<c>g</c> falling through zero).</summary>
    Falling = -1,
}
