using System;
using System.Collections.Generic;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace NeuralOdeGen.Examples.Models;

/// <summary>
/// A generated model with what <c>neuralode train</c> needs to fit it: true parameters that generate the data,
/// a starting guess, where initial states come from, and when the trajectory is observed.
/// </summary>
internal abstract class ExampleModel
{
    protected ExampleModel(string name, string summary, double[] trueParameters, double[] initialGuess, double[] observationTimes, OdeSolver? stiffSolver)
    {
        StiffSolver = stiffSolver;
        Name = name;
        Summary = summary;
        TrueParameters = trueParameters;
        InitialGuess = initialGuess;
        ObservationTimes = observationTimes;
    }

    /// <summary>Gets the command-line name (kebab case).</summary>
    public string Name { get; }

    /// <summary>Gets one sentence about the model.</summary>
    public string Summary { get; }

    /// <summary>Gets the parameters that generate the training data.</summary>
    public double[] TrueParameters { get; }

    /// <summary>Gets where training starts.</summary>
    public double[] InitialGuess { get; }

    /// <summary>Gets the observation times of the trajectory loss.</summary>
    public double[] ObservationTimes { get; }

    /// <summary>
    /// Gets the implicit solver that generates this model's data and trajectories when it is stiff, or
    /// <see langword="null"/> for a non-stiff model (the data then come from <see cref="Dataset"/>'s default adaptive solver).
    /// </summary>
    public OdeSolver? StiffSolver { get; }

    /// <summary>Gets a value indicating whether the model is stiff (explicit solvers are limited by stability on it).</summary>
    public bool IsStiff => StiffSolver is not null;

    /// <summary>Gets the command-line name of the solver <c>neuralode train</c> uses when none is given.</summary>
    public virtual string DefaultSolver => IsStiff ? "rodas5p" : "rk4";

    /// <summary>Gets the optimizer <c>neuralode train</c> uses when none is given.</summary>
    public virtual string DefaultOptimizer => "gauss-newton";

    /// <summary>Gets the learning rate of <see cref="DefaultOptimizer"/> for this model, or null for the optimizer's own default.</summary>
    public virtual double? DefaultLearningRate => null;

    /// <summary>Gets the iteration budget when none is given.</summary>
    public virtual int DefaultIterations => 100;

    /// <summary>Gets the number of trajectories (or sequences per batch) when none is given.</summary>
    public virtual int DefaultSamples => 32;

    /// <summary>Gets the most trajectories the model's data can supply, or null for no limit beyond memory.</summary>
    public virtual int? MaxSamples => null;

    /// <summary>
    /// Gets a value indicating whether the data come from this model at <see cref="TrueParameters"/> (a fit can then be
    /// compared parameter by parameter); false for a network fitted to another system's data.
    /// </summary>
    public virtual bool HasTrueParameters => true;

    /// <summary>Gets where training starts for a run with <paramref name="seed"/> (<see cref="InitialGuess"/> unless the start is random).</summary>
    public virtual double[] InitialGuessFor(int seed) => InitialGuess;

    /// <summary>Gets the file names <see cref="WriteFigures"/> writes, for the summary line.</summary>
    public virtual string FigureNames => "trajectory.png/.svg";

    /// <summary>Writes the run's figures besides the loss curve into <paramref name="directory"/>.</summary>
    public virtual void WriteFigures(string directory, double[] fitted, int seed, OdeSolver solver) =>
        Training.TrainingPlots.SaveTrajectory(this, SampleInitialStates(1, seed), fitted, System.IO.Path.Combine(directory, "trajectory"));

    /// <summary>
    /// Gets measures of fit that do not need true parameters (name, value at the start, value at the end), shown when
    /// <see cref="HasTrueParameters"/> is false.
    /// </summary>
    public virtual IReadOnlyList<(string Measure, double Start, double Fitted)> DescribeFit(double[] start, double[] fitted) => [];

    /// <summary>Gets the generated names and symbolic forms.</summary>
    public abstract OdeModelInfo Info { get; }

    /// <summary>Gets the generated type.</summary>
    public abstract Type ModelType { get; }

    /// <summary>Samples a dataset from the true parameters and wraps it as a trajectory-MSE objective.</summary>
    public abstract ITrainingObjective CreateObjective(int samples, int seed, double noise, OdeSolver solver, ISensitivityMethod sensitivity);

    /// <summary>Solves from <paramref name="initialState"/> and returns the states at <paramref name="times"/> (row-major, one row per time).</summary>
    public abstract double[] Solve(ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, ReadOnlySpan<double> times);

    /// <summary>Samples initial states the way the training data does.</summary>
    public abstract double[] SampleInitialStates(int samples, int seed);

    public static ExampleModel<TModel> Create<TModel>(
        string name, string summary, double[] trueParameters, double[] initialGuess, double[] observationTimes, Func<int, IContinuousDistribution> initialStates,
        OdeSolver? stiffSolver = null)
        where TModel : struct, IOdeModel<TModel> =>
        new(name, summary, trueParameters, initialGuess, observationTimes, initialStates, stiffSolver);
}

/// <summary>An <see cref="ExampleModel"/> for one generated type.</summary>
internal sealed class ExampleModel<TModel> : ExampleModel
    where TModel : struct, IOdeModel<TModel>
{
    private readonly Func<int, IContinuousDistribution> _initialStates;

    public ExampleModel(
        string name, string summary, double[] trueParameters, double[] initialGuess, double[] observationTimes, Func<int, IContinuousDistribution> initialStates, OdeSolver? stiffSolver)
        : base(name, summary, trueParameters, initialGuess, observationTimes, stiffSolver) => _initialStates = initialStates;

    public override OdeModelInfo Info => TModel.Info;

    public override Type ModelType => typeof(TModel);

    public override ITrainingObjective CreateObjective(int samples, int seed, double noise, OdeSolver solver, ISensitivityMethod sensitivity)
    {
        // The data come from an accurate adaptive solve (Dataset's default), the fit from the chosen solver.
        // SampleTrajectory checks that the data fit before it samples anything (the same states as SampleInitialStates).
        Dataset data = Dataset.SampleTrajectory<TModel>(samples, _initialStates(seed), TrueParameters, ObservationTimes, StiffSolver, noiseStandardDeviation: noise, noiseSeed: seed + 1);
        return new OdeProblemObjective<TModel>(new TrajectoryProblem<TModel>(data, solver, sensitivity));
    }

    public override double[] Solve(ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, ReadOnlySpan<double> times) =>
        Dataset.Generate<TModel>(initialState, parameters, times, StiffSolver).Targets.ToArray();

    public override double[] SampleInitialStates(int samples, int seed) =>
        Dataset.SampleInitialStates(samples, TModel.StateCount, _initialStates(seed));
}
