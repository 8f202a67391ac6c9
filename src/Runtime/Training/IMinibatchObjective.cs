namespace NeuralOdeGen;

/// <summary>
/// An <see cref="ITrainingObjective"/> that draws a different minibatch for each iteration (torchdiffeq's
/// <c>ode_demo.py</c> draws 20 random sub-trajectories per step). The <see cref="Trainer"/> calls
/// <see cref="SelectBatch"/> with the iteration number before it evaluates that iteration, so an objective that
/// derives the batch from the iteration number alone (and a seed) gives a resumed run the same batches as the
/// uninterrupted one: the trainer's bit-for-bit resume guarantee holds for minibatch training too.
/// </summary>
/// <remarks>
/// Between two calls of <see cref="SelectBatch"/> the objective is a fixed function of the parameters, so an optimizer's
/// line search or trial evaluations within one iteration all see the same batch. The stop rules compare losses of
/// different batches: leave <see cref="TrainerOptions.RelativeLossChangeTolerance"/> off for minibatch training.
/// </remarks>
public interface IMinibatchObjective : ITrainingObjective
{
    /// <summary>Makes the batch of <paramref name="iteration"/> (0, 1, …) the one every later evaluation uses.</summary>
    /// <param name="iteration">The iteration about to be evaluated.</param>
    void SelectBatch(int iteration);
}
