using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NeuralOdeGen.Generator.Tests.Infrastructure;

/// <summary>
/// Drives <see cref="DynamicsGenerator"/> in memory: builds a compilation over source text (framework
/// references from the test host plus NeuralOdeGen.Runtime), runs the generator, and optionally emits and
/// loads the result.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        deterministic: true);

    // The framework assemblies a model file can use, from the test host's own TRUSTED_PLATFORM_ASSEMBLIES. Not all ~200
    // of them: each compilation merges its references' namespaces on first lookup, and with every assembly that merge
    // made a robustness run ~10 times slower while adding nothing a [Dynamics] model can use.
    private static readonly string[] FrameworkAssemblies =
        ["System.Private.CoreLib", "System.Runtime", "System.Console", "System.Collections", "System.Linq", "System.Memory", "System.Runtime.Intrinsics"];

    // Every compilation derives from this one by AddSyntaxTrees, which shares its bound references.
    private static readonly CSharpCompilation Empty = CSharpCompilation.Create("ModelAssembly", [], LoadReferences(), CompilationOptions);

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        Empty.AddSyntaxTrees(sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Model{i}.cs")));

    public static GeneratorDriver CreateDriver(bool trackIncrementalSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new DynamicsGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalSteps));

    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    /// <summary>Runs the generator with the <c>NeuralOdeGenKeepLoops</c> build property set to true.</summary>
    public static GeneratorRun RunKeepingLoops(params string[] sources)
    {
        CSharpCompilation compilation = CreateCompilation(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new DynamicsGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new BuildProperties(new System.Collections.Generic.Dictionary<string, string> { [DynamicsGenerator.KeepLoopsProperty] = "true" }));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return new GeneratorRun(compilation, output, driver.GetRunResult());
    }

    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return new GeneratorRun(compilation, output, driver.GetRunResult());
    }

    /// <summary>Emits the compilation and loads it into a collectible context (the runtime assembly is shared with the test host).</summary>
    public static Assembly EmitAndLoad(Compilation compilation)
    {
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(image);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")
            ?? throw new InvalidOperationException("The test host does not expose TRUSTED_PLATFORM_ASSEMBLIES.");
        string[] framework = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => FrameworkAssemblies.Contains(Path.GetFileNameWithoutExtension(path), StringComparer.Ordinal))
            .DistinctBy(path => Path.GetFileName(path), StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(FrameworkAssemblies.Length, framework.Length);
        return framework
            .Append(typeof(DynamicsAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
