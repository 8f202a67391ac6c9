using System;

namespace NeuralOdeGen;

/// <summary>The check every built-in loss makes on its dataset: it compares with targets, so it needs some.</summary>
internal static class LabelledData
{
    /// <summary>Throws unless <paramref name="data"/> is non-null and holds targets.</summary>
    /// <param name="data">The dataset the loss is built on.</param>
    /// <param name="lossName">The loss, for the message.</param>
    public static void Require(Dataset data, string lossName)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.HasTargets)
        {
            throw new ArgumentException(
                $"{lossName} compares predictions with targets, but the dataset is unlabelled (Dataset.Unlabelled). "
                + "Write the loss as an ILoss and use LossProblem<TModel>, or create the dataset with targets.",
                nameof(data));
        }
    }
}
