using System;
using System.Buffers.Binary;
using System.IO;
using System.Xml.Linq;

namespace NeuralOdeGen.Examples.Tests.Infrastructure;

/// <summary>Reads just enough of PNG and SVG files to say they are real images of the expected size.</summary>
internal static class ImageFile
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Checks the PNG signature and the IHDR chunk and returns its width and height.</summary>
    public static (int Width, int Height) ReadPngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path} is too short to be a PNG ({bytes.Length} bytes).");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        return (width, height);
    }

    /// <summary>Parses the SVG as XML and returns its root element (which must be &lt;svg&gt;).</summary>
    public static XElement ReadSvgRoot(string path)
    {
        XDocument document = XDocument.Load(path);
        XElement root = document.Root!;
        Assert.Equal("svg", root.Name.LocalName);
        return root;
    }
}
