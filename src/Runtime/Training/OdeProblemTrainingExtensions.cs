using System;
using System.Threading;

namespace NeuralOdeGen;

/// <summary>Trains an <see cref="OdeProblem{TModel}"/> in one call.</summary>
public static class OdeProblemTrainingExtensions
{
    /// <summary>Wraps the problem as an <see cref="ITrainingObjective"/>.</summary>
    public static OdeProblemObjective<TModel> AsObjective<TModel>(this OdeProblem<TModel> problem)
        where TModel : struct, IOdeModel<TModel> => new(problem);

    /// <summary>Minimises the problem's loss with <paramref name="optimizer"/> from <paramref name="initialParameters"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="initialParameters">θ₀ (length m, finite).</param>
    /// <param name="options">Stop rules and checkpointing; defaults if <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run between iterations.</param>
    /// <example>
    /// <code>
    /// var problem = new TerminalProblem&lt;Decay&gt;(data, sensitivity: new ForwardSensitivity());
    /// TrainingResult fit = problem.Train(new GaussNewton(), [0.0], new TrainerOptions { LossTolerance = 1e-12 });
    /// </code>
    /// </example>
    public static TrainingResult Train<TModel>(
        this OdeProblem<TModel> problem,
        IOptimizer optimizer,
        ReadOnlySpan<double> initialParameters,
        TrainerOptions? options = null,
        CancellationToken cancellationToken = default)
        where TModel : struct, IOdeModel<TModel> =>
        new Trainer(new OdeProblemObjective<TModel>(problem), optimizer, options).Run(initialParameters, cancellationToken);
}
