using System;
using System.IO;
using System.Linq;
using System.Reflection;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using SnapshotRecipe.Models;

namespace SnapshotRecipe.Tests;

/// <summary>
/// The recipe, part 3: approve the code NeuralOdeGen generated for each model. A generator upgrade that changes it fails
/// here and leaves <c>*.received.txt</c> beside the approved file, so the change is a reviewable diff in this repository.
/// </summary>
[UseReporter(typeof(QuietReporter))] // a mismatch fails the test; no diff tool starts (use DiffReporter on a desk)
public sealed class GeneratedCodeTests
{
    private static readonly string GeneratedSources = typeof(GeneratedCodeTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GeneratedSources")
        .Value!;

    [Theory]
    [InlineData(typeof(Autoregulation))]
    public void GeneratedSource_Model_MatchesApproved(Type model)
    {
        // The generator names each file {Namespace}.{Type}.g.cs.
        string path = Path.Combine(GeneratedSources, model.FullName + ".g.cs");
        Assert.True(File.Exists(path), $"No generated file at {path}: does the model project set EmitCompilerGeneratedFiles?");

        using (ApprovalResults.ForScenario(model.Name))
        {
            Approvals.Verify(File.ReadAllText(path).ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void GeneratedModel_Derivative_IsTheHandDerivedOne()
    {
        // The approved text is only worth approving if the code works: ∂f/∂x = −βnxⁿ⁻¹Kⁿ/(Kⁿ + xⁿ)² − γ at one point.
        double[] jx = new double[1];
        Autoregulation.StateJacobian(0.0, [2.0], [3.0, 1.5, 2.0, 0.5], jx);
        double expected = (-3.0 * 2.0 * 2.0 * 2.25 / Math.Pow(2.25 + 4.0, 2)) - 0.5;

        // A few roundings apart: the generated and hand-written formulas order the operations differently.
        Assert.Equal(expected, jx[0], 1e-14);
    }
}
