using System;
using System.Collections.Generic;
using System.IO;
using NeuralOdeGen;

namespace NeuralOdeGen.Examples.Tests.Docs;

// The code blocks of docs/guide.md, compiled and run: GuideTests checks every line of every block appears
// here between the markers named by the block's first comment.

// <guide:model>
public partial struct PredatorPrey
{
    [Dynamics]
    public static (double Prey, double Predator) Rhs(
        double prey, double predator,
        [Param] double alpha, [Param] double beta, [Param] double delta, [Param] double gamma)
        => (alpha * prey - beta * prey * predator, delta * prey * predator - gamma * predator);
}

// </guide:model>

// <guide:user-functions>
public static class Rates
{
    /// <summary>The Hill activation xⁿ / (kⁿ + xⁿ).</summary>
    [Differentiable]
    public static double Hill(double x, double k, double n) => Math.Pow(x, n) / (Math.Pow(k, n) + Math.Pow(x, n));

    /// <summary>log(1 + eˣ) without overflow: positive, smooth, ≈ x for large x.</summary>
    [Differentiable]
    public static double Softplus(double x)
    {
        double e = Math.Exp(-Math.Abs(x));
        return Math.Max(x, 0.0) + Math.Log(1.0 + e);
    }
}

public partial struct GeneCascade
{
    [Dynamics]
    public static (double Activator, double Target) Rhs(
        double activator, double target,
        [Param] double vmax, [Param] double k, [Param] double n, [Param] double decay)
        => (vmax * Rates.Hill(activator, k, n) - Rates.Softplus(decay) * activator,
            vmax * Rates.Hill(activator, k, n) * (1.0 - target) - Rates.Softplus(decay) * target);
}

// </guide:user-functions>

// <guide:custom-derivatives>
public static class Activations
{
    /// <summary>x / (k + x), the Michaelis–Menten saturation.</summary>
    public static double Saturation(double x, double k) => x / (k + x);

    /// <summary>Its partial derivatives in x and in k, in parameter order; checked on x, k ∈ [0.1, 5].</summary>
    [DerivativeOf(nameof(Saturation), Minimum = 0.1, Maximum = 5.0)]
    public static (double, double) SaturationDerivative(double x, double k) =>
        (k / ((k + x) * (k + x)), -x / ((k + x) * (k + x)));

    /// <summary>log(1 + eˣ), returning x itself where eˣ would overflow.</summary>
    public static double SafeSoftplus(double x) => x > 30.0 ? x : Math.Log(1.0 + Math.Exp(x));

    /// <summary>d/dx log(1 + eˣ) = 1 / (1 + e⁻ˣ).</summary>
    [DerivativeOf(nameof(SafeSoftplus))]
    public static double SafeSoftplusDerivative(double x) => 1.0 / (1.0 + Math.Exp(-x));
}

public partial struct Uptake
{
    [Dynamics]
    public static (double Substrate, double Biomass) Rhs(
        double substrate, double biomass, [Param] double vmax, [Param] double k, [Param] double decay)
        => (-vmax * Activations.Saturation(substrate, k) * biomass,
            vmax * Activations.Saturation(substrate, k) * biomass - Activations.SafeSoftplus(decay) * Rates.Softplus(biomass));
}

// </guide:custom-derivatives>

// <guide:network>
public partial struct SpiralNet
{
    public const int Hidden = 50;

    [Dynamics]
    public static (double, double) Rhs(
        double y0, double y1,
        [Param(2 * Hidden)] ReadOnlySpan<double> w1, [Param(Hidden)] ReadOnlySpan<double> b1,
        [Param(2 * Hidden)] ReadOnlySpan<double> w2, [Param(2)] ReadOnlySpan<double> b2)
    {
        double c0 = y0 * y0 * y0;
        double c1 = y1 * y1 * y1;
        double out0 = b2[0];
        double out1 = b2[1];
        for (int j = 0; j < Hidden; j++)
        {
            double h = Math.Tanh((w1[2 * j] * c0) + (w1[(2 * j) + 1] * c1) + b1[j]);
            out0 += w2[j] * h;
            out1 += w2[Hidden + j] * h;
        }

        return (out0, out1);
    }
}

// </guide:network>

// <guide:optimizer>
/// <summary>Gradient descent whose step shrinks like η/√(k+1).</summary>
public sealed class DecayingSgd(double learningRate) : IOptimizer
{
    private long _steps;

