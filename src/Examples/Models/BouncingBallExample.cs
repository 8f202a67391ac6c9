using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NeuralOdeGen.Examples.Cli;

namespace NeuralOdeGen.Examples.Models;

/// <summary>
/// <c>neuralode train bouncing-ball</c>, issue #13's event example: balls dropped or thrown from random heights, their
/// first four bounce times observed (the closed form, plus Gaussian noise of <c>--noise</c> seconds), and
/// <see cref="BouncingBall"/>'s coefficient of restitution <c>e</c> and gravity <c>g</c> learned from them through
/// <see cref="EventProblem{TModel}"/>: event times differentiated by the implicit-function rule, the jump's sensitivity
/// carried across each bounce.
/// </summary>
internal sealed class BouncingBallExample : ExampleModel
{
    /// <summary>The bounces observed per ball.</summary>
    public const int Bounces = 4;

    // Long enough for four bounces of any sampled ball (the fourth comes before 3.2 s at e ≤ 0.9); the gradient solve
    // stops at the last bounce it needs anyway.
    private const double FinalTime = 10.0;

    public BouncingBallExample()
        : base(
            "bouncing-ball",
            "Balls bounce off the floor (an [Event] with a jump v -> -e*v); e and g are learned from their first four bounce times, data from (e, g) = (0.7, 9.81).",
            [0.7, 9.81],
            [0.5, 9.0],
            [1.0, 2.0, 3.0],
            stiffSolver: null)
    {
    }

    public override OdeModelInfo Info => BouncingBall.Info;

    public override Type ModelType => typeof(BouncingBall);

    public override string DefaultSolver => "dopri5";

    public override string DefaultOptimizer => "adam";

    public override double? DefaultLearningRate => 0.01;

    public override int DefaultIterations => 3_000;

    public override int DefaultSamples => 3;

    /// <summary>The closed-form bounce times of a ball from (<paramref name="h0"/>, <paramref name="v0"/>) at t = 0.</summary>
    public static double[] BounceTimes(double h0, double v0, double e, double g, int count)
    {
        double[] times = new double[count];
        double impact = Math.Sqrt((v0 * v0) + (2.0 * g * h0));
        times[0] = (v0 + impact) / g;
        for (int k = 1; k < count; k++)
        {
            impact *= e;
            times[k] = times[k - 1] + (2.0 * impact / g);
        }

        return times;
    }

    public override ITrainingObjective CreateObjective(int samples, int seed, double noise, OdeSolver solver, ISensitivityMethod sensitivity)
    {
        if (sensitivity is not (ForwardSensitivity or DiscreteAdjoint))
        {
            throw new UsageException(
                $"bouncing-ball differentiates through its events with forward sensitivities or the discrete adjoint; {sensitivity.Name} cannot (use --sensitivity forward or discrete-adjoint).");
        }

        double[] initialStates = SampleInitialStates(samples, seed);
        double[] targets = new double[samples * Bounces];
        var normal = new Normal(0.0, 1.0, new MersenneTwister(seed + 1));
        for (int i = 0; i < samples; i++)
        {
            double[] clean = BounceTimes(initialStates[2 * i], initialStates[(2 * i) + 1], TrueParameters[0], TrueParameters[1], Bounces);
            for (int k = 0; k < Bounces; k++)
            {
                targets[(i * Bounces) + k] = clean[k] + (noise * normal.Sample());
            }
        }

        var loss = new EventTimeLoss(stateCount: 2, eventIndex: 0, targets, samples, FinalTime);
        return new EventProblem<BouncingBall>(initialStates, loss, solver, sensitivity);
    }

    /// <summary>
    /// Solves with the events (the bounces), so the trajectory figure shows them. With <c>e &lt; 1</c> the bounces accumulate
    /// at <c>t1 + 2·e·u/(g(1 − e))</c> (u the first impact speed; Zeno): the solve stops just short of it and the ball
    /// rests on the floor afterwards, as it physically does.
    /// </summary>
    public override double[] Solve(ReadOnlySpan<double> initialState, ReadOnlySpan<double> parameters, ReadOnlySpan<double> times)
    {
        double e = parameters[0], g = parameters[1];
        double impact = Math.Sqrt((initialState[1] * initialState[1]) + (2.0 * g * initialState[0]));
        double rest = e is >= 0.0 and < 1.0 && g > 0.0
            ? ((initialState[1] + impact) / g) + (2.0 * e * impact / (g * (1.0 - e)))
            : double.PositiveInfinity;
        int moving = 0;
        while (moving < times.Length && times[moving] < rest * (1.0 - 1e-6))
        {
            moving++;
        }

        double[] states = new double[times.Length * 2];
        if (moving > 0)
        {
            var integrator = new EventIntegrator<BouncingBall>(OdeSolver.Dopri5(1e-10, 1e-12), new EventOptions { MaxEventCount = 10_000 });
            EventSolution solution = integrator.Solve(0.0, times[moving - 1], initialState, parameters, SaveAt.Times(times[..moving]));
            for (int k = 0; k < moving; k++)
            {
                solution.Trajectory.State(k).CopyTo(states.AsSpan(2 * k, 2));
            }
        }

        return states;
    }

    /// <summary>Heights uniform on [1, 3] m and upward velocities uniform on [−1, 2.5] m/s, from <paramref name="seed"/>.</summary>
    public override double[] SampleInitialStates(int samples, int seed)
    {
        var random = new MersenneTwister(seed);
        double[] states = new double[2 * samples];
        for (int i = 0; i < samples; i++)
        {
            states[2 * i] = 1.0 + (2.0 * random.NextDouble());
            states[(2 * i) + 1] = -1.0 + (3.5 * random.NextDouble());
        }

        return states;
    }
}
