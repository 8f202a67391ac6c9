using System;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace NeuralOdeGen.Runtime.Tests.Events;

/// <summary>
/// The example of issue #13 item 5: a bouncing ball learns its coefficient of restitution <c>e</c> and gravity <c>g</c>
/// from observed bounce times, with the <see cref="Trainer"/> and Adam on an <see cref="EventProblem{TModel}"/>. The model
/// is written as a user writes it (<see cref="Runtime.Tests.Models.BouncingBall"/>: a <c>[Dynamics]</c> method, an
/// <c>[Event]</c> method and its jump), every derivative generated.
/// </summary>
public sealed class BouncingBallTrainingTests
{
    private const double TrueE = 0.7;
    private const double TrueG = 9.81;
    private const int Bounces = 4;
    private const double Noise = 2e-3;

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Forward")]
    public void Train_FromNoisyBounceTimes_RecoversTheCoefficientOfRestitution(string method)
    {
        // Three balls dropped or thrown from different heights; their first four bounce times from the closed form, plus
        // seeded Gaussian noise of 2 ms.
        double[] initialStates = [2.0, 0.0, 1.2, 2.5, 3.0, -1.0];
        int samples = initialStates.Length / 2;
        double[] targets = new double[samples * Bounces];
        var noise = new Normal(0.0, Noise, new MersenneTwister(17));
        for (int i = 0; i < samples; i++)
        {
            double[] clean = EventIntegratorTests.BounceTimes(initialStates[2 * i], initialStates[(2 * i) + 1], TrueE, TrueG, Bounces);
            for (int k = 0; k < Bounces; k++)
            {
                targets[(i * Bounces) + k] = clean[k] + noise.Sample();
            }
        }

        var loss = new EventTimeLoss(stateCount: 2, eventIndex: 0, targets, samples, finalTime: 10.0);
        var problem = new EventProblem<Runtime.Tests.Models.BouncingBall>(initialStates, loss, OdeSolver.Dopri5(1e-9, 1e-11), EventGradientTests.MethodByName(method));
        var trainer = new Trainer(problem, new Adam(0.01), new TrainerOptions { MaxIterations = 3000, GradientTolerance = 1e-9 });
        TrainingResult result = trainer.Run([0.5, 9.0]);
        Assert.NotEqual(TrainingStatus.Diverged, result.Status);

        // The tolerance comes from the data: the least-squares estimate's standard deviation is σ·√((JᵀJ)⁻¹)_ee, J the
        // bounce times' closed-form Jacobian in (e, g); four of them cover the noise (p ≈ 6e-5) and the optimizer's residue.
        double[,] normal = new double[2, 2];
        const double delta = 1e-6;
        for (int i = 0; i < samples; i++)
        {
            double h0 = initialStates[2 * i], v0 = initialStates[(2 * i) + 1];
            double[] ePlus = EventIntegratorTests.BounceTimes(h0, v0, TrueE + delta, TrueG, Bounces);
            double[] eMinus = EventIntegratorTests.BounceTimes(h0, v0, TrueE - delta, TrueG, Bounces);
            double[] gPlus = EventIntegratorTests.BounceTimes(h0, v0, TrueE, TrueG + delta, Bounces);
            double[] gMinus = EventIntegratorTests.BounceTimes(h0, v0, TrueE, TrueG - delta, Bounces);
            for (int k = 0; k < Bounces; k++)
            {
                double je = (ePlus[k] - eMinus[k]) / (2.0 * delta);
                double jg = (gPlus[k] - gMinus[k]) / (2.0 * delta);
                normal[0, 0] += je * je;
                normal[0, 1] += je * jg;
                normal[1, 1] += jg * jg;
            }
        }

        double determinant = (normal[0, 0] * normal[1, 1]) - (normal[0, 1] * normal[0, 1]);
        double standardErrorE = Noise * Math.Sqrt(normal[1, 1] / determinant);
        double standardErrorG = Noise * Math.Sqrt(normal[0, 0] / determinant);
        Assert.True(
            Math.Abs(result.Parameters[0] - TrueE) <= 4.0 * standardErrorE,
            $"e = {result.Parameters[0]:R} (true {TrueE}, σ_e = {standardErrorE:E2}), g = {result.Parameters[1]:R}, loss {result.Loss:E3} after {result.Iteration} iterations");
        Assert.True(
            Math.Abs(result.Parameters[1] - TrueG) <= 4.0 * standardErrorG,
            $"g = {result.Parameters[1]:R} (true {TrueG}, σ_g = {standardErrorG:E2})");
    }
}
