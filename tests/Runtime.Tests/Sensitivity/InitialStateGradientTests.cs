using System;
using NeuralOdeGen.Runtime.Tests.Generated;
using NeuralOdeGen.Runtime.Tests.Models;
using NeuralOdeGen.Runtime.Tests.Solvers;
using Xunit.Abstractions;

namespace NeuralOdeGen.Runtime.Tests.Sensitivity;

/// <summary>
/// <c>∂L/∂x0</c> per sample (issue #13, item 2) from every sensitivity method, against central differences of the loss in
/// the initial states, and the grouped lane paths against the one-by-one solve.
/// </summary>
public sealed class InitialStateGradientTests(ITestOutputHelper output)
{
    private static readonly GradientOptions WithInitialStates = new() { InitialStateGradients = true };

    public static TheoryData<string, string, string> Combinations => GradientCombinations.All;

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Gradient_InitialStateGradients_MatchCentralDifferences(string method, string solver, string loss)
    {
        OdeProblem<LotkaVolterra> problem = GradientCombinations.Problem(method, solver, GradientCombinations.Times(loss), 0.0, WithInitialStates);
        GradientResult result = problem.Gradient(GradientCombinations.Theta);
        double[] expected = GradientCombinations.InitialStateDifferences(problem, GradientCombinations.Theta, 1e-5);
        double error = GradientChecks.RelativeError(result.InitialStateGradients, expected);
        output.WriteLine($"{method} {solver} {loss}: ∂L/∂x0 {GradientChecks.Format(result.InitialStateGradients)}");
        output.WriteLine($"  central differences {GradientChecks.Format(expected)}; relative error {error:E2}");
        Assert.True(error < Tolerance(method, solver), $"relative error {error:E2}");
    }

    [Theory]
    [InlineData("Discrete")]
    [InlineData("Continuous")]
    [InlineData("Checkpointed")]
    [InlineData("Forward")]
    public void Gradient_InitialStateGradientsRequested_ParameterGradientBitIdentical(string method)
    {
        // Asking for ∂L/∂x0 must not change ∂L/∂θ: the adjoints read λ(t0) off what they computed anyway, and the fixed-step
        // forward sensitivities integrate the extra columns beside (never into) the parameter columns.
        double[] times = GradientCombinations.Times("Trajectory");
        GradientResult plain = GradientCombinations.Problem(method, "Rk4", times, 0.0, GradientOptions.None).Gradient(GradientCombinations.Theta);
        GradientResult extended = GradientCombinations.Problem(method, "Rk4", times, 0.0, WithInitialStates).Gradient(GradientCombinations.Theta);
        Assert.Equal(plain.Loss, extended.Loss);
        Assert.Equal(plain.Gradient.ToArray(), extended.Gradient.ToArray());
        Assert.Equal(plain.TerminalStates.ToArray(), extended.TerminalStates.ToArray());
        Assert.False(plain.HasInitialStateGradients);
        Assert.True(plain.InitialStateGradients.IsEmpty);
    }

