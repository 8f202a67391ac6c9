using System;
using System.Collections.Generic;

namespace NeuralOdeGen.Examples.Cli;

/// <summary>The optimizers a command line can name, each with the learning rate it uses when none is given.</summary>
internal static class Optimizers
{
    public static readonly IReadOnlyDictionary<string, (Func<double, IOptimizer> Create, double DefaultLearningRate)> Catalogue =
        new Dictionary<string, (Func<double, IOptimizer>, double)>(StringComparer.Ordinal)
        {
            ["sgd"] = (static lr => new Sgd(lr), 0.01),
            ["momentum"] = (static lr => new Momentum(lr), 0.005),
            ["nesterov"] = (static lr => new Momentum(lr, nesterov: true), 0.005),
            ["adam"] = (static lr => new Adam(lr), 0.05),
            ["rmsprop"] = (static lr => new RmsProp(lr), 0.01),
            ["variance-corrected"] = (static lr => new VarianceCorrected(lr), 0.5),
            ["gauss-newton"] = (static lr => new GaussNewton(lr), 1.0),
        };

    public static IOptimizer Create(string name, double? learningRate)
    {
        (Func<double, IOptimizer> create, double defaultRate) = Names.Lookup(Catalogue, name, "optimizer");
        return create(learningRate ?? defaultRate);
    }
}
