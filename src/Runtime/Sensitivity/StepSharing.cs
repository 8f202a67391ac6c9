namespace NeuralOdeGen;

/// <summary>
/// How an adaptive solver chooses its steps when a problem's samples are solved in vector lanes
/// (<see cref="DiscreteAdjoint"/>, <see cref="ContinuousAdjoint"/>, <see cref="CheckpointedAdjoint"/>,
/// <see cref="ForwardSensitivity"/>; models with generated lane code, explicit adaptive solvers).
/// </summary>
public enum StepSharing
{
    /// <summary>
    /// Every sample takes its own steps, exactly as when solved alone: results do not depend on which samples are solved
    /// together. The default.
    /// </summary>
    PerSample,

    /// <summary>
    /// Each group of up to 128 consecutive samples (<see cref="VectorLanes.SamplesPerGroup"/>; fewer for forward sensitivities
    /// of a model with many parameters) shares one step sequence,
    /// advanced in vector lanes with the generated lane code: a step is accepted when every sample of the group accepts
    /// it (the error norm is the largest of the samples' own norms), so each sample meets its tolerance, usually with
    /// smaller steps than alone. A sample's result then depends on its group (it differs from the per-sample solve within
    /// the tolerance) but not on the thread count. torchdiffeq solves a batch this way, with the RMS over the whole batch.
    /// </summary>
    PerGroup,
}
