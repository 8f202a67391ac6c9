using System.Collections.Generic;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>Everything <c>neuralode paper</c> computed, ready to be written and printed.</summary>
/// <param name="Cancelled">Whether Ctrl-C stopped the computation: runs may be cut short and the theorem check missing.</param>
internal sealed record PaperReport(
    PaperOptions Options,
    string SolverDescription,
    string SensitivityName,
    IReadOnlyList<LandscapePoint> Landscape,
    PaperExperimentResult Experiment,
    IReadOnlyList<RunSummary> Runs,
    IReadOnlyList<TheoremCheck> Theorem,
    double Seconds,
    bool Cancelled = false);
