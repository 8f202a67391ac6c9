using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NeuralOdeGen.Generator;

namespace NeuralOdeGen.Verification.Tests.Compilation;

/// <summary>
/// Runs <see cref="DynamicsGenerator"/> over C# source in memory (CSharpGeneratorDriver), compiles the result to a
/// byte array, and loads it into a collectible <see cref="System.Runtime.Loader.AssemblyLoadContext"/>.
/// </summary>
internal static class InMemoryCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static int s_assemblyCounter;

    /// <summary>Parses each source as its own file and runs the generator (no emit).</summary>
    /// <param name="sources">One source file each.</param>
    /// <param name="keepLoops">Set the <c>NeuralOdeGenKeepLoops</c> build property (loop bodies keep their loops).</param>
    public static GeneratorOutcome RunGenerator(IReadOnlyList<string> sources, bool keepLoops = false)
    {
        SyntaxTree[] trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs")).ToArray();
        string name = "RandomModels" + System.Threading.Interlocked.Increment(ref s_assemblyCounter);
        CSharpCompilation compilation = CSharpCompilation.Create(
            name,
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new DynamicsGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: keepLoops ? new KeepLoopsOptions() : null);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Microsoft.CodeAnalysis.Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorOutcome(output, diagnostics, driver.GetRunResult());
    }

    /// <summary>Runs the generator, then compiles and loads; throws with every error when the code does not compile.</summary>
    public static CompiledAssembly CompileAndLoad(IReadOnlyList<string> sources, bool keepLoops = false)
    {
        GeneratorOutcome outcome = RunGenerator(sources, keepLoops);
        var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = outcome.Compilation.Emit(stream);
        ImmutableArray<Diagnostic> errors = [.. outcome.GeneratorDiagnostics.Concat(emit.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error)];
        var generatorExceptions = outcome.RunResult.Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()).ToArray();
        if (!emit.Success || errors.Length > 0 || generatorExceptions.Length > 0)
        {
            return CompiledAssembly.Failed(outcome, errors, generatorExceptions);
        }

        stream.Position = 0;
        return CompiledAssembly.Load(outcome, stream);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The framework this test runs on, plus the runtime contract (attributes, IOdeModel, Dual).
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var paths = trusted.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(Dual).Assembly.Location);
        return [.. paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}

/// <summary>The <c>NeuralOdeGenKeepLoops=true</c> build property, as MSBuild hands compiler-visible properties to generators.</summary>
internal sealed class KeepLoopsOptions : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
{
    private static readonly Options Global = new(true);
    private static readonly Options None = new(false);

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => Global;

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => None;

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => None;

    private sealed class Options(bool keepLoops) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = keepLoops && key == DynamicsGenerator.KeepLoopsProperty ? "true" : null;
            return value is not null;
        }
    }
}

/// <summary>What the generator produced for a compilation.</summary>
internal sealed record GeneratorOutcome(Microsoft.CodeAnalysis.Compilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriverRunResult RunResult);
