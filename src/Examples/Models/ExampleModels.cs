using System;
using System.Collections.Generic;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace NeuralOdeGen.Examples.Models;

/// <summary>The models <c>neuralode train</c>, <c>verify</c> and <c>models</c> know, by command-line name.</summary>
internal static class ExampleModels
{
    public static readonly IReadOnlyDictionary<string, ExampleModel> Catalogue = Build();

    private static Dictionary<string, ExampleModel> Build()
    {
        ExampleModel[] models =
        [
            ExampleModel.Create<Decay>(
                "decay", "The paper's model dx/dt = a·x, data from a* = -1.",
                [-1.0], [0.5], Times(1.0, 10), static seed => new Normal(0.0, 1.0, new MersenneTwister(seed))),
            ExampleModel.Create<LotkaVolterra>(
                "lotka-volterra", "Predator-prey populations; data from (alpha, beta, delta, gamma) = (1.5, 1, 1, 3).",
                [1.5, 1.0, 1.0, 3.0], [1.2, 0.8, 0.8, 2.5], Times(4.0, 20), static seed => new ContinuousUniform(0.5, 2.0, new MersenneTwister(seed))),
            ExampleModel.Create<Pendulum>(
                "pendulum", "A damped pendulum; data from damping 0.3 and g/L = 4.",
                [0.3, 4.0], [0.1, 2.0], Times(5.0, 25), static seed => new Normal(0.0, 1.0, new MersenneTwister(seed))),
            ExampleModel.Create<VanDerPol>(
                "van-der-pol", "The Van der Pol oscillator; data from mu = 1.",
                [1.0], [0.5], Times(5.0, 25), static seed => new Normal(0.0, 1.0, new MersenneTwister(seed))),
            ExampleModel.Create<Robertson>(
                "robertson", "Robertson's stiff chemical kinetics; data from (k1, k2, k3) = (0.04, 3e7, 1e4) as log-parameters, observed at log-spaced times 1e-3 to 1e5.",
                [Math.Log(0.04), Math.Log(3e7), Math.Log(1e4)], [Math.Log(0.05), Math.Log(2e7), Math.Log(2e4)], LogTimes(1e-3, 1e5, 25),
                static seed => new ContinuousUniform(0.0, 1.0, new MersenneTwister(seed)), StiffData()),
            ExampleModel.Create<VanDerPolStiff>(
                "van-der-pol-stiff", "The Van der Pol oscillator with mu = 1000 (vdp1000 form): stiff relaxation oscillations, observed over [0, 3000].",
                [1_000.0], [800.0], Times(3_000.0, 30), static seed => new Normal(0.0, 1.0, new MersenneTwister(seed)), StiffData()),
            new BouncingBallExample(),
            new SpiralExample<SpiralNet>(
                "spiral",
                "torchdiffeq's ode_demo.py: a 2-50-2 tanh network learns dy/dt = (y^3)A from 1 000 points of the true spiral, batches of 20 sequences x 10 points.",
                defaultIterations: 2_000),
            new SpiralExample<SpiralWideNet>(
                "spiral-wide",
                "The spiral demo with a 2-160-160-2 tanh network (26 562 weights, generated reverse-mode loops) in place of 2-50-2.",
                defaultIterations: 300),
        ];
        var catalogue = new Dictionary<string, ExampleModel>(StringComparer.Ordinal);
        foreach (ExampleModel model in models)
        {
            catalogue.Add(model.Name, model);
        }

        return catalogue;
    }

    // The stiff models' data: Rodas5P at rtol 1e-10 (its errors stay far below any noise level a fit would use);
    // atol 1e-14 resolves Robertson's B (~1e-5 … 1e-8) and is far below Van der Pol's unit-sized states.
    private static OdeSolver StiffData() => OdeSolver.Rodas5P(1e-10, 1e-14);

    private static double[] LogTimes(double first, double last, int count)
    {
        double[] times = new double[count];
        for (int i = 0; i < count; i++)
        {
            times[i] = first * Math.Pow(last / first, (double)i / (count - 1));
        }

        times[^1] = last;
        return times;
    }

    private static double[] Times(double horizon, int count)
    {
        double[] times = new double[count];
        for (int i = 0; i < count; i++)
        {
            times[i] = horizon * (i + 1) / count;
        }

        return times;
    }
}
