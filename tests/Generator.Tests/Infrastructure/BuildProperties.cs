using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NeuralOdeGen.Generator.Tests.Infrastructure;

/// <summary>Global analyzer options as MSBuild passes compiler-visible properties (<c>build_property.Name</c>), for a driver.</summary>
internal sealed class BuildProperties : AnalyzerConfigOptionsProvider
{
    private readonly Options _global;

    public BuildProperties(IReadOnlyDictionary<string, string> values) => _global = new Options(values.ToImmutableDictionary());

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
