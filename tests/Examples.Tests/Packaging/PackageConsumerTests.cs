using System;
using System.IO;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Packaging;

public sealed class PackageConsumerTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private const string ConsumerProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <!-- A private package cache, so a re-packed NeuralOdeGen 0.1.0 is never served stale. -->
            <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="NeuralOdeGen" Version="0.1.0" />
          </ItemGroup>
        </Project>
        """;

    // A model no project in the repository declares: the generator from the package must derive it. A module
    // initializer prints its Jacobian before Program.cs (the README's quick start, verbatim) runs.
    private const string UnseenModel = """
        using System.Globalization;
        using System.Runtime.CompilerServices;
        using NeuralOdeGen;

        internal static class UnseenModelCheck
        {
            [ModuleInitializer]
            internal static void Run()
            {
                double[] jx = new double[4];
                Brusselator.StateJacobian(0.0, [1.5, 2.0], [1.0, 3.0], jx);
                double[] xt = Dataset.Generate<Brusselator>([1.5, 2.0], [1.0, 3.0], [0.5]).Targets.ToArray();
                Console.WriteLine("jacobian " + string.Join(" ", jx.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
                Console.WriteLine(double.IsFinite(xt[0]) && double.IsFinite(xt[1]) ? "solved" : "not solved");
            }
        }

        public partial struct Brusselator
        {
            [Dynamics]
            public static (double X, double Y) Rhs(double x, double y, [Param] double a, [Param] double b)
                => (a + x * x * y - (b + 1.0) * x, b * x - x * x * y);
        }
        """;

    [Fact]
    public void Package_FreshConsumer_CompilesTheReadmeQuickStartAndAnUnseenModel()
    {
        using var directory = new TempDirectory();
        string feed = directory.Combine("feed");
        string consumer = directory.Combine("consumer");
        Directory.CreateDirectory(consumer);
        TimeSpan timeout = TimeSpan.FromMinutes(3);

        (int packCode, string packOutput) = DotnetCli.Run(
            DotnetCli.RepositoryRoot(), timeout, "pack", Path.Combine("src", "Package", "NeuralOdeGen.Package.csproj"), "-c", Configuration, "-o", feed);
        Assert.True(packCode == 0, packOutput);
        Assert.True(File.Exists(Path.Combine(feed, "NeuralOdeGen.0.1.0.nupkg")), packOutput);

        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), ConsumerProject);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), ReadmeQuickStart());
        File.WriteAllText(Path.Combine(consumer, "Brusselator.cs"), UnseenModel);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);

        (int runCode, string runOutput) = DotnetCli.Run(consumer, timeout, "run", "--project", "Consumer.csproj");
        Assert.True(runCode == 0, runOutput);

        // ∂/∂(x, y) of (a + x²y − (b+1)x, bx − x²y) at x = 1.5, y = 2, a = 1, b = 3: (2xy − b − 1, x²; b − 2xy, −x²).
        Assert.Contains("jacobian 2 2.25 -3 -2.25", runOutput, StringComparison.Ordinal);
        Assert.Contains("solved", runOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("not solved", runOutput, StringComparison.Ordinal);

        // The README's quick start, compiled against the package, converges to a* = -1.
        Assert.Contains("Converged after ", runOutput, StringComparison.Ordinal);
        Assert.Contains("a = -1.000000", runOutput, StringComparison.Ordinal);
    }

    private static string ReadmeQuickStart()
    {
        string readme = File.ReadAllText(Path.Combine(DotnetCli.RepositoryRoot(), "README.md"));
        int start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