    public string Name => "DecayingSgd";

    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient, in OptimizerContext context)
    {
        double rate = learningRate / Math.Sqrt(_steps + 1);
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] -= rate * gradient[k];
        }

        _steps++;
    }

    // Everything that changes later steps goes into the state, so a resumed run is the same run.
    public OptimizerState GetState() => new(Name, _steps, new Dictionary<string, double[]>());

    public void SetState(OptimizerState state)
    {
        state.EnsureName(Name);
        _steps = state.StepCount;
    }
}

// </guide:optimizer>

/// <summary>Robertson's kinetics as the guide's "Stiff problems" block uses it (rate constants k1, k2, k3).</summary>
public partial struct Robertson
{
    [Dynamics]
    public static (double A, double B, double C) Rhs(double a, double b, double c, [Param] double k1, [Param] double k2, [Param] double k3)
        => ((-k1 * a) + (k3 * b * c), (k1 * a) - (k3 * b * c) - (k2 * b * b), k2 * b * b);
}

// <guide:vector-forms>
public partial struct LatentMlp
{
    public const int N = 2, H = 8;

    [Dynamics]
    public static void Rhs(
        [State(N)] ReadOnlySpan<double> x,
        [Param(H * N)] ReadOnlySpan<double> w1, [Param(H)] ReadOnlySpan<double> b1,
        [Param(N * H)] ReadOnlySpan<double> w2, [Param(N)] ReadOnlySpan<double> b2,
        Span<double> dxdt)
    {
        Span<double> h = stackalloc double[H];
        for (int j = 0; j < H; j++)
        {
            double s = b1[j];
            for (int i = 0; i < N; i++)
            {
                s += w1[(j * N) + i] * x[i];
            }

            h[j] = Math.Tanh(s);
        }

        for (int i = 0; i < N; i++)
        {
            double s = b2[i];
            for (int j = 0; j < H; j++)
            {
                s += w2[(i * H) + j] * h[j];
            }

            dxdt[i] = s;
        }
    }
}

// </guide:vector-forms>
// <guide:loop-check>
public partial struct WideLatent
{
    public const int N = 32, H = 256;

    [Dynamics(SymbolicCheckSizes = "N=2, H=2")]
    public static void Rhs([State(N)] ReadOnlySpan<double> x, [Param(H * N)] ReadOnlySpan<double> w1, [Param(N * H)] ReadOnlySpan<double> w2, Span<double> dxdt)
    {
        Span<double> h = stackalloc double[H];
        for (int j = 0; j < H; j++)
        {
            double s = 0.0;
            for (int i = 0; i < N; i++)
            {
                s += w1[(j * N) + i] * x[i];
            }

            h[j] = Math.Tanh(s);
        }

        for (int i = 0; i < N; i++)
        {
            double s = 0.0;
            for (int j = 0; j < H; j++)
            {
                s += w2[(i * H) + j] * h[j];
            }

            dxdt[i] = s;
        }
    }
}
// </guide:loop-check>
// <guide:events>
public partial struct Ball
{
    [Dynamics]
    public static (double, double) Rhs(double h, double v, [Param] double e, [Param] double g) => (v, -g);

    // The event: h falling through zero. The jump: the velocity reversed and damped.
    [Event(Direction = EventDirection.Falling, Jump = nameof(Bounce))]
    public static double Ground(double h, double v, [Param] double e, [Param] double g) => h;

    public static (double, double) Bounce(double h, double v, [Param] double e, [Param] double g) => (h, -e * v);

    // A terminal event without a jump that reads the time: the solve ends at t = 10.
    [Event(Terminal = true)]
    public static double Timeout([Time] double t, double h, double v, [Param] double e, [Param] double g) => t - 10.0;
}
// </guide:events>
// <guide:custom-loss-type>
sealed class Functional(double[] times, double[] g, int samples) : ILoss
{
    public int SampleCount => samples;
    public int StateCount => 1;
    public ReadOnlySpan<double> ObservationTimes => times;
    public double Evaluate(int sample, int k, ReadOnlySpan<double> x, Span<double> dLdx) { dLdx[0] = g[k]; return g[k] * x[0]; }
}

// </guide:custom-loss-type>
// <guide:step-observer>
sealed class StopAbove(double limit) : IStepObserver
{
    public bool AfterStep(double t, double h, ReadOnlySpan<double> x) => x[0] <= limit;   // false: stop here
}

