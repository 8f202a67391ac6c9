using System;
using NeuralOdeGen;

namespace NeuralOdeGen.Examples.Tests.Docs;

// The README's quick start, compiled: QuickStartTests checks that every line of the README's block appears here, in order
// (statements first, then the model, as C# requires of a file with top-level statements).
internal static class QuickStart
{
    public static TrainingResult Run()
    {
        // <quick-start>
        // Data: x0 ~ N(0, 1), targets x(1) from the true a* = -1.
        Dataset data = Dataset.SampleTerminal<Growth>(sampleCount: 1000, seed: 0, trueParameters: [-1.0], horizon: 1.0);
        var problem = new TerminalProblem<Growth>(data);                // RK4 (100 steps), discrete adjoint
        TrainingResult fit = problem.Train(new VarianceCorrected(0.5), [0.0],
            new TrainerOptions { MaxIterations = 100, LossTolerance = 1e-20 });
        Console.WriteLine($"{fit.Status} after {fit.Iteration} steps: a = {fit.Parameters[0]:F6}");
        Console.Write(fit.History.ToCsv(["a"]));                        // iteration, loss, σ_t², …, a

        // </quick-start>
        return fit;
    }
}

// <quick-start>
public partial struct Growth
{
    [Dynamics]
    public static double Rhs(double x, [Param] double a) => a * x;      // dx/dt = a·x
}

// </quick-start>
