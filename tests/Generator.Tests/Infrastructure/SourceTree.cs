using System.IO;
using System.Runtime.CompilerServices;

namespace NeuralOdeGen.Generator.Tests.Infrastructure;

/// <summary>Finds files of this test project in the source tree (not the build output).</summary>
internal static class SourceTree
{
    public static string ProjectDirectory { get; } = Path.GetFullPath(Path.Combine(ThisFileDirectory(), ".."));

    public static string ModelPath(string modelName) => Path.Combine(ProjectDirectory, "Models", modelName + ".cs");

    public static string ReadModel(string modelName) => File.ReadAllText(ModelPath(modelName));

    private static string ThisFileDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
