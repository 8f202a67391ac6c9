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
        ];
        var catalogue = new Dictionary<string, ExampleModel>(StringComparer.Ordinal);
        foreach (ExampleModel model in models)
        {
            catalogue.Add(model.Name, model);
        }

        return catalogue;
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
