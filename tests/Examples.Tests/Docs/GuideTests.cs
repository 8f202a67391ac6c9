using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Docs;

public sealed class GuideTests
{
    [Fact]
    public void Guide_EveryCSharpBlock_IsCompiledInGuideSnippets()
    {
        string root = DotnetCli.RepositoryRoot();
        string guide = File.ReadAllText(Path.Combine(root, "docs", "guide.md"));
        string source = File.ReadAllText(Path.Combine(root, "tests", "Examples.Tests", "Docs", "GuideSnippets.cs"));
        MatchCollection blocks = Regex.Matches(guide, "```csharp\n// (?<name>[a-z-]+)\n(?<code>.*?)```", RegexOptions.Singleline);

        Assert.Equal(Regex.Matches(guide, "```csharp").Count, blocks.Count);
        Assert.True(blocks.Count >= 6, $"only {blocks.Count} blocks");
        foreach (Match block in blocks)
        {
            string name = block.Groups["name"].Value;
            string begin = $"// <guide:{name}>";
            int start = source.IndexOf(begin, StringComparison.Ordinal);
            Assert.True(start >= 0, $"no {begin} in GuideSnippets.cs");
            int end = source.IndexOf($"// </guide:{name}>", start, StringComparison.Ordinal);
            Assert.Equal(Lines(source[(start + begin.Length)..end]), Lines(block.Groups["code"].Value));
        }
    }

    [Fact]
    public void GuideVectorForms_LatentMlp_JacobianIsTheHandDerivedOne()
    {
        // All weights 0.1, biases 0: s_j = 0.1·(x0 + x1), h_j = tanh(s_j), dxdt_i = 0.1·Σ_j h_j = 0.8·tanh(s). Hence
        // ∂dxdt_i/∂x_k = 0.8·(1 − tanh²(s))·0.1 for every i, k.
        double[] x = [0.3, -0.1];
        double[] p = new double[LatentMlp.ParameterCount];
        Array.Fill(p, 0.1);
        p.AsSpan(16, 8).Clear();                 // b1
        p.AsSpan(16 + 8 + 16, 2).Clear();        // b2
        double[] jx = new double[4];
        LatentMlp.StateJacobian(0.0, x, p, jx);
        double s = 0.1 * (0.3 - 0.1), slope = 0.8 * (1.0 - (Math.Tanh(s) * Math.Tanh(s))) * 0.1;

        // Eight terms summed in another order than the closed form: a few roundings of values near 0.08.
        Assert.All(jx, entry => Assert.Equal(slope, entry, 1e-15));
        Assert.Equal(2, LatentMlp.StateCount);
        Assert.Equal(["x[0]", "x[1]"], LatentMlp.Info.StateNames);
    }

    [Fact]
    public void GuideLoopCheck_WideLatent_KeepsItsLoopsAndGetsTheSmallSymbolicTwin()
    {
        // 32-256-32 without biases: 16 384 weights, past the unroll cap, so no symbolic forms; the nested twin at N = 2,
        // H = 2 is unrolled with 2 states and 2·2 + 2·2 = 8 parameters, and its Info is written out for SymPy.
        Assert.Equal(16_384, WideLatent.ParameterCount);
        Assert.Equal(string.Empty, WideLatent.Info.RightHandSide[0]);
        Assert.Equal((2, 8), (WideLatent.SymbolicCheck.StateCount, WideLatent.SymbolicCheck.ParameterCount));
        Assert.Contains("tanh", WideLatent.SymbolicCheck.Info.RightHandSide[0], StringComparison.Ordinal);
    }

    [Fact]
    public void GuideStepControl_BackwardsSolve_IsTheClosedForm()
    {
        (double[] states, OdeSolver byStep) = GuideSnippets.StepControl();

        // Growth is dx/dt = a·x: from x(3) = 1 backwards, x(t) = e^{a(t − 3)} with a = 0.5. Tsit5 at rtol 1e-8 over a
        // span of 3 with a decaying (backwards) solution: 1e-7 relative is an order of margin.
        for (int k = 0; k < 3; k++)
        {
            double t = 2.0 - k, exact = Math.Exp(0.5 * (t - 3.0));
            Assert.Equal(exact, states[k], 1e-7 * exact);
        }

        Assert.Equal(0.01, byStep.StepSize);
        Assert.False(byStep.IsAdaptive);
    }

