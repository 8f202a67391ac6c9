using System;
using System.Collections.Generic;
using System.Globalization;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>One method from one initial value, reduced to the numbers the summary reports.</summary>
/// <param name="Method">The CSV name: sgd, adam or variance-corrected.</param>
/// <param name="InitialValue">a₀.</param>
/// <param name="Verdict">How it ended.</param>
/// <param name="Why">One phrase with the evidence for the verdict.</param>
/// <param name="IterationsToTolerance">The first k from which Loss(a_j) stays below the tolerance, or null.</param>
/// <param name="FinalRate">The last recorded a.</param>
/// <param name="FinalLoss">Its loss.</param>
/// <param name="MeanContraction">(L_K / L_0)^{1/K} over the iterations K before the tolerance (or all).</param>
/// <param name="AsymptoticContraction">L_{k+1}/L_k at the last step still above the tolerance, or NaN.</param>
internal sealed record RunSummary(
    string Method,
    double InitialValue,
    RunVerdict Verdict,
    string Why,
    int? IterationsToTolerance,
    double FinalRate,
    double FinalLoss,
    double MeanContraction,
    double AsymptoticContraction)
{
    /// <summary>Reduces <paramref name="run"/> to its summary.</summary>
    public static RunSummary From(string method, double initialValue, TrainingResult run, double targetRate, double tolerance)
    {
        TrainingHistory history = run.History;
        // Converged from the first k after which every loss stays below the tolerance: a run that passes
        // through a* by chance (Adam's first step is exactly ±η) and leaves again has not converged.
        int? reached = null;
        for (int k = history.Count - 1; k >= 0 && history[k].Loss < tolerance; k--)
        {
            reached = k;
        }

        int last = reached ?? (history.Count - 1);
        double meanContraction = last > 0 && history[0].Loss > 0.0
            ? Math.Pow(history[last].Loss / history[0].Loss, 1.0 / last)
            : double.NaN;
        double asymptotic = double.NaN;
        for (int k = last - 1; k >= 0; k--)
        {
            if (history[k + 1].Loss >= tolerance && history[k].Loss > 0.0)
            {
                asymptotic = history[k + 1].Loss / history[k].Loss;
                break;
            }
        }

        TrainingRecord final = history[^1];
        (RunVerdict verdict, string why) = Judge(run, history, targetRate, reached);
        return new RunSummary(method, initialValue, verdict, why, reached, final.Parameters[0], final.Loss, meanContraction, asymptotic);
    }

    private static (RunVerdict Verdict, string Why) Judge(TrainingResult run, TrainingHistory history, double targetRate, int? reached)
    {
        if (run.Status == TrainingStatus.Diverged)
        {
            return (RunVerdict.Diverged, $"non-finite at iteration {run.DivergedAtIteration}");
        }

        if (reached is int k)
        {
            return (RunVerdict.Converged, $"loss below tolerance at iteration {k}");
        }

        int crossings = 0;
        int increases = 0;
        for (int i = 1; i < history.Count; i++)
        {
            if (Math.Sign(history[i].Parameters[0] - targetRate) != Math.Sign(history[i - 1].Parameters[0] - targetRate))
            {
                crossings++;
            }

            if (history[i].Loss > history[i - 1].Loss)
            {
                increases++;
            }
        }

        if (crossings >= 3 && increases >= 3)
        {
            return (RunVerdict.Oscillating, Invariant($"a crossed a* {crossings} times, loss rose {increases} times"));
        }

        // The recent rate tells a vanishing gradient (rate → 1) from slow but steady linear decay.
        int window = Math.Min(10, history.Count - 1);
        double recent = window > 0 && history[^(window + 1)].Loss > 0.0
            ? Math.Pow(history[^1].Loss / history[^(window + 1)].Loss, 1.0 / window)
            : 1.0;
        TrainingRecord final = history[^1];
        if (recent > 0.99)
        {
            return (RunVerdict.Stalled, Invariant($"gradient vanished: ‖∇L‖ = {final.GradientNorm:0.0e+00}, recent rate {recent:0.000}"));
        }

        return (RunVerdict.Slow, Invariant($"still falling at rate {recent:0.000} per iteration when the budget ran out"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