    // Start time and horizon of the grouped-path tests: from 0 as before, from t0 = 1, and backwards from t0 = 2.
    public static TheoryData<string, double, double> LaneCases
    {
        get
        {
            var data = new TheoryData<string, double, double>();
            foreach (string method in new[] { "Discrete", "Continuous" })
            {
                data.Add(method, 0.0, 1.5);
                data.Add(method, 1.0, 2.5);
                data.Add(method, 2.0, 0.5);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(LaneCases))]
    public void Gradient_ScalarLanes_InitialStateGradientsIdenticalToOneByOne(string method, double startTime, double horizon)
    {
        // The hand-written model has no vector lanes, so a fixed-step terminal loss takes the 8-sample stacked path; 19
        // samples make two full groups and three samples solved alone. Same bits as without groups, and right.
        Dataset data = Dataset.Generate<LotkaVolterra>(UniformStates(19), GradientCombinations.TrueTheta, [horizon], startTime: startTime);
        AssertLanesMatchOneByOne<LotkaVolterra>(method, data, GradientCombinations.Theta);
    }

    [Theory]
    [MemberData(nameof(LaneCases))]
    public void Gradient_VectorLanes_InitialStateGradientsIdenticalToOneByOne(string method, double startTime, double horizon)
    {
        // The generated model has vector lanes: 10 samples fill a partial group of four-sample vectors.
        Dataset data = Dataset.Generate<GeneratedLotkaVolterra>(UniformStates(10), GradientCombinations.TrueTheta, [horizon], startTime: startTime);
        AssertLanesMatchOneByOne<GeneratedLotkaVolterra>(method, data, GradientCombinations.Theta);
    }

    [Fact]
    public void InitialStateGradient_NotRequested_ThrowsNamingTheOption()
    {
        var problem = GradientCombinations.Problem("Discrete", "Rk4", [1.0], 0.0, GradientOptions.None);
        GradientResult result = problem.Gradient(GradientCombinations.Theta);
        var exception = Assert.Throws<InvalidOperationException>(() => result.InitialStateGradient(0).ToArray());
        Assert.Contains("InitialStateGradients", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradient_WrongInitialStateLength_ThrowsNamingArgumentAndLength()
    {
        var problem = GradientCombinations.Problem("Discrete", "Rk4", [1.0], 0.0, WithInitialStates);
        var exception = Assert.Throws<ArgumentException>(() => problem.Gradient(GradientCombinations.Theta, [1.0, 2.0], problem.CreateResult()));
        Assert.Equal("initialStates", exception.ParamName);
        Assert.Contains("2", exception.Message, StringComparison.Ordinal);
        var nonFinite = Assert.Throws<ArgumentException>(() => problem.EvaluateLoss(GradientCombinations.Theta, [1.0, 2.0, double.NaN, 1.0, 1.0, 1.0]));
        Assert.Equal("initialStates", nonFinite.ParamName);
        Assert.Contains("NaN", nonFinite.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradient_UnsupportedOptionInCustomMethod_ThrowsNotSupported()
    {
        Dataset data = Dataset.Generate<LotkaVolterra>(GradientCombinations.InitialStates, GradientCombinations.TrueTheta, [1.0]);
        var exception = Assert.Throws<NotSupportedException>(() => new TerminalProblem<LotkaVolterra>(data, sensitivity: new ParameterOnlyMethod(), options: WithInitialStates));
        Assert.Contains("InitialStateGradients = True", exception.Message, StringComparison.Ordinal);
    }

    private static double[] UniformStates(int samples)
    {
        double[] states = new double[2 * samples];
        for (int i = 0; i < states.Length; i++)
        {
            states[i] = 0.6 + (0.8 * ((i * 0.618034) % 1.0));
        }

        return states;
    }

    private void AssertLanesMatchOneByOne<TModel>(string method, Dataset data, double[] theta)
        where TModel : struct, IOdeModel<TModel>
    {
        ISensitivityMethod inGroups = method == "Discrete" ? new DiscreteAdjoint() : new ContinuousAdjoint();
        ISensitivityMethod alone = method == "Discrete" ? new DiscreteAdjoint(useLanes: false) : new ContinuousAdjoint(useLanes: false);
        var lanes = new TerminalProblem<TModel>(data, OdeSolver.Rk4(100), inGroups, maxDegreeOfParallelism: 1, options: WithInitialStates);
        var oneByOne = new TerminalProblem<TModel>(data, OdeSolver.Rk4(100), alone, maxDegreeOfParallelism: 1, options: WithInitialStates);
        GradientResult grouped = lanes.Gradient(theta);
        GradientResult single = oneByOne.Gradient(theta);
        double[] fromLanes = grouped.InitialStateGradients.ToArray();
        Assert.Equal(single.InitialStateGradients.ToArray(), fromLanes);
        Assert.Equal(single.Gradient.ToArray(), grouped.Gradient.ToArray());
        Assert.Equal(single.Loss, grouped.Loss);
        Assert.Equal(single.TerminalStates.ToArray(), grouped.TerminalStates.ToArray());

        double[] expected = GradientCombinations.InitialStateDifferences(lanes, theta, 1e-5);
        double error = GradientChecks.RelativeError(fromLanes, expected);
        output.WriteLine($"{method} lanes ({typeof(TModel).Name}, t0 = {data.StartTime}, horizon {data.Horizon}): relative error vs central differences {error:E2}");

        // RK4 with 100 steps: the discrete adjoint is the exact derivative of the discrete loss (differences: δ² ≈ 1e-10
        // truncation, ε/δ ≈ 1e-11 rounding; measured ≤ 6.1e-10); the continuous one adds the backward solve's O(h⁴)
        // error (measured 9.6e-9 forwards, 9.1e-7 on the backwards case, whose re-integration of x runs against the
        // direction the data were solved in), so 1e-5.
        Assert.True(error < (method == "Discrete" ? 1e-8 : 1e-5), $"relative error {error:E2}");
    }

    // Tolerances, relative to the largest entry (measured errors in the test output):
    // - the exact derivatives of the discrete loss (discrete adjoint and forward sensitivities with RK4's fixed grid): only
    //   the differences' own error, δ² ≈ 1e-10 truncation and ε·L/δ ≈ 1e-11 rounding (measured ≤ 4.2e-10), so 1e-8;
    // - the continuous adjoints with RK4 (h = 0.01): the backward solve (or the Hermite interpolation of x) is O(h⁴)
    //   accurate, ≈ 1e-8·C (measured ≤ 2.6e-8), so 1e-6;
    // - adaptive and Rosenbrock solvers at rtol 1e-10…1e-11: both the gradient and the quotient are within O(tol) of the
    //   exact flow's, the quotient's error control changes divided by δ = 1e-5 (measured ≤ 2e-9), so 1e-7;
    // - Kvaerno5 (ESDIRK): its simplified Newton iteration stops at a fraction of the tolerance, so the loss itself is
    //   smooth in x0 only to ≈ 1e-12, which the quotient divides by δ (measured ≤ 8.3e-8), so 1e-6.
    // A dropped jump at t0, a missed observation or λ taken at the wrong end is an O(1) error.
    private static double Tolerance(string method, string solver) => solver switch
    {
        "Rk4" => method is "Discrete" or "Forward" ? 1e-8 : 1e-6,
        "Kvaerno5" => 1e-6,
        _ => 1e-7,
    };

    private sealed class ParameterOnlyMethod : ISensitivityMethod
    {
        public string Name => "Parameters only";

        public bool ProvidesSensitivities => false;

        public SensitivityWorkspace<TModel> CreateWorkspace<TModel>(OdeSolver solver, ILoss loss)
            where TModel : struct, IOdeModel<TModel> => new DiscreteAdjoint().CreateWorkspace<TModel>(solver, loss);
    }
}
