using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NeuralOdeGen.Examples.Tests.Infrastructure;

/// <summary>A CSV file read as a header and rows of strings.</summary>
internal sealed record Csv(string[] Header, List<string[]> Rows)
{
    public static Csv Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        var rows = new List<string[]>(lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            rows.Add(lines[i].Split(','));
        }

        return new Csv(lines[0].Split(','), rows);
    }

    public int Column(string name)
    {
        int index = Array.IndexOf(Header, name);
        Assert.True(index >= 0, $"no column '{name}' in {string.Join(",", Header)}");
        return index;
    }

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
