namespace NeuralOdeGen;

/// <summary>How <see cref="InitialStateObjective{TModel}"/> trains initial states.</summary>
public enum InitialStateSharing
{
    /// <summary>One initial state <c>x0</c> (n entries) for every sample; its gradient is the sum of the samples'.</summary>
    Shared,

    /// <summary>One initial state per sample (N×n entries, latent-ODE style); each gets its own sample's gradient.</summary>
    PerSample,
}
