using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace NeuralOdeGen;

/// <summary>
/// Minimises an <see cref="ITrainingObjective"/> with any <see cref="IOptimizer"/>: evaluates, records, checks the
/// stop rules, steps; writes checkpoints; stops with <see cref="TrainingStatus.Diverged"/> (keeping the last
/// finite parameters) when a loss, gradient or step is not finite.
/// </summary>
/// <remarks>
/// Iteration k evaluates θ_k, records it, checks the stop rules in the order loss, gradient norm, relative
/// loss change, iteration budget, and then steps to θ_{k+1}. The trainer itself is deterministic (no random
/// numbers), so a run resumed from a <see cref="TrainingCheckpoint"/> is bit-for-bit the uninterrupted run.
/// </remarks>
/// <example>
/// <code>
/// var trainer = new Trainer(problem.AsObjective(), new VarianceCorrected(0.5),
///     new TrainerOptions { MaxIterations = 200, LossTolerance = 1e-12, CheckpointPath = "run.json", CheckpointInterval = 10 });
/// TrainingResult result = trainer.Run([0.0]);                    // or trainer.Resume(TrainingCheckpoint.Load("run.json"))
/// File.WriteAllText("history.csv", result.History.ToCsv());
/// </code>
/// </example>
public sealed class Trainer
{
    private readonly ITrainingObjective _objective;
    private readonly IOptimizer _optimizer;
    private readonly TrainerOptions _options;

    /// <summary>Creates a trainer.</summary>
    /// <param name="objective">The loss to minimise.</param>
    /// <param name="optimizer">The update rule; its state continues across calls.</param>
    /// <param name="options">Stop rules and checkpointing; defaults if <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The optimizer needs sensitivities the objective cannot provide, or an option is invalid.</exception>
    public Trainer(ITrainingObjective objective, IOptimizer optimizer, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(optimizer);
        options ??= new TrainerOptions();
        options.Validate();
        if (optimizer.RequiresSensitivities && !objective.CanProvideSensitivities)
        {
            throw new ArgumentException(
                $"The optimizer '{optimizer.Name}' needs per-sample sensitivities ∂x_t/∂θ, which this objective cannot provide; "
                + "use forward sensitivities.", nameof(optimizer));
        }

        _objective = objective;
        _optimizer = optimizer;
        _options = options;
    }

    /// <summary>Trains from <paramref name="initialParameters"/> with the optimizer in its current state.</summary>
    /// <exception cref="ArgumentException">
    /// The length does not match the objective, or a value is not finite; or <see cref="TrainerOptions.CheckpointPath"/>
    /// cannot hold a checkpoint (its directory does not exist, or it is a file that is not a checkpoint and
    /// <see cref="TrainerOptions.OverwriteCheckpoint"/> is off) — checked before the first iteration.
    /// </exception>
    /// <exception cref="System.IO.IOException">The checkpoint's directory is not writable (found before the first iteration).</exception>
    public TrainingResult Run(ReadOnlySpan<double> initialParameters, CancellationToken cancellationToken = default)
    {
        if (initialParameters.Length != _objective.ParameterCount)
        {
            throw new ArgumentException(
                $"Got {initialParameters.Length} initial parameters; the objective has {_objective.ParameterCount}.", nameof(initialParameters));
        }

        for (int k = 0; k < initialParameters.Length; k++)
        {
            if (!double.IsFinite(initialParameters[k]))
            {
                throw new ArgumentException($"Initial parameter {k} is {initialParameters[k]}.", nameof(initialParameters));
            }
        }

        double[] parameters = initialParameters.ToArray();
        IReadOnlyDictionary<string, string>? settings = _options.Settings;
        using CheckpointWriter? writer = OpenCheckpoint();
        List<TrainingRecord> history = [];
        StartCheckpoint(writer, 0, parameters, double.NaN, history, settings);
        return Continue(0, parameters, double.NaN, history, writer, settings, cancellationToken);
    }

