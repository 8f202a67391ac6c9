using System;
using System.Collections.Generic;
using System.Threading;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>
/// The paper's §6 comparison: gradient descent, Adam and the variance-corrected rule (and, on request,
/// Gauss–Newton) with the same learning rate on <c>f(x) = a·x</c> towards <c>a*</c>, from several initial values of <c>a</c>.
/// </summary>
internal static class PaperExperiment
{
    private static readonly string[] Methods = ["Sgd", "Adam", "VarianceCorrected"];

    /// <summary>Runs every method from every initial value.</summary>
    /// <param name="settings">The experiment; the defaults are the paper's (a* = −1, t = 1, η = 0.5).</param>
    /// <param name="objectiveFactory">Builds the objective (one parameter a) for the settings.</param>
    /// <param name="cancellationToken">Stops the run under way; the runs not yet started end at once as <see cref="TrainingStatus.Cancelled"/>.</param>
    public static PaperExperimentResult Run(
        PaperExperimentSettings settings, Func<PaperExperimentSettings, ITrainingObjective> objectiveFactory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(objectiveFactory);
        settings.Validate();
        ITrainingObjective objective = objectiveFactory(settings);
        if (objective.ParameterCount != 1)
        {
            throw new ArgumentException($"The paper's experiment has one parameter a; the objective has {objective.ParameterCount}.", nameof(objectiveFactory));
        }

        var options = new TrainerOptions { MaxIterations = settings.Iterations };
        var trajectories = new List<PaperTrajectory>();
        foreach (string method in settings.IncludeGaussNewton ? (string[])[.. Methods, "GaussNewton"] : Methods)
        {
            foreach (double initialValue in settings.InitialValues)
            {
                IOptimizer optimizer = method switch
                {
                    "Sgd" => new Sgd(settings.LearningRate),
                    "Adam" => new Adam(settings.LearningRate),
                    "VarianceCorrected" => new VarianceCorrected(settings.LearningRate),
                    _ => new GaussNewton(settings.LearningRate),
                };
                TrainingResult result = new Trainer(objective, optimizer, options).Run([initialValue], cancellationToken);
                trajectories.Add(new PaperTrajectory(method, initialValue, result));
            }
        }

        return new PaperExperimentResult(settings, trajectories);
    }
}
