using System.Collections.Generic;

namespace NeuralOdeGen;

/// <summary>The trajectories of <see cref="PaperExperiment.Run"/>, method-major in the order run.</summary>
/// <param name="Settings">The settings used.</param>
/// <param name="Trajectories">One per method and initial value.</param>
public sealed record PaperExperimentResult(PaperExperimentSettings Settings, IReadOnlyList<PaperTrajectory> Trajectories);
