using System;
using System.IO;
using NeuralOdeGen.Examples.Cli;
using NeuralOdeGen.Examples.Models;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Commands;

/// <summary>The implicit solvers and the stiff example models on the command line, training through them included.</summary>
public sealed class StiffCommandTests
{
    [Theory]
    [InlineData("rodas5p", SolverFamily.Rosenbrock)]
    [InlineData("rodas4", SolverFamily.Rosenbrock)]
    [InlineData("kvaerno5", SolverFamily.Esdirk)]
    public void Solvers_ImplicitNames_CreateTheImplicitSolvers(string name, SolverFamily family)
    {
        OdeSolver solver = Solvers.Create(name);

        Assert.Equal(family, solver.Family);
        Assert.True(solver.IsImplicit);
    }

    [Theory]
    [InlineData("rodas5p")]
    [InlineData("rodas4")]
    [InlineData("kvaerno5")]
    public void Train_ImplicitSolverWithDiscreteAdjoint_ExitsTwoBeforeAnyWorkNamingTheAlternatives(string solver)
    {
        using var directory = new TempDirectory();
        string output = directory.Combine("out");

        CliRun run = CliRun.Invoke("train", "decay", "--solver", solver, "--optimizer", "adam", "--sensitivity", "discrete-adjoint", "--out", output);

        Assert.Equal(2, run.ExitCode);
        string[] lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(
            $"neuralode: --solver {solver} is implicit; gradients through implicit solvers need --sensitivity forward or checkpointed-adjoint (not discrete-adjoint), or use an explicit solver: dopri5, tsit5, bs32 or rk4.",
            lines[0].TrimEnd('\r'));
        Assert.StartsWith("usage: neuralode train", lines[1], StringComparison.Ordinal);
        Assert.Equal("", run.Output);

        // Refused before the output directory is created or any data are sampled.
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Paper_ImplicitSolver_ExitsTwoWithTheSameReason()
    {
        // The paper's default gradient is the continuous adjoint, which has no implicit path.
        CliRun run = CliRun.Invoke("paper", "--solver", "kvaerno5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("gradients through implicit solvers need --sensitivity forward or checkpointed-adjoint (not adjoint)", run.Error, StringComparison.Ordinal);
        Assert.Contains("dopri5", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("robertson", "dopri5")]
    [InlineData("van-der-pol-stiff", "rk4")]
    public void Train_StiffModelWithExplicitSolver_ExitsTwoNamingTheImplicitSolvers(string model, string solver)
    {
        using var directory = new TempDirectory();
        string output = directory.Combine("out");

        CliRun run = CliRun.Invoke("train", model, "--solver", solver, "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            $"neuralode: {model} is stiff: it needs an implicit solver (rodas5p, rodas4, kvaerno5), not --solver {solver}",
            run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Train_Robertson_FitsTheLogRateConstantsThroughRodas5P()
    {
        using var directory = new TempDirectory();
        string output = directory.Combine("out");

        CliRun run = CliRun.Invoke("train", "robertson", "--samples", "8", "--iterations", "40", "--out", output);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("Rodas5P", run.Output, StringComparison.Ordinal);
        Assert.Contains("Forward sensitivity", run.Output, StringComparison.Ordinal);

        // Gauss–Newton on exact forward sensitivities from (ln 0.05, ln 2e7, ln 2e4): with 32 samples the loss falls from
        // 4.6e-3 to 1.3e-10 in 30 iterations (measured); a fall by 1e4 fails for a wrong gradient and passes for a right one.
        string[] history = File.ReadAllLines(Path.Combine(output, "history.csv"));
        double first = double.Parse(history[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        double last = double.Parse(history[^1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(last < 1e-4 * first, $"loss {first:R} -> {last:R}");
    }

    [Fact]
    public void Catalogue_DefaultSolvers_AreImplicitForTheStiffModelsAndRk4Otherwise()
    {
        foreach (ExampleModel model in ExampleModels.Catalogue.Values)
        {
            bool stiff = model.Name is "robertson" or "van-der-pol-stiff";
            Assert.Equal(stiff, model.IsStiff);
            // The spiral demos are torchdiffeq's, solved with dopri5 as there; the bouncing ball locates its events on dopri5.
            Assert.Equal(stiff ? "rodas5p" : model.Name is "spiral" or "spiral-wide" or "bouncing-ball" ? "dopri5" : "rk4", model.DefaultSolver);
            Assert.Equal(stiff, Solvers.Create(model.DefaultSolver).IsImplicit);
        }
    }

    [Fact]
    public void Robertson_TrueParametersFromTheClassicStart_ReachTheReferenceAtTheLastObservation()
    {
        ExampleModel model = ExampleModels.Catalogue["robertson"];
        double[] times = model.ObservationTimes;
        double[] states = model.Solve([1.0, 0.0, 0.0], model.TrueParameters, times);

        // The log-parameters are those of the classic problem, and the last observation is t = 1e5: the runtime tests'
        // reference there (SciPy Radau, rtol 1e-13). The data solver runs at rtol 1e-10; 1e-7 relative allows for its global error.
        double[] reference = [0.017865921142103402, 7.274751468437972e-08, 0.982134006110379];
        Assert.Equal(1e5, times[^1]);
        Assert.Equal(1e-3, times[0], 1e-15);
        for (int i = 0; i < 3; i++)
        {
            double value = states[((times.Length - 1) * 3) + i];
            Assert.True(Math.Abs(value - reference[i]) <= 1e-7 * reference[i], $"component {i}: {value:R} vs {reference[i]:R}");
        }
    }

    [Fact]
    public void VanDerPolStiff_TrueParameter_MatchesTheReferenceAtTwoThousand()
    {
        ExampleModel model = ExampleModels.Catalogue["van-der-pol-stiff"];
        double[] states = model.Solve([2.0, 0.0], model.TrueParameters, [2_000.0]);

        // The runtime tests' reference for vdp1000 from (2, 0) at t = 2 000 (SciPy Radau, rtol 1e-13); the jumps amplify the
        // data solver's rtol-1e-10 local errors by ~mu, so 1e-6 relative.
        double[] reference = [1.7061677321704731, -0.0008928097010248079];
        for (int i = 0; i < 2; i++)
        {
            Assert.True(Math.Abs(states[i] - reference[i]) <= 1e-6 * Math.Abs(reference[i]), $"component {i}: {states[i]:R} vs {reference[i]:R}");
        }
    }

    [Theory]
    [InlineData("robertson", 21)]
    [InlineData("van-der-pol-stiff", 8)]
    public void Verify_StiffModel_EveryEntryPassesOnEveryPath(string model, int entries)
    {
        CliRun run = CliRun.Invoke("verify", model);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains($"{model}: PASSED", run.Output, StringComparison.Ordinal);

        // Right-hand sides, state-Jacobian and parameter-Jacobian entries (Robertson 3 + 9 + 9, Van der Pol 2 + 4 + 2), each ok.
        Assert.Equal(entries, run.Output.Split(" ok ").Length - 1);
    }
}