    [Fact]
    public void GuideStepControlOptions_ObserverStopsPastTheThreshold()
    {
        (OdeSolver careful, OdeSolver seminorm, Solution capped) = GuideSnippets.StepControlOptions();

        // x = e^{t/2} crosses 5 at 2·ln 5; steps are at most 0.1, so the first step past it ends within 0.1 after it, and
        // rtol 1e-8 keeps the state at that step within 1e-7 relative of the closed form.
        Assert.Equal(SolutionStatus.StoppedByObserver, capped.Status);
        Assert.InRange(capped.FinalTime, 2.0 * Math.Log(5.0), (2.0 * Math.Log(5.0)) + 0.1);
        double last = capped.State(capped.Count - 1)[0];
        Assert.Equal(Math.Exp(0.5 * capped.FinalTime), last, 1e-7 * last);
        Assert.Equal((0.1, 1e-6), (careful.MaxStep, careful.MinStep));
        Assert.Equal(1, Assert.IsType<LeadingComponentsErrorNorm>(seminorm.ErrorNorm).Count);
    }

    [Fact]
    public void GuideEvents_BouncingBall_IsTheClosedForm()
    {
        (EventSolution bounces, double first, double afterSpeed) = GuideSnippets.Events();

        // Dropped from 2 m: t_1 = √(2·h0/g), impact speed √(2·g·h0), each flight 2·e^k·v/g; quadratic flights are exact
        // for Tsit5 and its interpolant, so rounding is all that is left (1e-12 is generous).
        double impact = Math.Sqrt(2.0 * 9.81 * 2.0);
        Assert.Equal(Math.Sqrt(2.0 * 2.0 / 9.81), first, 1e-12);
        Assert.Equal(0.8 * impact, afterSpeed, 1e-12);
        Assert.Equal(first + (2.0 * 0.8 * impact / 9.81), bounces.Times[1], 1e-12);
        Assert.Equal(SolutionStatus.Completed, bounces.Trajectory.Status);
    }

    [Fact]
    public void GuideEventGradients_RecoverTheRestitution()
    {
        (double value, double[] gradient, TrainingResult fit) = GuideSnippets.EventGradients();

        // The observed times are e = 0.7's rounded to 0.1 ms: the loss there is tiny, and training from e = 0.5 returns
        // to 0.7 within what 5e-5 s of rounding in three times allows (well inside 1e-3).
        Assert.True(value < 1e-8, $"loss {value}");
        Assert.Equal(2, gradient.Length);
        Assert.Equal(0.7, fit.Parameters[0], 1e-3);
    }

    [Fact]
    public void GuideSolution_DenseAndBackwards_AreTheClosedForm()
    {
        (Solution dense, double x, Solution reused, double atOne) = GuideSnippets.SolutionObject();

        // x = e^{t/2} from x(0) = 1 (dense), and x = e^{(t − 2)/2} backwards from x(2) = 1; Tsit5 at rtol 1e-8 over a span of
        // 2 and its fourth-order interpolant: 1e-7 relative is an order of margin.
        Assert.Equal(Math.Exp(0.617), x, 1e-7 * x);
        Assert.Equal(Math.Exp(-0.5), atOne, 1e-7);
        Assert.Equal([1.5, 1.0, 0.5], reused.Times.ToArray());
        Assert.Equal(dense.Statistics.Steps + 1, dense.Count);
    }

    [Fact]
    public void GuideCustomLoss_IsTheClosedForm()
    {
        (double loss, double gradient, double observed) = GuideSnippets.CustomLoss();

        // x_i(τ) = x0_i·e^{aτ}: L = (Σ_i x0_i) Σ_k g_k e^{aτ_k}, dL/da = (Σ_i x0_i) Σ_k g_k τ_k e^{aτ_k}, Σ_i x0_i = 0.5.
        double[] times = [0.5, 1.0, 2.0], g = [1.0, -2.0, 0.5];
        double expectedLoss = 0.0, expectedGradient = 0.0;
        for (int k = 0; k < 3; k++)
        {
            expectedLoss += 0.5 * g[k] * Math.Exp(-0.7 * times[k]);
            expectedGradient += 0.5 * g[k] * times[k] * Math.Exp(-0.7 * times[k]);
        }

        // Dopri5 at rtol 1e-10 (forward and the checkpointed backward solve): 1e-8 relative is two orders of margin.
        Assert.Equal(expectedLoss, loss, Math.Abs(expectedLoss) * 1e-8);
        Assert.Equal(expectedGradient, gradient, Math.Abs(expectedGradient) * 1e-8);
        Assert.Equal(-0.5 * Math.Exp(-1.4), observed, 1e-9);
    }

