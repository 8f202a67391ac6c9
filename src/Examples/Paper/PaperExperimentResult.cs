using System.Collections.Generic;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>The trajectories of <see cref="PaperExperiment.Run"/>, method-major in the order run.</summary>
/// <param name="Settings">The settings used.</param>
/// <param name="Trajectories">One per method and initial value.</param>
internal sealed record PaperExperimentResult(PaperExperimentSettings Settings, IReadOnlyList<PaperTrajectory> Trajectories);
