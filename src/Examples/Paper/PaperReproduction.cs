using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Examples.Cli;
using NeuralOdeGen.Examples.Models;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>
/// Runs the paper's experiments through the real pipeline: the generated <see cref="Decay"/> model, the chosen
/// solver and the continuous adjoint (the paper's Algorithm 1) on x₀ ~ N(0, 1) samples.
/// </summary>
internal static class PaperReproduction
{
    /// <summary>Runs every experiment; after <paramref name="cancellationToken"/> fires, the runs stop and the theorem check is skipped.</summary>
    public static PaperReport Run(PaperOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        OdeSolver solver = Solvers.Create(options.Solver);
        ISensitivityMethod sensitivity = Sensitivities.Create(options.Sensitivity);

        // x₀ ~ N(0, σ² = 1); targets φ^t_{f*}(x₀) = x₀ e^{a* t} in closed form (paper eq. 4), exact at any horizon, so
        // no solver stands between the options and the data (an adaptive solve gives up at t = 1e300).
        double[] initialStates = Dataset.SampleInitialStates(options.Samples, 1, new Normal(0.0, 1.0, new MersenneTwister(options.Seed)));
        double[] targets = new double[initialStates.Length];
        double growth = Math.Exp(options.TargetRate * options.Horizon);
        for (int i = 0; i < initialStates.Length; i++)
        {
            targets[i] = initialStates[i] * growth;
        }

        Dataset data = Dataset.Terminal(1, initialStates, targets, options.Horizon);
        var objective = new OdeProblemObjective<Decay>(new TerminalProblem<Decay>(data, solver, sensitivity));

        var settings = new PaperExperimentSettings
        {
            TargetRate = options.TargetRate,
            Horizon = options.Horizon,
            LearningRate = options.LearningRate,
            InitialValues = options.InitialValues,
            SampleCount = options.Samples,
            Seed = options.Seed,
            Iterations = options.Iterations,
        };
        PaperExperimentResult experiment = PaperExperiment.Run(settings, _ => objective, cancellationToken);

        var runs = new List<RunSummary>(experiment.Trajectories.Count);
        foreach (PaperTrajectory trajectory in experiment.Trajectories)
        {
            runs.Add(RunSummary.From(MethodName(trajectory.Method), trajectory.InitialValue, trajectory.Result, options.TargetRate, options.LossTolerance));
        }

        var theorem = new List<TheoremCheck>();
        double low = Min(options.InitialValues);
        double high = Max(options.InitialValues);
        double[] starts = low == high ? [low] : [low, high];
        foreach (double eta in TheoremRates(options))
        {
            foreach (double a0 in starts)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var trainer = new Trainer(objective, new VarianceCorrected(eta), new TrainerOptions { MaxIterations = options.TheoremIterations, LossTolerance = options.LossTolerance });
                TrainingResult result = trainer.Run([a0], cancellationToken);
                RunSummary summary = RunSummary.From("variance-corrected", a0, result, options.TargetRate, options.LossTolerance);
                TrainingHistory history = result.History;
                double first = history.Count > 1 ? history[1].Loss / history[0].Loss : double.NaN;
                theorem.Add(new TheoremCheck(eta, a0, first, summary.AsymptoticContraction, summary.IterationsToTolerance));
            }
        }

        return new PaperReport(
            options, solver.ToString(), sensitivity.Name, LossLandscape.Figure1(1.0), experiment, runs, theorem, clock.Elapsed.TotalSeconds,
            cancellationToken.IsCancellationRequested);
    }

    // The check's rates, plus the experiment's own when it is not among them.
    private static List<double> TheoremRates(PaperOptions options)
    {
        var rates = new List<double>(options.TheoremLearningRates);
        if (!rates.Contains(options.LearningRate))
        {
            rates.Add(options.LearningRate);
            rates.Sort();
        }

        return rates;
    }

    /// <summary>Maps the runtime's method names to the CSV's.</summary>
    public static string MethodName(string method) => method switch
    {
        "Sgd" => "sgd",
        "Adam" => "adam",
        "VarianceCorrected" => "variance-corrected",
        "GaussNewton" => "gauss-newton",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a method of PaperExperiment."),
    };

    private static double Min(IReadOnlyList<double> values)
    {
        double min = double.PositiveInfinity;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
        }

        return min;
    }

    private static double Max(IReadOnlyList<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
