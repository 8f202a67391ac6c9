using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers.StepControl;

/// <summary>The step observer: called after every accepted step, and able to end the solve.</summary>
public sealed class StepObserverTests
{
    [Theory]
    [InlineData(0.0, 3.0)]
    [InlineData(2.0, -1.0)]
    public void Observer_SeesEveryAcceptedStep_WithItsTimeStepAndState(double t0, double t1)
    {
        var observer = new Recorder();
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Dopri5(1e-9, 1e-12));
        Solution solution = integrator.Solve(t0, t1, [1.0], [-0.7], SaveAt.Steps, observer: observer);

        // One call per accepted step; the steps chain from t0 to t1 (each t = previous t + h, to rounding: t + h is one
        // rounded addition) and the states are the saved ones.
        Assert.Equal(solution.Statistics.Steps, observer.Count);
        double previous = t0;
        for (int k = 0; k < observer.Count; k++)
        {
            Assert.Equal(previous + observer.Steps[k], observer.Times[k], 1e-15 * Math.Max(1.0, Math.Abs(previous)));
            Assert.Equal(solution.Times[k + 1], observer.Times[k]);
            Assert.Equal(solution.State(k + 1)[0], observer.States[k]);
            previous = observer.Times[k];
        }

        Assert.Equal(t1, previous);
    }

    [Fact]
    public void Observer_ReturningFalse_EndsTheSolveAtThatStep()
    {
        // ẋ = −x from 1: stop once x < 0.5 (exactly: t = ln 2 ≈ 0.693). The solution ends at the first step past it.
        var observer = new StopBelow(0.5);
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-10, 1e-12, maxStep: 0.1));
        Solution solution = integrator.Solve(0.0, 5.0, [1.0], [-1.0], SaveAt.Dense, observer: observer);

        Assert.Equal(SolutionStatus.StoppedByObserver, solution.Status);
        Assert.Equal(observer.StoppedAt, solution.FinalTime);

        // Steps are at most 0.1, so the first state below 0.5 is within 0.1 past ln 2; rtol 1e-10 keeps it exact to 1e-9.
        Assert.InRange(solution.FinalTime, Math.Log(2.0), Math.Log(2.0) + 0.1);
        Assert.Equal(Math.Exp(-solution.FinalTime), solution.State(solution.Count - 1)[0], 1e-9);
        double[] y = new double[1];
        solution.Evaluate(solution.FinalTime, y);
        Assert.Equal(solution.State(solution.Count - 1)[0], y[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => solution.Evaluate(solution.FinalTime + 0.01, y));
    }

    [Fact]
    public void Observer_StoppingBeforeSaveTimes_SavesOnlyThoseReached()
    {
        var observer = new StopBelow(0.5);
        var integrator = new OdeIntegrator<Decay>(OdeSolver.Rk4(50));
        Solution solution = integrator.Solve(0.0, 5.0, [1.0], [-1.0], SaveAt.Times([0.1, 0.5, 1.0, 4.0]), observer: observer);

        // RK4 steps of 0.1: x < 0.5 first at t = 0.7, so 0.1 and 0.5 are saved and 1.0, 4.0 are not. RK4's error at
        // h = 0.1 over 0.5 time units is ≲ 1e-6 (h⁴/120 per unit).
        Assert.Equal(2, solution.Count);
        Assert.Equal(0.7, solution.FinalTime, 1e-12);
        Assert.Equal(Math.Exp(-0.5), solution.State(1)[0], 1e-6);
    }

    private sealed class Recorder : IStepObserver
    {
        public double[] Times { get; } = new double[10_000];

        public double[] Steps { get; } = new double[10_000];

        public double[] States { get; } = new double[10_000];

        public int Count { get; private set; }

        public bool AfterStep(double t, double h, ReadOnlySpan<double> state)
        {
            Times[Count] = t;
            Steps[Count] = h;
            States[Count] = state[0];
            Count++;
            return true;
        }
    }

    private sealed class StopBelow(double threshold) : IStepObserver
    {
        public double StoppedAt { get; private set; } = double.NaN;

        public bool AfterStep(double t, double h, ReadOnlySpan<double> state)
        {
            if (state[0] < threshold)
            {
                StoppedAt = t;
                return false;
            }

            return true;
        }
    }
}