    /// <summary>Continues the run stored in <paramref name="checkpoint"/>; restores the optimizer's state from it.</summary>
    /// <exception cref="ArgumentException">
    /// The checkpoint belongs to another optimizer, another model or another parameter count; or
    /// <see cref="TrainerOptions.CheckpointPath"/> cannot hold a checkpoint (see <see cref="Run"/>).
    /// </exception>
    /// <exception cref="System.IO.IOException">The checkpoint's directory is not writable (found before the first iteration).</exception>
    /// <exception cref="System.IO.InvalidDataException">The checkpoint is internally inconsistent.</exception>
    public TrainingResult Resume(TrainingCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Validate("checkpoint");
        if (!string.Equals(checkpoint.OptimizerName, _optimizer.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The checkpoint was written by optimizer '{checkpoint.OptimizerName}', but this trainer uses '{_optimizer.Name}'.", nameof(checkpoint));
        }

        if (checkpoint.ModelName is not null && _objective.ModelName is not null
            && !string.Equals(checkpoint.ModelName, _objective.ModelName, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The checkpoint was written while fitting model '{checkpoint.ModelName}', but this trainer fits '{_objective.ModelName}'.", nameof(checkpoint));
        }

        if (checkpoint.ParameterCount != _objective.ParameterCount || checkpoint.Parameters.Length != _objective.ParameterCount)
        {
            throw new ArgumentException(
                $"The checkpoint has {checkpoint.ParameterCount} parameters, but the objective has {_objective.ParameterCount}.", nameof(checkpoint));
        }

        using CheckpointWriter? writer = OpenCheckpoint();
        _optimizer.SetState(checkpoint.OptimizerState);
        double[] parameters = (double[])checkpoint.Parameters.Clone();
        IReadOnlyDictionary<string, string> settings = _options.Settings ?? checkpoint.Settings;
        List<TrainingRecord> history = [.. checkpoint.History];
        StartCheckpoint(writer, checkpoint.Iteration, parameters, checkpoint.PreviousLoss, history, settings);
        return Continue(checkpoint.Iteration, parameters, checkpoint.PreviousLoss, history, writer, settings, cancellationToken);
    }

    // Checks the checkpoint's location before the first iteration (a bad path fails here, not mid-run).
    private CheckpointWriter? OpenCheckpoint() =>
        _options.CheckpointPath is null ? null : CheckpointWriter.Open(_options.CheckpointPath, _options.OverwriteCheckpoint);

    // The run owns its checkpoint from the start: an older run's checkpoint at the same path is replaced now, not at
    // the first periodic write (which a run that diverges early never reaches).
    private void StartCheckpoint(
        CheckpointWriter? writer, int k, double[] parameters, double previousLoss, List<TrainingRecord> history, IReadOnlyDictionary<string, string>? settings)
    {
        if (writer is not null)
        {
            writer.Start(history);
            writer.Write(CreatePayload(k, parameters, previousLoss, settings), history, history.Count);
        }
    }

    private TrainingResult Continue(
        int iteration,
        double[] parameters,
        double previousLoss,
        List<TrainingRecord> history,
        CheckpointWriter? writer,
        IReadOnlyDictionary<string, string>? settings,
        CancellationToken cancellationToken)
    {
        int m = _objective.ParameterCount;
        var evaluation = new ObjectiveEvaluation(m, _objective.StateCount, _objective.SampleCount, _optimizer.RequiresSensitivities);
        double[] before = new double[m];
        double[] lastFinite = (double[])parameters.Clone();
        double lastFiniteLoss = history.Count > 0 ? history[^1].Loss : double.NaN;
        if (history.Count > 0)
        {
            lastFinite = (double[])history[^1].Parameters.Clone();
        }

        for (int k = iteration; ; k++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Stop(TrainingStatus.Cancelled, Invariant($"Cancelled before evaluating iteration {k}."), k, parameters, double.NaN, previousLoss, history, writer, settings);
            }

            evaluation.Failure = null;
            (_objective as IMinibatchObjective)?.SelectBatch(k);
            _objective.Evaluate(parameters, evaluation);
            string? failure = DescribeNonFinite(evaluation);
            if (failure is not null)
            {
                return Diverge(k, Invariant($"Diverged at iteration {k}: {failure} at parameters [{Format(parameters)}]."), lastFinite, lastFiniteLoss, history);
            }

            double loss = evaluation.Loss;
            double gradientNorm = Norm(evaluation.Gradient);
            double variance = TerminalVariance.Compute(evaluation.TerminalStates, _objective.SampleCount).Value;
            lastFinite = (double[])parameters.Clone();
            lastFiniteLoss = loss;

            (TrainingStatus Status, string Reason)? stop = CheckStopRules(k, loss, gradientNorm, previousLoss);
            if (stop is { } rule)
            {
                Record(history, new TrainingRecord(k, loss, lastFinite, gradientNorm, variance, double.NaN, double.NaN));
                return Stop(rule.Status, rule.Reason, k, parameters, loss, previousLoss, history, writer, settings, recordedLast: true);
            }

            parameters.CopyTo(before, 0);
            string? stepFailure = null;
            try
            {
                var context = new OptimizerContext(
                    loss, _objective.Horizon, _objective.StateCount, evaluation.TerminalStates, evaluation.Sensitivities, _objective);
                _optimizer.Step(parameters, evaluation.Gradient, in context);
            }
            catch (OptimizerException exception)
            {
                stepFailure = exception.Message;
            }

            stepFailure ??= DescribeNonFiniteParameters(parameters);
            if (stepFailure is not null)
            {
                before.CopyTo(parameters, 0);
                Record(history, new TrainingRecord(k, loss, lastFinite, gradientNorm, variance, double.NaN, double.NaN));
                return Diverge(k, Invariant($"Diverged at iteration {k}: the {_optimizer.Name} step failed: {stepFailure}"), lastFinite, loss, history);
            }

            double stepNorm = Distance(parameters, before);
            double effective = gradientNorm > 0.0 ? stepNorm / gradientNorm : 0.0;
            Record(history, new TrainingRecord(k, loss, lastFinite, gradientNorm, variance, stepNorm, effective));
            previousLoss = loss;
            if (writer is not null && _options.CheckpointInterval > 0 && (k + 1) % _options.CheckpointInterval == 0)
            {
                writer.Write(CreatePayload(k + 1, parameters, previousLoss, settings), history, history.Count);
            }
        }
    }

    private (TrainingStatus Status, string Reason)? CheckStopRules(int k, double loss, double gradientNorm, double previousLoss)
    {
        if (loss < _options.LossTolerance)
        {
            return (TrainingStatus.Converged, Invariant($"Converged at iteration {k}: loss {loss:R} is below {_options.LossTolerance:R}."));
        }

        if (gradientNorm < _options.GradientTolerance)
        {
            return (TrainingStatus.Converged, Invariant($"Converged at iteration {k}: gradient norm {gradientNorm:R} is below {_options.GradientTolerance:R}."));
        }

        if (double.IsFinite(previousLoss) && previousLoss != 0.0)
        {
            double change = Math.Abs(loss - previousLoss) / Math.Abs(previousLoss);
            if (change < _options.RelativeLossChangeTolerance)
            {
                return (TrainingStatus.Stalled, Invariant(
                    $"Stalled at iteration {k}: relative loss change {change:R} is below {_options.RelativeLossChangeTolerance:R} (loss {loss:R})."));
            }
        }

        if (k >= _options.MaxIterations)
        {
            return (TrainingStatus.MaxIterations, Invariant($"Reached the iteration budget of {_options.MaxIterations} steps (loss {loss:R})."));
        }

        return null;
    }

    private void Record(List<TrainingRecord> history, TrainingRecord record)
    {
        history.Add(record);
        _options.Progress?.Invoke(record);
    }

    private TrainingResult Stop(
        TrainingStatus status,
        string reason,
        int k,
        double[] parameters,
        double loss,
        double previousLoss,
        List<TrainingRecord> history,
        CheckpointWriter? writer,
        IReadOnlyDictionary<string, string>? settings,
        bool recordedLast = false)
    {
        // The checkpoint resumes by re-evaluating θ_k, so it holds the records before k only.
        int kept = recordedLast ? history.Count - 1 : history.Count;
        writer?.Write(CreatePayload(k, parameters, previousLoss, settings), history, kept);
        var checkpoint = new TrainingCheckpoint(
            _optimizer.Name, parameters.Length, k, (double[])parameters.Clone(), previousLoss, _optimizer.GetState(), history[..kept], _objective.ModelName, settings);

        (int steps, int unchanged) = CountUnchangedSteps(history);
        if ((status is TrainingStatus.MaxIterations or TrainingStatus.Stalled) && steps > 0 && unchanged == steps)
        {
            status = TrainingStatus.NoProgress;
            reason = Invariant(
                $"No progress: every one of the {steps} {_optimizer.Name} steps left the parameters unchanged although the gradient was not zero (the optimizer rejected them; try a smaller learning rate). {reason}");
        }

        return new TrainingResult(status, reason, k, (double[])parameters.Clone(), loss, new TrainingHistory(history), null, checkpoint, unchanged);
    }

    private static TrainingResult Diverge(int k, string reason, double[] lastFinite, double lastFiniteLoss, List<TrainingRecord> history) =>
        new(TrainingStatus.Diverged, reason, k, (double[])lastFinite.Clone(), lastFiniteLoss, new TrainingHistory(history), k, null, CountUnchangedSteps(history).Unchanged);

    // A step is a record with a finite step length; it is unchanged when that length is 0 but the gradient was not.
    private static (int Steps, int Unchanged) CountUnchangedSteps(List<TrainingRecord> history)
    {
        int steps = 0;
        int unchanged = 0;
        foreach (TrainingRecord record in history)
        {
            if (!double.IsNaN(record.StepNorm))
            {
                steps++;
                if (record.StepNorm == 0.0 && record.GradientNorm > 0.0)
                {
                    unchanged++;
                }
            }
        }

        return (steps, unchanged);
    }

    private CheckpointPayload CreatePayload(int k, double[] parameters, double previousLoss, IReadOnlyDictionary<string, string>? settings) => new()
    {
        OptimizerName = _optimizer.Name,
        ParameterCount = parameters.Length,
        Iteration = k,
        Parameters = parameters,
        PreviousLoss = previousLoss,
        OptimizerState = _optimizer.GetState(),
        ModelName = _objective.ModelName,
        Settings = settings is null || settings.Count == 0 ? null : new SortedDictionary<string, string>(new Dictionary<string, string>(settings), StringComparer.Ordinal),
    };

    private static string? DescribeNonFinite(ObjectiveEvaluation evaluation)
    {
        if (evaluation.Failure is not null)
        {
            return "the objective failed (" + evaluation.Failure + ")";
        }

        if (!double.IsFinite(evaluation.Loss))
        {
            return Invariant($"the loss is {evaluation.Loss}");
        }

        double[] gradient = evaluation.Gradient;
        for (int k = 0; k < gradient.Length; k++)
        {
            if (!double.IsFinite(gradient[k]))
            {
                return Invariant($"gradient component {k} is {gradient[k]} (loss {evaluation.Loss:R})");
            }
        }

        return null;
    }

    private static string? DescribeNonFiniteParameters(double[] parameters)
    {
        for (int k = 0; k < parameters.Length; k++)
        {
            if (!double.IsFinite(parameters[k]))
            {
                return Invariant($"it produced parameter {k} = {parameters[k]}.");
            }
        }

        return null;
    }

    private static double Norm(ReadOnlySpan<double> values)
    {
        double sum = 0.0;
        foreach (double v in values)
        {
            sum += v * v;
        }

        return PlainSumIsSafe(sum) ? Math.Sqrt(sum) : ScaledNorm(values, default);
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0.0;
        for (int k = 0; k < a.Length; k++)
        {
            double d = a[k] - b[k];
            sum += d * d;
        }

        return PlainSumIsSafe(sum) ? Math.Sqrt(sum) : ScaledNorm(a, b);
    }

    // The plain sum of squares is exact enough unless it overflowed (a finite vector above ~1e154) or lost the
    // smallest entries to underflow; only then is the norm taken again with the entries scaled by the largest, so the
    // recorded norms of ordinary runs keep their bits.
    private static bool PlainSumIsSafe(double sum) => double.IsNaN(sum) || (sum >= 1e-280 && sum <= double.MaxValue);

    // ‖a − b‖ (b empty: ‖a‖) as scale·√Σ(d/scale)², scale = max |d|: finite whenever every difference is.
    private static double ScaledNorm(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double scale = 0.0;
        for (int k = 0; k < a.Length; k++)
        {
            scale = Math.Max(scale, Math.Abs(b.IsEmpty ? a[k] : a[k] - b[k]));
        }

        if (scale == 0.0 || !double.IsFinite(scale))
        {
            return scale;
        }

        double sum = 0.0;
        for (int k = 0; k < a.Length; k++)
        {
            double d = (b.IsEmpty ? a[k] : a[k] - b[k]) / scale;
            sum += d * d;
        }

        return scale * Math.Sqrt(sum);
    }

    private static string Format(ReadOnlySpan<double> values)
    {
        var parts = new string[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            parts[k] = values[k].ToString("R", CultureInfo.InvariantCulture);
        }

        return string.Join(", ", parts);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
