using System.IO;
using System.Text;
using ApprovalTests.Core;

namespace NeuralOdeGen.Generator.Tests.Infrastructure;

/// <summary>Writes a received snapshot as UTF-8 without a byte-order mark, exactly as generated (the repository's charset).</summary>
internal sealed class SnapshotTextWriter : IApprovalWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _text;

    public SnapshotTextWriter(string text) => _text = text;

    public string GetApprovalFilename(string basename) => basename + ".approved.txt";

    public string GetReceivedFilename(string basename) => basename + ".received.txt";

    public string WriteReceivedFile(string received)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(received)!);
        File.WriteAllText(received, _text, Utf8NoBom);
        return received;
    }
}
