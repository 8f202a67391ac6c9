using System;
using System.IO;
using System.Linq;
using ApprovalTests;
using ApprovalTests.Reporters;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.UserFunctions;

/// <summary>
/// Runs the generator over all of UserFunctions/Models/ as one compilation (the models call [Differentiable] functions
/// of their own type and of <c>Kinetics</c>, another type in another file) and compares each generated file with the
/// reviewed <c>{Model}.approved.txt</c> in UserFunctions/Snapshots/.
/// </summary>
public sealed class UserFunctionSnapshotTests
{
    public static TheoryData<string> Models => new(UserFunctionModels.Names);

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedSource_ModelCallingUserFunctions_MatchesApprovedSnapshot(string model)
    {
        GeneratorRun run = UserFunctionModels.Run();

        Assert.Null(run.Exception);
        Assert.Empty(run.Diagnostics);
        Assert.True(run.OutputProblems.Count == 0, GeneratorRun.Describe(run.OutputProblems));
        GeneratedSourceResult source = Assert.Single(run.Sources, s => s.HintName == $"NeuralOdeGen.Generator.Tests.UserFunctions.Models.{model}.g.cs");

        // QuietReporter: a mismatch fails the test and leaves {model}.received.txt beside the approved file; no diff tool starts.
        Approvals.Verify(
            new SnapshotTextWriter(source.SourceText.ToString()),
            new SnapshotNamer(Path.Combine(SourceTree.ProjectDirectory, "UserFunctions", "Snapshots"), model),
            new QuietReporter());
    }

    [Fact]
    public void GeneratedSource_ModelsCallingUserFunctions_OneFilePerModelAndNoneForFunctions()
    {
        GeneratorRun run = UserFunctionModels.Run();

        Assert.Equal(
            UserFunctionModels.Names.Select(m => $"NeuralOdeGen.Generator.Tests.UserFunctions.Models.{m}.g.cs"),
            run.Sources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }
}

/// <summary>The files of UserFunctions/Models/ (read from the source tree) and the models among them.</summary>
internal static class UserFunctionModels
{
    public static readonly string[] Names = ["HillSum", "SoftGate", "ToggleSwitch"];

    public static string[] Sources() =>
        Directory.GetFiles(Path.Combine(SourceTree.ProjectDirectory, "UserFunctions", "Models"), "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();

    public static GeneratorRun Run() => GeneratorHarness.Run(Sources());
}
