using System;
using System.Collections.Generic;
using System.Globalization;

namespace NeuralOdeGen.Verification;

/// <summary>One block of a model's flattened names: a scalar (<c>a</c>) or a span block <c>w[0]</c> … <c>w[Length − 1]</c>.</summary>
/// <param name="Name">The block's name (<c>w</c>), or the scalar's.</param>
/// <param name="Offset">The index of its first name in the flattened list.</param>
/// <param name="Length">Its number of entries; 0 for a scalar.</param>
public readonly record struct NameBlock(string Name, int Offset, int Length)
{
    /// <summary><c>w[6]</c> for a span block of six, the name for a scalar.</summary>
    public override string ToString() => Length == 0 ? Name : string.Create(CultureInfo.InvariantCulture, $"{Name}[{Length}]");
}

/// <summary>
/// Groups the flattened names of <see cref="OdeModelInfo.StateNames"/> or <see cref="OdeModelInfo.ParameterNames"/> back
/// into the blocks they were declared as: <c>w[0], w[1], …, w[5], a</c> is <c>w[6], a</c>. The shapes of a model whose
/// loops are kept, without listing its tens of thousands of names.
/// </summary>
public static class NameBlocks
{
    /// <summary>The blocks of <paramref name="names"/>, in order.</summary>
    public static IReadOnlyList<NameBlock> Of(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var blocks = new List<NameBlock>();
        int k = 0;
        while (k < names.Count)
        {
            string name = names[k];
            if (!TrySplit(name, out string block, out int index) || index != 0)
            {
                blocks.Add(new NameBlock(name, k, 0));
                k++;
                continue;
            }

            int length = 1;
            while (k + length < names.Count && TrySplit(names[k + length], out string next, out int nextIndex) && next == block && nextIndex == length)
            {
                length++;
            }

            blocks.Add(new NameBlock(block, k, length));
            k += length;
        }

        return blocks;
    }

    private static bool TrySplit(string name, out string block, out int index)
    {
        block = "";
        index = -1;
        int open = name.LastIndexOf('[');
        if (open <= 0 || !name.EndsWith(']'))
        {
            return false;
        }

        block = name[..open];
        return int.TryParse(name.AsSpan(open + 1, name.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }
}
