using System;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>The paper's model against DESIGN §1: Loss = m₂/2·(e^{at} − e^{a*t})², Loss' = m₂·t·e^{at}(e^{at} − e^{a*t}), m₂ = mean(x0²).</summary>
public sealed class DecayClosedFormTests(ITestOutputHelper output)
{
    private const double Horizon = 1.0;
    private const double TrueA = -1.0;
    private const double A = 0.5;

    public static TheoryData<string, bool> Cases
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string method in new[] { "Discrete", "Continuous", "Checkpointed", "Forward" })
            {
                data.Add(method, false);
                data.Add(method, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decay_AnySolverAndMethod_LossAndGradientMatchClosedForm(string method, bool adaptive)
    {
        const int N = 1000;
        double[] x0 = Dataset.SampleInitialStates(N, 1, new MathNet.Numerics.Distributions.Normal(0, 1, new MathNet.Numerics.Random.MersenneTwister(11)));
        double[] targets = new double[N];
        double secondMoment = 0.0;
        for (int i = 0; i < N; i++)
        {
            targets[i] = x0[i] * Math.Exp(TrueA * Horizon);
            secondMoment += x0[i] * x0[i] / N;
        }

        Dataset data = Dataset.Terminal(1, x0, targets, Horizon);
        OdeSolver solver = adaptive ? OdeSolver.Dopri5(1e-8, 1e-8) : OdeSolver.Rk4(100);
        var problem = new TerminalProblem<Decay>(data, solver, AllocationTests.MethodByName(method));
        GradientResult result = problem.Gradient([A]);

        double growth = Math.Exp(A * Horizon);
        double gap = growth - Math.Exp(TrueA * Horizon);
        double loss = secondMoment / 2 * gap * gap;
        double gradient = secondMoment * Horizon * growth * gap;
        double lossError = Math.Abs(result.Loss - loss) / loss;
        double gradientError = Math.Abs(result.Gradient[0] - gradient) / Math.Abs(gradient);
        double momentError = Math.Abs(result.TerminalSecondMoment - (secondMoment * growth * growth)) / (secondMoment * growth * growth);
        output.WriteLine($"{method} {solver}: loss rel err {lossError:E2}, gradient rel err {gradientError:E2}, σ_t² rel err {momentError:E2}, evaluations {result.Statistics.FunctionEvaluations}");

        // RK4, h = 0.01, a·h = 0.005: relative error per step a⁵h⁵/120 ≈ 3e-14, ×100 steps ≈ 3e-12 in x_t, so 1e-10
        // covers loss and gradient with margin. DP5 at rtol = atol = 1e-8: global relative error of x_t up to
        // ~20·tol (measured in the adaptive tests), amplified ×growth/gap ≈ 1.5 in the loss: 1e-6 bounds it.
        double tolerance = adaptive ? 1e-6 : 1e-10;
        Assert.True(lossError < tolerance, $"loss relative error {lossError:E3}");
        Assert.True(gradientError < tolerance, $"gradient relative error {gradientError:E3}");
        Assert.True(momentError < tolerance, $"σ_t² relative error {momentError:E3}");
        Assert.Equal(Horizon, result.Horizon);
        if (result.HasSensitivities)
        {
            // For ẋ = a·x, ∂x_t/∂a = t·x_t (DESIGN §1).
            for (int i = 0; i < N; i += 97)
            {
                Assert.Equal(Horizon * result.TerminalState(i)[0], result.Sensitivity(i)[0], tolerance * Math.Max(1.0, Math.Abs(x0[i])) * 10);
            }
        }
    }
}
