using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Runtime.Tests.Training;

/// <summary>The trainer's recorded norms stay finite for finite vectors whose squares overflow or underflow.</summary>
public sealed class TrainerNormTests
{
    [Theory]
    [InlineData(1e200)]
    [InlineData(1e-200)]
    public void Run_GradientWhoseSquaresLeaveTheDoubleRange_RecordsItsTrueNorm(double magnitude)
    {
        // Gradient (g, −g): ‖∇L‖ = √2·g; SGD with η = 1/g moves each parameter by exactly 1, so the step norm is √2.
        var objective = new ConstantGradientObjective(magnitude);
        TrainingResult result = new Trainer(objective, new Sgd(1.0 / magnitude), new TrainerOptions { MaxIterations = 1 }).Run([0.0, 0.0]);

        TrainingRecord first = result.History[0];

        // Scaling by the largest entry costs a few roundings: 1e-15 relative.
        Assert.Equal(1.0, first.GradientNorm / (Math.Sqrt(2.0) * magnitude), 1e-15);
        Assert.Equal(Math.Sqrt(2.0), first.StepNorm, 1e-15);
        Assert.Equal(TrainingStatus.MaxIterations, result.Status);
    }

    private sealed class ConstantGradientObjective(double magnitude) : ITrainingObjective
    {
        public int ParameterCount => 2;

        public int StateCount => 1;

        public int SampleCount => 1;

        public double Horizon => 1.0;

        public bool CanProvideSensitivities => false;

        public void Evaluate(ReadOnlySpan<double> parameters, ObjectiveEvaluation result)
        {
            result.Loss = EvaluateLoss(parameters);
            result.Gradient[0] = magnitude;
            result.Gradient[1] = -magnitude;
            result.TerminalStates[0] = 1.0;
        }

        // Decreasing along the step, finite everywhere the test goes.
        public double EvaluateLoss(ReadOnlySpan<double> parameters) => 10.0 - parameters[0] + parameters[1];
    }
}
