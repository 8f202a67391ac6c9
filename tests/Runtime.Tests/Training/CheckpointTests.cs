using System;
using System.IO;
using System.Linq;
using System.Text;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Training;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nog-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("Adam")]
    [InlineData("GaussNewton")]
    [InlineData("Nesterov")]
    public void Resume_AfterTenIterations_ReproducesUninterruptedRunBitForBit(string method)
    {
        LinearDecayObjective objective = LinearDecayObjective.Sample(-1.0, 1.0, sampleCount: 64, seed: 9);
        TrainingResult straight = new Trainer(objective, Create(method), new TrainerOptions { MaxIterations = 20 }).Run([0.7]);

        string path = Path.Combine(_directory, "run.json");
        new Trainer(objective, Create(method), new TrainerOptions { MaxIterations = 10, CheckpointPath = path }).Run([0.7]);
        TrainingResult resumed = new Trainer(objective, Create(method), new TrainerOptions { MaxIterations = 20 })
            .Resume(TrainingCheckpoint.Load(path));

        // Exact equality of every double: the run is deterministic and JSON round-trips doubles exactly.
        Assert.Equal(straight.History.Count, resumed.History.Count);
        for (int k = 0; k < straight.History.Count; k++)
        {
            Assert.Equal(straight.History[k].Parameters, resumed.History[k].Parameters);
            Assert.Equal(straight.History[k].Loss, resumed.History[k].Loss);
            Assert.Equal(straight.History[k].StepNorm, resumed.History[k].StepNorm);
        }

        Assert.Equal(straight.Parameters, resumed.Parameters);
    }

    [Fact]
    public void Resume_FromPeriodicCheckpointAfterCancellation_MatchesUninterruptedRun()
    {
        LinearDecayObjective objective = LinearDecayObjective.Sample(-1.0, 1.0, sampleCount: 64, seed: 9);
        TrainingResult straight = new Trainer(objective, new Adam(0.2), new TrainerOptions { MaxIterations = 15 }).Run([1.5]);

        string path = Path.Combine(_directory, "periodic.json");
        using var cancellation = new System.Threading.CancellationTokenSource();
        var interrupted = new TrainerOptions
        {
            MaxIterations = 15,
            CheckpointPath = path,
            CheckpointInterval = 4,
            Progress = record =>
            {
                if (record.Iteration == 6)
                {
                    cancellation.Cancel();
                }
            },
        };
        TrainingResult first = new Trainer(objective, new Adam(0.2), interrupted).Run([1.5], cancellation.Token);
        TrainingResult resumed = new Trainer(objective, new Adam(0.2), new TrainerOptions { MaxIterations = 15 }).Resume(TrainingCheckpoint.Load(path));

        // Cancellation at the start of iteration 7 writes the final checkpoint there.
        Assert.Equal(TrainingStatus.Cancelled, first.Status);
        Assert.Equal(straight.Parameters, resumed.Parameters);
        Assert.Equal(straight.Loss, resumed.Loss);
    }

    [Fact]
    public void Load_TruncatedFile_IsRejectedAsCorrupt()
    {
        string path = WriteCheckpoint();
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));
        Assert.Contains("corrupt or truncated", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FlippedDigitStillValidJson_IsRejectedByChecksum()
    {
        string path = WriteCheckpoint();
        string text = File.ReadAllText(path);
        int at = text.IndexOf("\"iteration\":5", StringComparison.Ordinal);
        Assert.True(at > 0);
        File.WriteAllText(path, string.Concat(text.AsSpan(0, at), "\"iteration\":4", text.AsSpan(at + 13)));

        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));
        Assert.Contains("SHA-256", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherSchemaVersion_IsRejectedNamingBothVersions()
    {
        string path = WriteCheckpoint();
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"schemaVersion\":2", "\"schemaVersion\":3", StringComparison.Ordinal));

        InvalidDataException exception = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));
        Assert.Contains("schema version 3", exception.Message, StringComparison.Ordinal);
        Assert.Contains("versions 1 to 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotACheckpoint_IsRejected()
    {
        string path = Path.Combine(_directory, "other.json");
        File.WriteAllText(path, "{\"hello\":1}", Encoding.UTF8);

        Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));
    }

    [Fact]
    public void Resume_CheckpointOfAnotherOptimizer_IsRejectedNamingBoth()
    {
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(WriteCheckpoint());
        LinearDecayObjective objective = LinearDecayObjective.Sample(-1.0, 1.0, 8, seed: 1);

        ArgumentException exception = Assert.Throws<ArgumentException>(() => new Trainer(objective, new Sgd(0.1)).Resume(checkpoint));
        Assert.Contains("'Adam'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'Sgd'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_CheckpointWithOtherParameterCount_IsRejected()
    {
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(WriteCheckpoint());

        ArgumentException exception = Assert.Throws<ArgumentException>(
            () => new Trainer(new TrainerTests.QuadraticObjective(), new Adam(0.1)).Resume(checkpoint));
        Assert.Contains("1 parameters", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_CheckpointOfAnotherModelWithSameParameterCount_IsRejectedNamingBoth()
    {
        // Two one-parameter models (the hand-written and the generated a·x): the parameter count cannot tell them apart.
        Dataset decayData = Dataset.SampleTerminal<Models.Decay>(8, seed: 3, [-1.0], horizon: 1.0);
        Dataset otherData = Dataset.SampleTerminal<Generated.GeneratedDecay>(8, seed: 3, [-1.0], horizon: 1.0);
        string path = Path.Combine(_directory, "decay.json");
        new TerminalProblem<Models.Decay>(decayData).Train(new Adam(0.1), [0.5], new TrainerOptions { MaxIterations = 3, CheckpointPath = path });

        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(path);
        var other = new OdeProblemObjective<Generated.GeneratedDecay>(new TerminalProblem<Generated.GeneratedDecay>(otherData));
        ArgumentException exception = Assert.Throws<ArgumentException>(() => new Trainer(other, new Adam(0.1)).Resume(checkpoint));

        Assert.Equal("Decay", checkpoint.ModelName);
        Assert.Contains("'Decay'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'GeneratedDecay'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_CheckpointOfSameModel_RoundTripsModelNameAndResumes()
    {
        Dataset data = Dataset.SampleTerminal<Models.Decay>(8, seed: 3, [-1.0], horizon: 1.0);
        string path = Path.Combine(_directory, "same.json");
        var problem = new TerminalProblem<Models.Decay>(data);
        problem.Train(new Adam(0.1), [0.5], new TrainerOptions { MaxIterations = 3, CheckpointPath = path });

        TrainingResult resumed = new Trainer(problem.AsObjective(), new Adam(0.1), new TrainerOptions { MaxIterations = 5 })
            .Resume(TrainingCheckpoint.Load(path));

        Assert.Equal(5, resumed.Iteration);
    }

    [Fact]
    public void Save_ExistingFile_IsReplacedWithoutLeavingTemporaryFiles()
    {
        string path = WriteCheckpoint();
        TrainingCheckpoint.Load(path).Save(path);

        Assert.Equal(["run.json", "run.json.history"], Array.ConvertAll(Directory.GetFiles(_directory), Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(5, TrainingCheckpoint.Load(path).Iteration);
    }

    private static IOptimizer Create(string method) => method switch
    {
        "Adam" => new Adam(0.3),
        "GaussNewton" => new GaussNewton(0.5),
        _ => new Momentum(0.05, 0.8, nesterov: true),
    };

    private string WriteCheckpoint()
    {
        string path = Path.Combine(_directory, "run.json");
        LinearDecayObjective objective = LinearDecayObjective.Sample(-1.0, 1.0, 8, seed: 1);
        new Trainer(objective, new Adam(0.1), new TrainerOptions { MaxIterations = 5, CheckpointPath = path }).Run([0.0]);
        return path;
    }
}
