using System;
using System.Linq;
using NeuralOdeGen.Examples.Models;
using NeuralOdeGen.Examples.Paper;

namespace NeuralOdeGen.Examples.Tests.Paper;

public sealed class PaperExperimentTests
{
    [Fact]
    public void Run_PaperDefaults_VarianceCorrectedReachesTargetFromEveryStartAndSgdDoesNot()
    {
        var settings = new PaperExperimentSettings { SampleCount = 200 };
        PaperExperimentResult result = PaperExperiment.Run(settings, Rk4Objective);

        Assert.Equal(3 * 7, result.Trajectories.Count);
        Assert.Equal(["Sgd", "Adam", "VarianceCorrected"], result.Trajectories.Select(r => r.Method).Distinct().ToArray());
        foreach (PaperTrajectory run in result.Trajectories.Where(r => r.Method == "VarianceCorrected"))
        {
            // 50 steps at the asymptotic factor (1 − η) = 0.5 per step on |a − a*| from any start ≤ 2 away, plus the RK4 bias (~1e-9).
            Assert.Equal(-1.0, run.Result.Parameters[0], 1e-7);
            Assert.Equal(51, run.Result.History.Count);
        }

        // Plain gradient descent from a₀ = −3 is stuck on the vanishing-gradient side.
        PaperTrajectory sgdFromBelow = result.Trajectories.Single(r => r.Method == "Sgd" && r.InitialValue == -3.0);
        Assert.True(sgdFromBelow.Result.Parameters[0] < -2.0);
    }

    [Fact]
    public void Run_WithForwardSensitivitiesAndGaussNewton_RunsFourMethods()
    {
        var settings = new PaperExperimentSettings { InitialValues = [-2.0, 1.0], Iterations = 20, SampleCount = 100, IncludeGaussNewton = true };
        PaperExperimentResult result = PaperExperiment.Run(settings, s =>
        {
            Dataset data = Dataset.SampleTerminal<Decay>(s.SampleCount, s.Seed, [s.TargetRate], s.Horizon);
            return new TerminalProblem<Decay>(data, OdeSolver.Rk4(100), new ForwardSensitivity()).AsObjective();
        });

        Assert.Equal(8, result.Trajectories.Count);
        foreach (PaperTrajectory run in result.Trajectories.Where(r => r.Method is "VarianceCorrected" or "GaussNewton"))
        {
            // 20 steps at factor ≤ 0.5 from |a − a*| ≤ 2, plus RK4 bias ~1e-9.
            Assert.Equal(-1.0, run.Result.Parameters[0], 1e-4);
        }
    }

    [Fact]
    public void Run_NoInitialValues_ThrowsNamingTheSetting()
    {
        ArgumentException exception = Assert.Throws<ArgumentException>(
            () => PaperExperiment.Run(new PaperExperimentSettings { InitialValues = [] }, Rk4Objective));

        Assert.Equal("InitialValues", exception.ParamName);
    }

    private static ITrainingObjective Rk4Objective(PaperExperimentSettings s) =>
        new TerminalProblem<Decay>(Dataset.SampleTerminal<Decay>(s.SampleCount, s.Seed, [s.TargetRate], s.Horizon), OdeSolver.Rk4(100), new ContinuousAdjoint()).AsObjective();
}
