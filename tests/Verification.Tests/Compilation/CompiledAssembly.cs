using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace NeuralOdeGen.Verification.Tests.Compilation;

/// <summary>An assembly compiled in memory and loaded into its own collectible context; disposing unloads it.</summary>
internal sealed class CompiledAssembly : IDisposable
{
    private readonly CollectibleContext? _context;

    private CompiledAssembly(GeneratorOutcome outcome, ImmutableArray<Diagnostic> errors, IReadOnlyList<string> generatorExceptions, CollectibleContext? context, Assembly? assembly)
    {
        Outcome = outcome;
        Errors = errors;
        GeneratorExceptions = generatorExceptions;
        _context = context;
        Assembly = assembly;
    }

    public GeneratorOutcome Outcome { get; }

    public ImmutableArray<Diagnostic> Errors { get; }

    public IReadOnlyList<string> GeneratorExceptions { get; }

    public Assembly? Assembly { get; }

    public bool Succeeded => Assembly is not null;

    public static CompiledAssembly Failed(GeneratorOutcome outcome, ImmutableArray<Diagnostic> errors, IReadOnlyList<string> generatorExceptions) =>
        new(outcome, errors, generatorExceptions, null, null);

    public static CompiledAssembly Load(GeneratorOutcome outcome, MemoryStream image)
    {
        var context = new CollectibleContext();
        Assembly assembly = context.LoadFromStream(image);
        return new CompiledAssembly(outcome, [], [], context, assembly);
    }

    /// <summary>The errors (with their source lines) and generator exceptions, for a failure message.</summary>
    public string DescribeErrors() =>
        string.Join("\n", Errors.Take(20).Select(e => e.ToString()).Concat(GeneratorExceptions));

    public Type GetModelType(string fullName) =>
        Assembly?.GetType(fullName, throwOnError: false) ?? throw new InvalidOperationException($"Type {fullName} is not in the compiled assembly.");

    public void Dispose() => _context?.Unload();

    /// <summary>Resolves nothing itself, so the runtime contract comes from the default context: one IOdeModel type for all.</summary>
    private sealed class CollectibleContext() : AssemblyLoadContext("RandomModels", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}
