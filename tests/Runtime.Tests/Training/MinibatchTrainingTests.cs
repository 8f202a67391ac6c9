using System;
using System.Collections.Generic;
using System.IO;
using Xunit;

namespace NeuralOdeGen.Runtime.Tests.Training;

/// <summary>The trainer selects each iteration's batch before evaluating it, so a resumed minibatch run repeats the uninterrupted one.</summary>
public sealed class MinibatchTrainingTests
{
    private const double LearningRate = 0.25;

    [Fact]
    public void Run_SelectsTheBatchOfEachIterationBeforeEvaluatingIt_AndFollowsTheSgdRecurrence()
    {
        var objective = new ShiftingTarget();
        TrainingResult result = new Trainer(objective, new Sgd(LearningRate), new TrainerOptions { MaxIterations = 6 }).Run([0.0]);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], objective.Selected);

        // Independent recurrence: iteration k sees L = ½(θ − c_k)², gradient θ − c_k, so θ_{k+1} = θ_k − η(θ_k − c_k).
        double theta = 0.0;
        for (int k = 0; k < 6; k++)
        {
            Assert.Equal(0.5 * (theta - ShiftingTarget.Target(k)) * (theta - ShiftingTarget.Target(k)), result.History[k].Loss, 15);
            theta -= LearningRate * (theta - ShiftingTarget.Target(k));
        }

        Assert.Equal(theta, result.Parameters[0], 15);
    }

    [Fact]
    public void Resume_ContinuesWithTheBatchesOfTheLaterIterations_BitForBit()
    {
        string directory = Directory.CreateTempSubdirectory("minibatch").FullName;
        try
        {
            string path = Path.Combine(directory, "run.json");
            TrainingResult straight = new Trainer(new ShiftingTarget(), new Sgd(LearningRate), new TrainerOptions { MaxIterations = 9 }).Run([1.0]);
            new Trainer(new ShiftingTarget(), new Sgd(LearningRate), new TrainerOptions { MaxIterations = 4, CheckpointPath = path }).Run([1.0]);
            var resumedObjective = new ShiftingTarget();
            TrainingResult resumed = new Trainer(resumedObjective, new Sgd(LearningRate), new TrainerOptions { MaxIterations = 9, CheckpointPath = path })
                .Resume(TrainingCheckpoint.Load(path));

            Assert.Equal(4, resumedObjective.Selected[0]);
            Assert.Equal(BitConverter.DoubleToInt64Bits(straight.Parameters[0]), BitConverter.DoubleToInt64Bits(resumed.Parameters[0]));
            Assert.Equal(straight.History.Count, resumed.History.Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>L(θ) = ½(θ − c_k)² with a target that moves with the iteration k.</summary>
    private sealed class ShiftingTarget : IMinibatchObjective
    {
        private double _target = double.NaN;

        public List<int> Selected { get; } = [];

        public int ParameterCount => 1;

        public int StateCount => 1;

        public int SampleCount => 1;

        public double Horizon => 1.0;

        public bool CanProvideSensitivities => false;

        public static double Target(int iteration) => Math.Sin(iteration);

        public void SelectBatch(int iteration)
        {
            Selected.Add(iteration);
            _target = Target(iteration);
        }

        public void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result)
        {
            result.Loss = EvaluateLoss(parameters);
            result.Gradient[0] = parameters[0] - _target;
            result.TerminalStates[0] = parameters[0];
        }

        public double EvaluateLoss(ReadOnlySpan<double> parameters) => 0.5 * (parameters[0] - _target) * (parameters[0] - _target);
    }
}