// </guide:step-observer>
internal static class GuideSnippets
{
    public static (double[] States, OdeSolver ByStep) StepControl()
    {
        // <guide:step-control>
        var switched = OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10,
            controller: new PidController(proportional: 0.4, integral: 0.3), maxStep: 0.5, stopTimes: [1.0]);
        var integrator = new OdeIntegrator<Growth>(switched);
        double[] states = new double[3];                                // x at t = 2, 1 and 0: backwards from t0 = 3
        integrator.Solve(3.0, [2.0, 1.0, 0.0], [1.0], [0.5], states);
        OdeSolver byStep = OdeSolver.FixedStepSize(Tableaus.Rk4, 0.01);   // h ≤ 0.01 on every interval
        // </guide:step-control>
        return (states, byStep);
    }

    public static (OdeSolver Careful, OdeSolver Seminorm, Solution Capped) StepControlOptions()
    {
        // <guide:step-control-options>
        OdeSolver careful = OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-8, 1e-10, maxStep: 0.1, minStep: 1e-6);
        OdeSolver seminorm = careful.WithErrorNorm(new LeadingComponentsErrorNorm(count: 1));   // error of x[0] only
        Solution capped = new OdeIntegrator<Growth>(careful).Solve(0.0, 10.0, [1.0], [0.5], SaveAt.Steps, observer: new StopAbove(5.0));
        // capped.Status is StoppedByObserver; capped.FinalTime is the first step past 2·ln 5 ≈ 3.22
        // </guide:step-control-options>
        return (careful, seminorm, capped);
    }

    public static (Solution Dense, double X, Solution Reused, double AtOne) SolutionObject()
    {
        // <guide:solution>
        var integrator = new OdeIntegrator<Growth>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10));
        Solution dense = integrator.Solve(0.0, 2.0, [1.0], [0.5], SaveAt.Dense);   // t0, every step, and Tsit5's interpolant
        double[] x = new double[1];
        dense.Evaluate(1.234, x);                                       // anywhere in [0, 2]
        var reused = new Solution();                                     // a warmed solve into it allocates nothing
        integrator.Solve(2.0, 0.0, [1.0], [0.5], SaveAt.Times([1.5, 1.0, 0.5]), reused);   // backwards from t0 = 2
        ReadOnlySpan<double> atOne = reused.State(1);                    // x(1)
        // </guide:solution>
        return (dense, x[0], reused, atOne[0]);
    }

    public static (double Loss, double Gradient, double ObservedState) CustomLoss()
    {
        // <guide:custom-loss>
        var problem = new LossProblem<Growth>(initialStates: [1.0, -0.5], new Functional([0.5, 1.0, 2.0], [1.0, -2.0, 0.5], 2),
            OdeSolver.Dopri5(1e-10, 1e-12), new CheckpointedAdjoint());
        GradientResult r = problem.Gradient([-0.7]);
        ReadOnlySpan<double> x = r.ObservedState(sample: 1, observation: 2);   // the state the loss saw at t = 2
        // </guide:custom-loss>
        return (r.Loss, r.Gradient[0], x[0]);
    }

    public static OdeModelInfo Model()
    {
        // <guide:model-use>
        OdeModelInfo info = PredatorPrey.Info;                         // names and SymPy forms
        double[] jx = new double[4];                                   // ∂f/∂x, 2×2 row-major
        PredatorPrey.StateJacobian(0.0, [1.0, 0.5], [1.5, 1.0, 1.0, 3.0], jx);
        // </guide:model-use>
        return info;
    }

    public static (TrainingResult Fit, TrainingResult Resumed) Train(string checkpointPath)
    {
        // <guide:train>
        var x0 = new MathNet.Numerics.Distributions.ContinuousUniform(0.5, 2.0, new MathNet.Numerics.Random.MersenneTwister(1));
        Dataset data = Dataset.SampleTerminal<PredatorPrey>(64, x0, [1.5, 1.0, 1.0, 3.0], horizon: 2.0, noiseStandardDeviation: 0.01);
        var problem = new TerminalProblem<PredatorPrey>(data, OdeSolver.Rk4(200), new ForwardSensitivity());
        var options = new TrainerOptions { MaxIterations = 100, RelativeLossChangeTolerance = 1e-9, CheckpointPath = checkpointPath, CheckpointInterval = 10 };
        TrainingResult fit = problem.Train(new GaussNewton(), [1.2, 0.8, 0.8, 2.5], options);
        // </guide:train>

        // <guide:resume>
        var more = new TrainerOptions { MaxIterations = 150, CheckpointPath = checkpointPath };
        var trainer = new Trainer(problem.AsObjective(), new GaussNewton(), more);
        TrainingResult resumed = trainer.Resume(TrainingCheckpoint.Load(checkpointPath));
        // </guide:resume>
        return (fit, resumed);
    }

    public static (Dataset Sampled, Dataset Own, double[] Target, TrajectoryProblem<PredatorPrey> Fit) Data()
    {
        // <guide:data>
        var x0 = new MathNet.Numerics.Distributions.ContinuousUniform(0.5, 2.0, new MathNet.Numerics.Random.MersenneTwister(7));
        Dataset sampled = Dataset.SampleTrajectory<PredatorPrey>(sampleCount: 32, initialStateDistribution: x0,
            trueParameters: [1.5, 1.0, 1.0, 3.0], observationTimes: [0.5, 1.0, 1.5, 2.0], noiseStandardDeviation: 0.01, noiseSeed: 8);
        Dataset own = Dataset.Generate<PredatorPrey>(initialStates: [1.0, 0.5, 2.0, 1.0],   // two samples of (prey, predator)
            trueParameters: [1.5, 1.0, 1.0, 3.0], observationTimes: [0.5, 1.0, 1.5, 2.0]);
        ReadOnlySpan<double> target = own.Target(sample: 1, observation: 3);                 // (prey, predator) of sample 1 at t = 2
        var fit = new TrajectoryProblem<PredatorPrey>(sampled);
        // </guide:data>
        return (sampled, own, target.ToArray(), fit);
    }

    public static double[] Solvers()
    {
        // <guide:solvers>
        OdeSolver fixedStep = OdeSolver.Rk4(steps: 100);               // also OdeSolver.Fixed(Tableaus.Euler, 1000)
        OdeSolver adaptive = OdeSolver.Dopri5(relativeTolerance: 1e-8, absoluteTolerance: 1e-10);
        OdeSolver tsit5 = OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10);
        ISensitivityMethod[] methods = [new DiscreteAdjoint(), new ContinuousAdjoint(), new CheckpointedAdjoint(), new ForwardSensitivity()];
        // </guide:solvers>
        var positive = new MathNet.Numerics.Distributions.ContinuousUniform(0.5, 2.0, new MathNet.Numerics.Random.MersenneTwister(3));
        Dataset data = Dataset.SampleTerminal<PredatorPrey>(8, positive, [1.5, 1.0, 1.0, 3.0], 1.0);
        var gradients = new List<double>();
        foreach (OdeSolver solver in new[] { fixedStep, adaptive, tsit5 })
        {
            foreach (ISensitivityMethod method in methods)
            {
                gradients.Add(new TerminalProblem<PredatorPrey>(data, solver, method).Gradient([1.2, 0.8, 0.8, 2.5]).Gradient[0]);
            }
        }

        return [.. gradients];
    }

    public static (SolverStatistics Work, double[] Final) Stiff()
    {
        // <guide:stiff>
        var integrator = new OdeIntegrator<Robertson>(OdeSolver.Rodas5P(relativeTolerance: 1e-8, absoluteTolerance: 1e-14));
        double[] final = new double[3];                                 // (A, B, C) at t = 1e5
        SolverStatistics work = integrator.Solve(0.0, 1e5, [1.0, 0.0, 0.0], [0.04, 3e7, 1e4], final);
        // work.Steps, RejectedSteps, FunctionEvaluations, JacobianEvaluations, Factorizations, NewtonIterations
        // </guide:stiff>
        return (work, final);
    }

    public static (double[] InitialStateGradient, double[] ObservationTimeGradients, double StartTimeGradient, double[] Fitted) InitialStates()
    {
        // <guide:initial-state-gradients>
        Dataset data = Dataset.Generate<Growth>(initialStates: [1.0, 2.0], trueParameters: [-0.5],
            observationTimes: [3.0, 2.0, 1.0], startTime: 4.0);         // x0 at t0 = 4, observed before it: solved backwards
        var problem = new TrajectoryProblem<Growth>(data, OdeSolver.Dopri5(1e-10, 1e-12), new DiscreteAdjoint(),
            options: new GradientOptions { InitialStateGradients = true, TimeGradients = true });
        GradientResult r = problem.Gradient([-0.4]);
        ReadOnlySpan<double> dLdx0 = r.InitialStateGradient(sample: 1);  // ∂L/∂x0 of sample 1
        ReadOnlySpan<double> dLdtau = r.ObservationTimeGradients;        // ∂L/∂τ_k for τ = 3, 2, 1
        double dLdt0 = r.StartTimeGradient;                              // ∂L/∂t0
        // </guide:initial-state-gradients>
        double[] initialStateGradient = dLdx0.ToArray();
        double[] timeGradients = dLdtau.ToArray();

        // <guide:trainable-initial-states>
        var objective = new InitialStateObjective<Growth>(problem, InitialStateSharing.PerSample);  // trains [a, x0⁽¹⁾, x0⁽²⁾]
        double[] start = objective.Concatenate([-0.4], [0.8, 2.5]);
        TrainingResult fit = new Trainer(objective, new Momentum(0.005), new TrainerOptions { MaxIterations = 2000 }).Run(start);
        ReadOnlySpan<double> fitted = objective.InitialStatesOf(fit.Parameters);                 // ≈ [1.0, 2.0]
        // </guide:trainable-initial-states>
        double[] fittedValues = [fit.Parameters[0], fitted[0], fitted[1]];
        return (initialStateGradient, timeGradients, dLdt0, fittedValues);
    }

    public static GradientResult StiffGradients()
    {
        Dataset data = Dataset.Generate<Robertson>([1.0, 0.0, 0.0], [0.04, 3e7, 1e4], [1.0, 10.0, 100.0], OdeSolver.Rodas5P(1e-10, 1e-14));
        double[] theta = [0.05, 2.5e7, 1.2e4];
        // <guide:stiff-gradients>
        var problem = new TrajectoryProblem<Robertson>(data, OdeSolver.Rodas5P(1e-8, 1e-12), new ForwardSensitivity());
        GradientResult result = problem.Gradient(theta);                // also result.Sensitivities, for GaussNewton
        // </guide:stiff-gradients>
        return result;
    }

    public static TrainingResult Diagnostics(string csvPath)
    {
        // <guide:diagnostics>
        var x0 = new MathNet.Numerics.Distributions.ContinuousUniform(0.5, 2.0, new MathNet.Numerics.Random.MersenneTwister(7));
        Dataset data = Dataset.SampleTerminal<PredatorPrey>(64, x0, [1.5, 1.0, 1.0, 3.0], horizon: 1.0);
        var problem = new TerminalProblem<PredatorPrey>(data);
        TrainingResult run = problem.Train(new DecayingSgd(0.05), [1.2, 0.8, 0.8, 2.5], new TrainerOptions { MaxIterations = 20 });
        Console.WriteLine($"{run.Status}: {run.Reason}");                // which rule stopped it, with the numbers
        TrainingRecord last = run.History[^1];                          // loss, ‖∇‖, σ_t², step length per iteration
        Console.WriteLine($"σ_t² = {last.TerminalVariance}, effective step = {last.EffectiveStepSize}");
        File.WriteAllText(csvPath, run.History.ToCsv(PredatorPrey.Info.ParameterNames));
        // </guide:diagnostics>
        return run;
    }

    public static (EventSolution Bounces, double First, double AfterSpeed) Events()
    {
        // <guide:event-solve>
        var integrator = new EventIntegrator<DroppedBall>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-10, 1e-12));
        EventSolution bounces = integrator.Solve(0.0, 3.0, [2.0, 0.0], [0.8, 9.81], SaveAt.Dense);   // h0 = 2 m, at rest
        double first = bounces.Times[0];                               // √(2·h0/g) ≈ 0.6386 s
        ReadOnlySpan<double> after = bounces.StateAfter(0);             // (0, −e·v⁻): the jump applied
        Solution path = bounces.Trajectory;                              // saved as asked; Evaluate across the jumps
        // </guide:event-solve>
        return (bounces, first, after[1]);
    }

    public static (double Value, double[] Gradient, TrainingResult Fit) EventGradients()
    {
        // <guide:event-gradients>
        double[] times = [0.6386, 1.5325, 2.1583];                      // observed bounces of a ball dropped from 2 m
        var loss = new EventTimeLoss(stateCount: 2, eventIndex: 0, times, sampleCount: 1, finalTime: 5.0);
        var problem = new EventProblem<DroppedBall>([2.0, 0.0], loss, OdeSolver.Dopri5(1e-10, 1e-12), new DiscreteAdjoint());
        double value = problem.ComputeGradient([0.7, 9.81]);           // L and ∂L/∂(e, g) in problem.Gradient
        TrainingResult fit = new Trainer(problem, new Adam(0.01), new TrainerOptions { MaxIterations = 2000 }).Run([0.5, 9.81]);
        // </guide:event-gradients>
        return (value, (double[])problem.Gradient.Clone(), fit);
    }
}
