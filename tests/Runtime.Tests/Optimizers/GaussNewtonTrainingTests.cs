using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Optimizers;

/// <summary>Gauss–Newton inside the trainer: a run in which no step is ever accepted says so.</summary>
public sealed class GaussNewtonTrainingTests
{
    [Fact]
    public void Train_HugeLearningRate_RejectsEveryStepAndEndsAsNoProgress()
    {
        // From a = −3 below a* = −1 every trial a − η(G + μ)⁻¹g with η = 1e308 lands far above (even at μ = 1e300),
        // where x(1) overflows: no trial lowers the loss, so every step leaves a where it was.
        Dataset data = Dataset.SampleTerminal<Models.Decay>(8, seed: 3, [-1.0], horizon: 1.0);
        var problem = new TerminalProblem<Models.Decay>(data, sensitivity: new ForwardSensitivity());

        TrainingResult result = problem.Train(new GaussNewton(1e308), [-3.0], new TrainerOptions { MaxIterations = 6 });

        Assert.Equal(TrainingStatus.NoProgress, result.Status);
        Assert.Equal(6, result.UnchangedStepCount);
        Assert.Equal(-3.0, result.Parameters[0]);
        Assert.Contains("every one of the 6 GaussNewton steps left the parameters unchanged", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_DefaultLearningRate_AcceptsItsStepsAndReachesTheBudget()
    {
        Dataset data = Dataset.SampleTerminal<Models.Decay>(8, seed: 3, [-1.0], horizon: 1.0);
        var problem = new TerminalProblem<Models.Decay>(data, sensitivity: new ForwardSensitivity());

        TrainingResult result = problem.Train(new GaussNewton(), [-3.0], new TrainerOptions { MaxIterations = 6 });

        Assert.Equal(TrainingStatus.MaxIterations, result.Status);
        Assert.Equal(0, result.UnchangedStepCount);
    }
}