    [Fact]
    public void GuideInitialStates_AreTheClosedFormAndRecoverTheTruth()
    {
        (double[] dLdx0, double[] dLdtau, double dLdt0, double[] fitted) = GuideSnippets.InitialStates();

        // L = (1/6) Σ_i Σ_k ½(x_ik − y_ik)², x_ik = x0_i e^{a(τ_k − 4)} with a = −0.4, y_ik the same with a* = −0.5.
        double[] x0 = [1.0, 2.0], tau = [3.0, 2.0, 1.0];
        const double a = -0.4, aTrue = -0.5, w = 1.0 / 6.0;
        double[] expectedTau = new double[3];
        double[] expectedX0 = new double[2];
        for (int i = 0; i < 2; i++)
        {
            for (int k = 0; k < 3; k++)
            {
                double x = x0[i] * Math.Exp(a * (tau[k] - 4.0));
                double residual = x - (x0[i] * Math.Exp(aTrue * (tau[k] - 4.0)));
                expectedX0[i] += w * residual * Math.Exp(a * (tau[k] - 4.0));
                expectedTau[k] += w * residual * a * x;
            }
        }

        double expectedT0 = -((expectedX0[0] * a * x0[0]) + (expectedX0[1] * a * x0[1]));

        // Dopri5 at rtol 1e-10 for the data and the solve: 1e-8 relative is two orders of margin.
        Assert.Equal(expectedX0[1], dLdx0[0], Math.Abs(expectedX0[1]) * 1e-8);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(expectedTau[k], dLdtau[k], Math.Abs(expectedTau[k]) * 1e-8);
        }

        Assert.Equal(expectedT0, dLdt0, Math.Abs(expectedT0) * 1e-8);

