using System;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Commands;

/// <summary>One small <c>neuralode paper</c> run shared by the tests that inspect its files.</summary>
public sealed class PaperRunFixture : IDisposable
{
    public const double LearningRate = 0.5;
    public const double Horizon = 1.0;
    public const double TargetRate = -1.0;
    public const int Iterations = 25;

    private readonly TempDirectory _directory = new();

    public PaperRunFixture()
    {
        Run = CliRun.Invoke("paper", "--out", _directory.Path, "--samples", "64", "--iterations", Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), "--initial=-2,0,1");
    }

    internal CliRun Run { get; }

    public string File(string name) => _directory.Combine(name);

    public void Dispose() => _directory.Dispose();
}
