using System.Globalization;

namespace NeuralOdeGen.Examples.Training;

/// <summary>
/// The one-line verdict of <c>neuralode train</c>. A fit to noisy data cannot go below the noise: when the trainer stops
/// because the loss stopped falling (or the budget ran out) with the loss at the noise level, that is convergence to
/// the noise floor, not a stall.
/// </summary>
internal static class FitVerdict
{
    /// <summary>
    /// Gets the factor within which a loss counts as "at the noise level": the sampled noise's own loss scatters around
    /// the floor by √(2/(N·K·n)) relatively (8 % for the default 32 × 10 × 1 observations, 45 % for one trajectory).
    /// </summary>
    public const double Tolerance = 2.0;

    /// <summary>
    /// Gets the trajectory loss the noise alone gives at the true parameters: the loss averages ½‖ε‖² over samples and
    /// observation times, and ε has <paramref name="stateCount"/> entries of variance σ², so ½ n σ².
    /// </summary>
    public static double NoiseFloor(double noise, int stateCount) => 0.5 * stateCount * noise * noise;

    /// <summary>Describes how <paramref name="result"/> ended, naming convergence to the noise floor where that is what happened.</summary>
    public static string Describe(TrainingResult result, double noise, int stateCount)
    {
        double floor = NoiseFloor(noise, stateCount);
        bool stoppedFalling = result.Status is TrainingStatus.Stalled or TrainingStatus.MaxIterations;
        if (noise > 0.0 && stoppedFalling && result.Loss <= Tolerance * floor)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Converged (noise floor): the fit converged to the noise floor: loss {result.Loss:0.###e+00} is at the level ½·n·σ² = {floor:0.###e+00} that noise σ = {noise} alone gives ({result.Reason})");
        }

        return $"{result.Status}: {result.Reason}";
    }
}
