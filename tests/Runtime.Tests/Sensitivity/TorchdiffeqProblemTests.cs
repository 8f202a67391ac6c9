using System;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// torchdiffeq's own test problems (<c>tests/problems.py</c>: constant, sine, linear) as gradient problems, as its
/// <c>construct_problem</c> builds them: ten observation times evenly spaced on [1, 8], the first one the start time
/// <c>t0 = 1</c> with the exact initial value, and with <c>reverse=True</c> the same times run from <c>t0 = 8</c> down to 1
/// (a solve backwards in time). For every sensitivity method and solver: the states the loss saw against the exact
/// solution, and <c>∂L/∂θ</c> and <c>∂L/∂x0</c> against central differences (issue #13, item 1).
/// </summary>
public sealed class TorchdiffeqProblemTests(ITestOutputHelper output)
{
    private static readonly double[] ConstantParameters = [0.2, 3.0];
    private static readonly double[] LinearMatrix = LinearOde.SampleMatrix(seed: 0);

    public static TheoryData<string, string, string, bool> Combinations
    {
        get
        {
            var data = new TheoryData<string, string, string, bool>();
            foreach (string problem in new[] { "Constant", "Sine", "Linear" })
            {
                foreach (string method in new[] { "Discrete", "Continuous", "Checkpointed", "Forward" })
                {
                    foreach (string solver in new[] { "Dopri5", "Rk4", "Rodas5P" })
                    {
                        if (solver == "Rodas5P" && method is "Discrete" or "Continuous")
                        {
                            continue;
                        }

                        data.Add(problem, method, solver, false);
                        data.Add(problem, method, solver, true);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Gradient_TorchdiffeqProblemFromT0AndBackwards_MatchesExactSolutionAndDifferences(string problem, string method, string solver, bool backwards)
    {
        switch (problem)
        {
            case "Constant":
                Check<ConstantOde>(method, solver, backwards, ConstantParameters, t => [ConstantOde.Exact(t, ConstantParameters)]);
                break;
            case "Sine":
                Check<SineOde>(method, solver, backwards, [], t => [SineOde.Exact(t)]);
                break;
            default:
                Check<LinearOde>(method, solver, backwards, LinearMatrix, t => LinearOde.Exact(LinearMatrix, t));
                break;
        }
    }

    [Fact]
    public void Gradient_SineBackwards_InitialStateGradientMatchesClosedForm()
    {
        // ∂y(t)/∂y(t0) = (t/t0)² for the sine problem (homogeneous solution C·t²), so ∂L/∂y0 = Σ_k g_k (t_k/t0)² with
        // g_k = (y_k − target_k)/K read off the states the loss saw: a formula that shares nothing with the adjoint.
        OdeProblem<SineOde> sine = Build<SineOde>("Checkpointed", "Dopri5", backwards: true, t => [SineOde.Exact(t)], out double[] times, out double[] targets);
        GradientResult result = sine.Gradient([]);
        double expected = 0.0;
        for (int k = 0; k < times.Length; k++)
        {
            double ratio = times[k] / times[0];
            expected += (result.ObservedState(0, k)[0] - targets[k]) / times.Length * ratio * ratio;
        }

        double error = Math.Abs(result.InitialStateGradient(0)[0] - expected) / Math.Abs(expected);
        output.WriteLine($"∂L/∂y0 {result.InitialStateGradient(0)[0]:R}, closed form {expected:R}, relative error {error:E2}");

        // Dopri5 at rtol 1e-10 both ways (the checkpointed adjoint's interpolation of x does not enter: f is linear in y).
        Assert.True(error < 1e-8, $"relative error {error:E2}");
    }

    private static OdeSolver Solver(string name) => name switch
    {
        "Dopri5" => OdeSolver.Dopri5(1e-10, 1e-12),
        "Rk4" => OdeSolver.Rk4(700),
        _ => OdeSolver.Rodas5P(1e-10, 1e-12),
    };

    // The linspace of construct_problem (npts = 10 on [1, 8]), flipped for reverse = True; targets are the exact solution
    // shifted by 0.1·cos(k + j), so that the loss and its gradients are not zero.
    private static OdeProblem<TModel> Build<TModel>(string method, string solver, bool backwards, Func<double, double[]> exact, out double[] times, out double[] targets)
        where TModel : struct, IOdeModel<TModel>
    {
        int n = TModel.StateCount;
        times = new double[10];
        for (int k = 0; k < times.Length; k++)
        {
            times[k] = 1.0 + (7.0 * k / 9.0);
        }

        if (backwards)
        {
            Array.Reverse(times);
        }

        targets = new double[times.Length * n];
        for (int k = 0; k < times.Length; k++)
        {
            double[] state = exact(times[k]);
            for (int j = 0; j < n; j++)
            {
                targets[(k * n) + j] = state[j] + (0.1 * Math.Cos(k + j));
            }
        }

        Dataset data = Dataset.Create(n, exact(times[0]), times, targets, startTime: times[0]);
        return new TrajectoryProblem<TModel>(
            data, Solver(solver), AllocationTests.MethodByName(method), maxDegreeOfParallelism: 1, options: new GradientOptions { InitialStateGradients = true });
    }

    private void Check<TModel>(string method, string solver, bool backwards, double[] theta, Func<double, double[]> exact)
        where TModel : struct, IOdeModel<TModel>
    {
        OdeProblem<TModel> problem = Build<TModel>(method, solver, backwards, exact, out double[] times, out _);
        GradientResult result = problem.Gradient(theta);

        // The solution the loss saw, against the exact one.
        double solutionError = 0.0;
        double scale = 0.0;
        for (int k = 0; k < times.Length; k++)
        {
            double[] expected = exact(times[k]);
            ReadOnlySpan<double> observed = result.ObservedState(0, k);
            for (int j = 0; j < expected.Length; j++)
            {
                solutionError = Math.Max(solutionError, Math.Abs(observed[j] - expected[j]));
                scale = Math.Max(scale, Math.Abs(expected[j]));
            }
        }

        solutionError /= scale;
        double parameterError = theta.Length == 0 ? 0.0 : GradientChecks.RelativeError(result.Gradient, GradientChecks.CentralDifferences(problem, theta, 1e-6));
        double[] initialStateDifferences = GradientCombinations.InitialStateDifferences(problem, theta, 1e-6 * Math.Max(1.0, Math.Abs(result.TerminalState(0)[0])));
        double initialStateError = GradientChecks.RelativeError(result.InitialStateGradients, initialStateDifferences);
        output.WriteLine(
            $"{TModel.Info.Name} {method} {solver} {(backwards ? "backwards from 8" : "forwards from 1")}: solution error {solutionError:E2}, "
            + $"∂L/∂θ error {parameterError:E2}, ∂L/∂x0 error {initialStateError:E2}; {result.Statistics}");

        // The solution: Dopri5 and Rodas5P at rtol 1e-10 keep the global error within ≈ 10³ rtol on this span (torchdiffeq
        // asserts 1e-4 relative for its float64 adaptive solvers); RK4 with h = 0.01 has a global error O(h⁴) ≈ 1e-8·C
        // (C is large for sine: its fifth derivative grows like 32 t⁴).
        Assert.True(solutionError < (solver == "Rk4" ? 1e-5 : 1e-7), $"solution error {solutionError:E2}");

        // The gradients: central differences with δ = 1e-6 carry δ² truncation and ε·L/δ rounding; the adaptive solvers'
        // step sequences (not differentiated) add O(rtol)/δ, the continuous adjoints their backward solve's or
        // interpolation's error (O(h⁴) with RK4). Measured: ∂L/∂θ ≤ 1e-8; ∂L/∂x0 ≤ 2.1e-6, the worst for sine, whose
        // small ∂L/∂y0 ≈ −0.007 is a difference of losses over states of 10⁴ (the closed-form test above puts the gradient
        // itself at 1e-12). 1e-5 is above all of them and far below the O(1) error of a gradient taken from the wrong
        // end, with the wrong sign of time or without the jump at t0.
        Assert.True(parameterError < 1e-5, $"∂L/∂θ relative error {parameterError:E2}");
        Assert.True(initialStateError < 1e-5, $"∂L/∂x0 relative error {initialStateError:E2}");
    }
}