        // The data are exact to ≈ 1e-9, so the minimum is the truth; 1e-6 leaves the optimizer room.
        Assert.Equal(-0.5, fitted[0], 1e-6);
        Assert.Equal(1.0, fitted[1], 1e-6);
        Assert.Equal(2.0, fitted[2], 1e-6);
    }

    [Fact]
    public void GuideModel_StateJacobian_IsTheHandDerivedOne()
    {
        OdeModelInfo info = GuideSnippets.Model();
        Assert.Equal(["prey", "predator"], info.StateNames);

        double[] jx = new double[4];
        PredatorPrey.StateJacobian(0.0, [1.0, 0.5], [1.5, 1.0, 1.0, 3.0], jx);

        // (α − βy, −βx; δy, δx − γ) at x = 1, y = 0.5: exact in binary floating point.
        Assert.Equal([1.0, -1.0, 0.5, -2.0], jx);
    }

    [Fact]
    public void GuideUserFunctions_GeneCascade_DerivativesGoThroughTheFunctions()
    {
        // At a = 2, y = 0.25, vmax = 3, k = 1, n = 2, decay = 1: H = a²/(1 + a²) = 0.8, ∂H/∂a = 2a/(1 + a²)² = 0.16,
        // softplus(1) = ln(1 + e), softplus'(1) = 1/(1 + e⁻¹) (away from the kink of Max and Abs at 0).
        double[] x = [2.0, 0.25], p = [3.0, 1.0, 2.0, 1.0];
        double[] jx = new double[4], jp = new double[8];
        GeneCascade.StateJacobian(0.0, x, p, jx);
        GeneCascade.ParameterJacobian(0.0, x, p, jp);
        double softplus = Math.Log(1.0 + Math.E), slope = 1.0 / (1.0 + Math.Exp(-1.0));

        // A few roundings apart: the generated and these hand-written formulas order the operations differently.
        double[] expectedJx = [(3.0 * 0.16) - softplus, 0.0, 3.0 * 0.16 * 0.75, (-3.0 * 0.8) - softplus];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expectedJx[i], jx[i], 1e-14);
        }

        Assert.Equal(-slope * 2.0, jp[3], 1e-14);      // ∂f₀/∂decay = −softplus'(decay)·a
        Assert.Equal(-slope * 0.25, jp[7], 1e-14);     // ∂f₁/∂decay = −softplus'(decay)·y

        // EvaluateDual runs the functions' bodies over dual numbers: its tangent along a is column 0 of the Jacobian.
        Dual[] dual = new Dual[2];
        GeneCascade.EvaluateDual(0.0, [new Dual(2.0, 1.0), new Dual(0.25, 0.0)], [new Dual(3.0, 0.0), new Dual(1.0, 0.0), new Dual(2.0, 0.0), new Dual(1.0, 0.0)], dual);
        Assert.Equal(jx[0], dual[0].Derivative, 1e-14);
        Assert.Equal(jx[2], dual[1].Derivative, 1e-14);
        Assert.StartsWith("activator**n/(activator**n + k**n)*vmax - ", GeneCascade.Info.RightHandSide[0], StringComparison.Ordinal);
    }

    [Fact]
    public void GuideCustomDerivatives_Uptake_DerivativesCallTheHandWrittenMethods()
    {
        // At s = 1, b = 2, vmax = 3, k = 1, decay = 0.5: ∂sat/∂s = k/(k + s)² = 1/4, ∂sat/∂k = −s/(k + s)² = −1/4.
        double[] x = [1.0, 2.0], p = [3.0, 1.0, 0.5];
        double[] jx = new double[4], jp = new double[6];
        Uptake.StateJacobian(0.0, x, p, jx);
        Uptake.ParameterJacobian(0.0, x, p, jp);

        // A few roundings apart: the generated and these hand-written formulas order the operations differently.
        Assert.Equal(-3.0 * 0.25 * 2.0, jx[0], 1e-14);     // ∂f₀/∂s = −vmax·∂sat/∂s·b
        Assert.Equal(-3.0 * 0.5, jx[1], 1e-14);            // ∂f₀/∂b = −vmax·sat
        Assert.Equal(-3.0 * -0.25 * 2.0, jp[1], 1e-14);    // ∂f₀/∂k = −vmax·∂sat/∂k·b
        double slope = 1.0 / (1.0 + Math.Exp(-0.5));
        double softplus = Math.Log(1.0 + Math.Exp(2.0)), softplusSlope = 1.0 / (1.0 + Math.Exp(-2.0));
        Assert.Equal(-slope * softplus, jp[5], 1e-14);     // ∂f₁/∂decay = −SafeSoftplus′(decay)·Softplus(b)
        Assert.Equal((3.0 * 0.5) - (Math.Log(1.0 + Math.Exp(0.5)) * softplusSlope), jx[3], 1e-14);

        // EvaluateDual calls the function and its derivative method: its tangent along s is column 0 of the Jacobian.
        Dual[] dual = new Dual[2];
        Uptake.EvaluateDual(0.0, [new Dual(1.0, 1.0), new Dual(2.0, 0.0)], [new Dual(3.0, 0.0), new Dual(1.0, 0.0), new Dual(0.5, 0.0)], dual);
        Assert.Equal(jx[0], dual[0].Derivative, 1e-14);
        Assert.Equal(jx[2], dual[1].Derivative, 1e-14);
        Assert.Equal("-user_Saturation__d1(substrate, k)*vmax*biomass", Uptake.Info.StateJacobian[0]);
    }

    [Fact]
    public void GuideTrain_GaussNewtonThenResume_RecoversTheParameters()
    {
        using var directory = new TempDirectory();
        (TrainingResult fit, TrainingResult resumed) = GuideSnippets.Train(directory.Combine("lv.json"));

        // 1% noise on 64 terminal states: the least-squares fit lands within about 1e-2 of the truth (standard error ~ 0.01/√64 × conditioning).
        double[] truth = [1.5, 1.0, 1.0, 3.0];
        for (int k = 0; k < 4; k++)
        {
            Assert.True(Math.Abs(truth[k] - fit.Parameters[k]) < 0.02, $"θ{k} = {fit.Parameters[k]}: {fit.Status}, {fit.Reason}");
        }

        Assert.True(resumed.Iteration >= fit.Iteration);
        Assert.Equal(fit.History[0].Loss, resumed.History[0].Loss);
    }

    [Fact]
    public void GuideData_Shapes_AreTheDocumentedOnes()
    {
        (Dataset sampled, Dataset own, double[] target, TrajectoryProblem<PredatorPrey> fit) = GuideSnippets.Data();

        Assert.Equal((32, 4, 2), (sampled.SampleCount, sampled.ObservationCount, sampled.StateCount));
        Assert.Equal(32 * 4 * 2, sampled.Targets.Length);
        Assert.Equal((2, 2.0), (own.SampleCount, own.Horizon));

        // Sample 1 alone, observed only at t = 2: the adaptive solver stops at other points, so both agree to its tolerance (1e-10 relative), not bitwise.
        double[] alone = Dataset.Generate<PredatorPrey>([2.0, 1.0], [1.5, 1.0, 1.0, 3.0], [2.0]).Targets.ToArray();
        Assert.Equal(alone[0], target[0], 1e-8);
        Assert.Equal(alone[1], target[1], 1e-8);
        Assert.Equal(4, fit.Gradient([1.5, 1.0, 1.0, 3.0]).Gradient.Length);
    }

    [Fact]
    public void GuideSolvers_EveryMethodAndSolver_AgreeOnTheGradient()
    {
        double[] gradients = GuideSnippets.Solvers();

        // Four sensitivity methods × three solvers of order ≥ 4 on one smooth problem: all within 1e-5 relative.
        double reference = gradients[0];
        Assert.All(gradients, g => Assert.Equal(reference, g, 1e-5 * Math.Abs(reference)));
    }

    [Fact]
    public void GuideStiff_Rodas5POnRobertson_TakesTheDocumentedStepsAndMatchesTheReference()
    {
        (SolverStatistics work, double[] final) = GuideSnippets.Stiff();

        // The guide quotes 310 steps; the solver is deterministic, so exactly that. Reference: the runtime tests' SciPy Radau
        // value at rtol 1e-13; 1e-6 relative is 100× rtol, the global-error allowance of the runtime test.
        Assert.Equal(310, work.Steps);
        Assert.Equal(work.Steps, work.JacobianEvaluations);
        double[] reference = [0.017865921142103402, 7.274751468437972e-08, 0.982134006110379];
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(final[i] - reference[i]) <= 1e-6 * reference[i], $"component {i}: {final[i]:R} vs {reference[i]:R}");
        }
    }

    [Fact]
    public void GuideStiffGradients_ForwardSensitivityThroughRodas5P_GivesGradientAndSensitivities()
    {
        GradientResult result = GuideSnippets.StiffGradients();

        // θ is off the data's rate constants, so every component of the gradient is non-zero; the sensitivities are there for GaussNewton.
        Assert.True(result.Loss > 0.0);
        Assert.All(result.Gradient.ToArray(), g => Assert.True(double.IsFinite(g) && g != 0.0, $"gradient component {g}"));
        Assert.True(result.HasSensitivities);
    }

    [Fact]
    public void GuideDiagnostics_CustomOptimizer_TrainsAndWritesTheHistory()
    {
        using var directory = new TempDirectory();
        TrainingResult run = GuideSnippets.Diagnostics(directory.Combine("history.csv"));

        Assert.Equal(TrainingStatus.MaxIterations, run.Status);
        Assert.True(run.History[^1].Loss < run.History[0].Loss, "the loss did not fall");
        Assert.Equal(21, File.ReadAllLines(directory.Combine("history.csv")).Length - 1);
        Assert.Equal("iteration,loss,gradient_norm,terminal_variance,step_norm,effective_step_size,alpha,beta,delta,gamma", File.ReadLines(directory.Combine("history.csv")).First());
    }

    private static string[] Lines(string text) =>
        [.. text.Split('\n').Select(static l => l.Trim()).Where(static l => l.Length > 0)];
}
