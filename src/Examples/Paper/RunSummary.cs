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
/// <param name="FinalRate">The last recorded a (a₀ when nothing was recorded).</param>
/// <param name="FinalLoss">Its loss (NaN when nothing was recorded).</param>
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
        if (history.Count == 0)
        {
            // Diverged or cancelled before iteration 0 was recorded: a₀ is all there is.
            (RunVerdict verdict0, string why0) = run.Status switch
            {
                TrainingStatus.Cancelled => (RunVerdict.Cancelled, "cancelled before iteration 0"),
                TrainingStatus.Diverged => (RunVerdict.Diverged, Invariant($"non-finite at iteration 0: {Detail(run.Reason)}")),
                _ => (RunVerdict.Stalled, run.Reason),
            };
            return new RunSummary(method, initialValue, verdict0, why0, null, initialValue, double.NaN, double.NaN, double.NaN);
        }

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
            return (RunVerdict.Diverged, Invariant($"non-finite at iteration {run.DivergedAtIteration}: {Detail(run.Reason)}"));
        }

        if (run.Status == TrainingStatus.Cancelled)
        {
            return (RunVerdict.Cancelled, Invariant($"cancelled at iteration {run.Iteration}"));
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
            // "Vanished" only when the gradient is small next to the distance it should still cover; a loss that stops
            // falling under a large (or overflowing) gradient is the optimizer's doing, and said so.
            double distance = Math.Abs(final.Parameters[0] - targetRate);
            return double.IsFinite(final.GradientNorm) && final.GradientNorm < distance
                ? (RunVerdict.Stalled, Invariant($"gradient vanished: ‖∇L‖ = {final.GradientNorm:0.0e+00} < the distance to a* ({distance:0.0e+00}), recent rate {recent:0.000}"))
                : (RunVerdict.Stalled, Invariant($"loss stopped falling although ‖∇L‖ = {final.GradientNorm:0.0e+00} is not small (distance to a* {distance:0.0e+00}), recent rate {recent:0.000}"));
        }

        return (RunVerdict.Slow, Invariant($"still falling at rate {recent:0.000} per iteration when the budget ran out"));
    }

    // The trainer's reason without its "Diverged at iteration k: " prefix, cut to one table cell.
    private static string Detail(string reason)
    {
        int colon = reason.IndexOf(": ", StringComparison.Ordinal);
        string detail = colon >= 0 ? reason[(colon + 2)..] : reason;
        return detail.Length <= 160 ? detail : string.Concat(detail.AsSpan(0, 159), "…");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
