using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using NeuralOdeGen.Examples.Cli;
using NeuralOdeGen.Examples.Models;

namespace NeuralOdeGen.Examples.Training;

/// <summary>
/// The settings a <c>neuralode train</c> run uses, recorded in its checkpoint (<see cref="TrainingCheckpoint.Settings"/>)
/// under the option names without dashes, so that <c>--resume FILE</c> needs no other option: each setting comes from
/// the command line, else from the resumed checkpoint, else from its default. An option given on the command line
/// that differs from the recorded value is a usage error naming both — except <c>--iterations</c>, which may be
/// raised to go further.
/// </summary>
internal sealed record TrainSettings
{
    public required string Model { get; init; }

    public required string Optimizer { get; init; }

    public required double LearningRate { get; init; }

    public required int Iterations { get; init; }

    public required string Solver { get; init; }

    public required string Sensitivity { get; init; }

    public required int Samples { get; init; }

    public required double Noise { get; init; }

    public required int Seed { get; init; }

    /// <summary>Gets the output directory as a full path.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Resolves the settings of a fresh run (<paramref name="resumed"/> null) or of a resumed one.</summary>
    /// <exception cref="UsageException">A name is unknown, or an option conflicts with the recorded setting.</exception>
    /// <exception cref="InvalidDataException">The checkpoint records a value this build cannot read.</exception>
    public static TrainSettings Resolve(TrainOptions options, TrainingCheckpoint? resumed, string? resumePath)
    {
        IReadOnlyDictionary<string, string> recorded = resumed?.Settings ?? new Dictionary<string, string>();
        var resolver = new Resolver(recorded, resumePath ?? "");
        ExampleModel model = Names.Lookup(ExampleModels.Catalogue, options.Model, "model");
        string modelName = resolver.Text("model", model.Name) ?? model.Name;
        string optimizer = resolver.Text("optimizer", Canonical(Optimizers.Catalogue, options.Optimizer, "optimizer")) ?? model.DefaultOptimizer;
        (_, double optimizerRate) = Names.Lookup(Optimizers.Catalogue, optimizer, "optimizer");
        double defaultRate = optimizer == model.DefaultOptimizer ? model.DefaultLearningRate ?? optimizerRate : optimizerRate;
        IOptimizer probe = Optimizers.Create(optimizer, null);
        string solver = resolver.Text("solver", Canonical(Solvers.Catalogue, options.Solver, "solver")) ?? model.DefaultSolver;

        // Through an implicit solver the forward sensitivities are the exact derivative of its steps (the discrete adjoint has no implicit path).
        string defaultSensitivity = probe.RequiresSensitivities || Solvers.Create(solver).IsImplicit ? "forward" : "discrete-adjoint";
        return new TrainSettings
        {
            Model = modelName,
            Optimizer = optimizer,
            LearningRate = resolver.Number("lr", options.LearningRate) ?? defaultRate,
            Iterations = options.Iterations ?? resolver.Integer("iterations", null) ?? model.DefaultIterations,
            Solver = solver,
            Sensitivity = resolver.Text("sensitivity", Canonical(Sensitivities.Catalogue, options.Sensitivity, "sensitivity")) ?? defaultSensitivity,
            Samples = resolver.Integer("samples", options.Samples) ?? model.DefaultSamples,
            Noise = resolver.Number("noise", options.Noise) ?? 0.0,
            Seed = resolver.Integer("seed", options.Seed) ?? 0,
            OutputDirectory = resolver.Text("out", options.OutputDirectory is null ? null : Path.GetFullPath(options.OutputDirectory))
                ?? Path.GetFullPath(Path.Combine("out", "train", modelName)),
        };
    }

    /// <summary>The settings as the checkpoint records them (invariant culture, doubles round-trip).</summary>
    public Dictionary<string, string> ToRecord() => new(StringComparer.Ordinal)
    {
        ["model"] = Model,
        ["optimizer"] = Optimizer,
        ["lr"] = Format(LearningRate),
        ["iterations"] = Format(Iterations),
        ["solver"] = Solver,
        ["sensitivity"] = Sensitivity,
        ["samples"] = Format(Samples),
        ["noise"] = Format(Noise),
        ["seed"] = Format(Seed),
        ["out"] = OutputDirectory,
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Canonical<T>(IReadOnlyDictionary<string, T> catalogue, string? value, string what)
    {
        if (value is null)
        {
            return null;
        }

        Names.Lookup(catalogue, value, what);
        return value.Trim().ToLowerInvariant();
    }

    private sealed class Resolver(IReadOnlyDictionary<string, string> recorded, string resumePath)
    {
        public string? Text(string key, string? given)
        {
            string? stored = Recorded(key);
            if (given is not null && stored is not null && !string.Equals(given, stored, StringComparison.Ordinal))
            {
                throw Conflict(key, given, stored);
            }

            return given ?? stored;
        }

        public int? Integer(string key, int? given)
        {
            string? stored = Recorded(key);
            if (stored is null)
            {
                return given;
            }

            if (!int.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                throw Unreadable(key, stored);
            }

            if (given is int g && g != value)
            {
                throw Conflict(key, Format(g), stored);
            }

            return value;
        }

        public double? Number(string key, double? given)
        {
            string? stored = Recorded(key);
            if (stored is null)
            {
                return given;
            }

            if (!double.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw Unreadable(key, stored);
            }

            if (given is double g && g != value)
            {
                throw Conflict(key, Format(g), stored);
            }

            return value;
        }

        private string? Recorded(string key) => recorded.TryGetValue(key, out string? value) ? value : null;

        private UsageException Conflict(string key, string given, string stored)
        {
            string option = key == "model" ? "MODEL" : "--" + key;
            string separator = key == "model" ? " = " : " ";
            return new UsageException(
                $"{option}{separator}{given} conflicts with the run being resumed ({resumePath}), which was recorded with {option}{separator}{stored}; "
                + (key == "model" ? "give the recorded model." : $"leave {option} out to continue with the recorded value, or start a new run without --resume."));
        }

        private InvalidDataException Unreadable(string key, string stored) =>
            new($"The checkpoint {resumePath} records '{stored}' for --{key}, which is not a number.");
    }
}
