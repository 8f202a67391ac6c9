using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NeuralOdeGen;

/// <summary>
/// Checks the shape of a component-major block of lane vectors (see <see cref="IOdeModel{TSelf}.EvaluateLanes"/>);
/// used by the default lane members and by generated ones. The checks inline (they run on every call of a lane member,
/// several per Runge–Kutta step); the errors are built out of line.
/// </summary>
public static class LaneBlock
{
    /// <summary>Gets the number of vectors per component of a block of <paramref name="length"/> vectors holding <paramref name="components"/> components.</summary>
    /// <param name="length">The block's length in vectors.</param>
    /// <param name="components">The number of components (states).</param>
    /// <param name="name">The argument's name, for the error.</param>
    /// <returns><c>length / components</c>.</returns>
    /// <exception cref="ArgumentException">The length is not a positive multiple of <paramref name="components"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountOf(int length, int components, string name)
    {
        if (length <= 0 || length % components != 0)
        {
            ThrowNotAMultiple(length, components, name);
        }

        return length / components;
    }

    /// <summary>Checks that a block argument has the length its layout needs.</summary>
    /// <param name="length">The argument's length in vectors.</param>
    /// <param name="expected">The length it must have.</param>
    /// <param name="name">The argument's name, for the error.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Require(int length, int expected, string name)
    {
        if (length != expected)
        {
            ThrowWrongLength(length, expected, name);
        }
    }

    [DoesNotReturn]
    private static void ThrowNotAMultiple(int length, int components, string name) =>
        throw new ArgumentException($"A lane block of {components} components needs a positive multiple of {components} vectors, but {name} has {length}.", name);

    [DoesNotReturn]
    private static void ThrowWrongLength(int length, int expected, string name) =>
        throw new ArgumentException($"{name} must hold {expected} vectors for this lane block, but has {length}.", name);
}
