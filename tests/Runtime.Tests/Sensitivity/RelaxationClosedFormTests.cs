using System;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// The one-dimensional dissipative model <c>ẋ = a·x + b</c> has a closed-form gradient. Backsolve survives here even
/// though its backward state is garbage: the state error grows like e^{|a|(t−s)} while λ decays like e^{−|a|(t−s)}, and
/// the product entering <c>ż = −λ·∂f/∂θ</c> stays at rounding level. (<see cref="DissipativeTests"/> shows the case where it does not.)
/// </summary>
public sealed class RelaxationClosedFormTests(ITestOutputHelper output)
{
    private const double Horizon = 2.0;

    [Theory]
    [MemberData(nameof(AllocationTests.Methods), MemberType = typeof(AllocationTests))]
    public void Relaxation_AnyMethod_GradientMatchesClosedForm(string method)
    {
        const double A = -45.0;
        const double B = 20.0;
        Dataset data = Dataset.SampleTerminal<Relaxation>(50, seed: 4, [-50.0, 25.0], Horizon);
        var problem = new TerminalProblem<Relaxation>(data, OdeSolver.Rk4(400), AllocationTests.MethodByName(method));
        GradientResult result = problem.Gradient([A, B]);

        // x(t) = (x0 + b/a)e^{at} − b/a; ∂x/∂a = (x0 + b/a)·t·e^{at} − (b/a²)(e^{at} − 1); ∂x/∂b = (e^{at} − 1)/a.
        double growth = Math.Exp(A * Horizon);
        double[] expected = new double[2];
        double loss = 0.0;
        for (int i = 0; i < data.SampleCount; i++)
        {
            double x0 = data.InitialState(i)[0];
            double xt = ((x0 + (B / A)) * growth) - (B / A);
            double residual = xt - data.Target(i, 0)[0];
            loss += 0.5 * residual * residual / data.SampleCount;
            expected[0] += residual * (((x0 + (B / A)) * Horizon * growth) - (B / (A * A) * (growth - 1.0))) / data.SampleCount;
            expected[1] += residual * (growth - 1.0) / A / data.SampleCount;
        }

        double error = GradientChecks.RelativeError(result.Gradient, expected);
        output.WriteLine($"{method}: loss {result.Loss:R} vs {loss:R}; gradient {GradientChecks.Format(result.Gradient)} vs {GradientChecks.Format(expected)}; rel err {error:E2}");

        // RK4 with a·h = −0.225: relative error per step (ah)⁵/120 ≈ 5e-6 of a component that decays away; what is left at
        // t = 2 is the equilibrium −b/a, which RK4 reproduces exactly. Targets from DP5 at 1e-10. 1e-6 bounds the gradient.
        Assert.True(error < 1e-6, $"{method}: relative error {error:E3}");
        Assert.Equal(loss, result.Loss, 1e-6 * loss);
    }
}
