using System;
using NeuralOdeGen.Runtime.Tests.Events.Models;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Events;

/// <summary>
/// The generated events of <see cref="BouncingBall"/> (an <c>[Event]</c> method and its jump) against the hand-derived
/// ones of <see cref="HandBouncingBall"/>, the same system: the runtime sees the same event times, states and gradients.
/// </summary>
public sealed class GeneratedEventModelTests
{
    private const double H0 = 1.5;
    private const double V0 = 0.8;

    [Fact]
    public void Solve_GeneratedAndHandWrittenEvents_SameBounces()
    {
        double[] theta = [0.7, 9.81];
        EventSolution generated = new EventIntegrator<BouncingBall>(OdeSolver.Dopri5(1e-10, 1e-12)).Solve(0.0, 3.0, [H0, V0], theta, SaveAt.Steps);
        EventSolution hand = new EventIntegrator<HandBouncingBall>(OdeSolver.Dopri5(1e-10, 1e-12)).Solve(0.0, 3.0, [H0, V0], theta, SaveAt.Steps);

        // Both evaluate g = h and the jump (h, −e·v) with the same operations, so every event is the same to the bit.
        Assert.True(generated.Count >= 5, $"{generated.Count} bounces");
        Assert.Equal(hand.Times.ToArray(), generated.Times.ToArray());
        for (int k = 0; k < generated.Count; k++)
        {
            Assert.Equal(hand.StateAfter(k).ToArray(), generated.StateAfter(k).ToArray());
        }

        // And the closed form: the first bounce at t1 = (v0 + √(v0² + 2·g·h0)) / g.
        double first = (V0 + Math.Sqrt((V0 * V0) + (2 * 9.81 * H0))) / 9.81;
        Assert.Equal(first, generated.Times[0], 1e-12);
    }

    [Theory]
    [InlineData("Forward")]
    [InlineData("Discrete")]
    public void Gradient_GeneratedAndHandWrittenEvents_SameBounceTimeGradient(string method)
    {
        // Three bounce times; the gradient with respect to (e, g) through the implicit-function rule and the jump.
        double[] targets = [0.9, 1.8, 2.4];
        var loss = new EventTimeLoss(stateCount: 2, eventIndex: 0, targets, sampleCount: 1, finalTime: 5.0);
        var generated = new EventProblem<BouncingBall>([H0, V0], loss, OdeSolver.Dopri5(1e-10, 1e-12), EventGradientTests.MethodByName(method), maxDegreeOfParallelism: 1);
        var hand = new EventProblem<HandBouncingBall>([H0, V0], loss, OdeSolver.Dopri5(1e-10, 1e-12), EventGradientTests.MethodByName(method), maxDegreeOfParallelism: 1);

        double generatedLoss = generated.ComputeGradient([0.7, 9.81]);
        double handLoss = hand.ComputeGradient([0.7, 9.81]);

        // The generated partials are the hand-derived ones (∂g/∂x = (1, 0), ∂J/∂x = diag(1, −e), ∂J/∂e = (0, −v)); a
        // product printed in another order may differ in the last bits, so the comparison allows 1e-14 relative.
        Assert.Equal(handLoss, generatedLoss, 1e-15);
        for (int k = 0; k < 2; k++)
        {
            Assert.True(
                Math.Abs(generated.Gradient[k] - hand.Gradient[k]) <= 1e-14 * Math.Abs(hand.Gradient[k]),
                $"∂L/∂θ[{k}]: generated {generated.Gradient[k]:R}, hand {hand.Gradient[k]:R}");
        }
    }
}
