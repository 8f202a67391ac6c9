using System;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// On a stiff fast–slow system, integrating the state backwards (backsolve) amplifies every rounding error by
/// e^{k·t}; checkpointed and discrete adjoints never integrate the state backwards and stay accurate.
/// </summary>
public sealed class DissipativeTests(ITestOutputHelper output)
{
    private const double Horizon = 2.0;
    private static readonly double[] Theta = [45.0, 1.2];

    private static Dataset Data() => Dataset.SampleTerminal<FastSlow>(8, seed: 21, [50.0, 1.0], Horizon);

    [Fact]
    public void FastSlow_BacksolveVersusCheckpointedAndDiscrete_OnlyBacksolveLosesAccuracy()
    {
        Dataset data = Data();

        // Reference: forward sensitivities (integrated forwards, hence stable) with DP5 at 1e-12.
        double[] reference = new TerminalProblem<FastSlow>(data, OdeSolver.Dopri5(1e-12, 1e-12), new ForwardSensitivity()).Gradient(Theta).Gradient.ToArray();

        // RK4 with 400 steps: k·h = 45·0.005 = 0.225, well inside the stability region, accurate to ~1e-8.
        OdeSolver solver = OdeSolver.Rk4(400);
        double discrete = Error(new DiscreteAdjoint());
        double checkpointed = Error(new CheckpointedAdjoint());
        double continuous;
        string continuousOutcome;
        try
        {
            continuous = Error(new ContinuousAdjoint());
            continuousOutcome = $"{continuous:E2}";
        }
        catch (OdeSolverException exception)
        {
            continuous = double.PositiveInfinity;
            continuousOutcome = $"threw {exception.Reason} at t = {exception.Time}";
        }

        output.WriteLine($"reference {GradientChecks.Format(reference)}; relative errors: discrete {discrete:E2}, checkpointed {checkpointed:E2}, backsolve {continuousOutcome}");

        // Discrete and checkpointed: RK4 and Hermite errors O(h⁴) with h = 0.005 and rate 45, ≈ (0.225)⁴/… ≪ 1e-5.
        Assert.True(discrete < 1e-5, $"discrete adjoint error {discrete:E3}");
        Assert.True(checkpointed < 1e-5, $"checkpointed adjoint error {checkpointed:E3}");

        // Backsolve: e^{45·2} ≈ 1e39 times rounding (1e-16) is not small; the gradient is wrong by orders of magnitude.
        Assert.True(continuous > 1.0, $"backsolve error {continuous:E3} (expected it to lose all accuracy)");

        double Error(ISensitivityMethod method)
        {
            var problem = new TerminalProblem<FastSlow>(data, solver, method);
            return GradientChecks.RelativeError(problem.Gradient(Theta).Gradient, reference);
        }
    }
}
