using System;
using NeuralOdeGen.Runtime.Tests.Models;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>The step-size controllers: their formulas at hand-picked errors, and solves driven by them.</summary>
public sealed class StepSizeControllerTests
{
    [Fact]
    public void HairerPi_FirstAcceptedStep_IsDopri5sFormula()
    {
        // DOPRI5 (Hairer's code): fac = err^{1/k − 0.75β} / facold^β, facold = 1e-4 at the start, fac clamped to
        // [1/10, 1/0.2] after dividing by safety 0.9, h_new = h / fac; here err = 0.5, k = 5, β = 0.04, written the
        // other way round: h · clamp(0.9 · err^{−0.17} · 1e-4^{0.04}, 0.2, 10).
        IStepSizeController controller = HairerPiController.Instance;
        StepSizeMemory memory = controller.Start();
        double next = controller.AfterAccept(0.1, 0.5, errorOrder: 5, rejectedBefore: false, ref memory);

        double expected = 0.1 * Math.Clamp(0.9 * Math.Pow(0.5, -0.17) * Math.Pow(1e-4, 0.04), 0.2, 10.0);
        Assert.Equal(expected, next, 1e-15);
        Assert.Equal(0.5, memory.Previous);
    }

    [Fact]
    public void HairerPi_AfterARejection_DoesNotGrow()
    {
        IStepSizeController controller = HairerPiController.Instance;
        StepSizeMemory memory = controller.Start();
        Assert.Equal(0.1, controller.AfterAccept(0.1, 1e-6, 5, rejectedBefore: true, ref memory));
    }

    [Fact]
    public void HairerPi_Rejection_ShrinksByAtMostFive_AndByTenOnOverflow()
    {
        IStepSizeController controller = HairerPiController.Instance;
        StepSizeMemory memory = controller.Start();

        // err = 32, k = 5: err^{1/5} = 2 exactly, so h / (2 / 0.9) = 0.45·h.
        Assert.Equal(0.045, controller.AfterReject(0.1, 32.0, 5, ref memory), 1e-17);
        Assert.Equal(0.02, controller.AfterReject(0.1, 1e12, 5, ref memory), 1e-17);
        Assert.Equal(0.01, controller.AfterReject(0.1, double.PositiveInfinity, 5, ref memory), 1e-17);
    }

    [Fact]
    public void PidIntegralOnly_GrowsByTheErrorRatio_NeverShrinksAfterAcceptance()
    {
        var controller = new PidController();
        StepSizeMemory memory = controller.Start();

        // err = 1/32, k = 5: 0.9·32^{1/5} = 1.8 exactly.
        Assert.Equal(0.18, controller.AfterAccept(0.1, 1.0 / 32.0, 5, false, ref memory), 1e-16);

        // err = 0.95 would give 0.9·(1/0.95)^{0.2} < 1: an accepted step keeps h (Diffrax's lower bound 1).
        Assert.Equal(0.1, controller.AfterAccept(0.1, 0.95, 5, false, ref memory));

        // err = 0 (an exact step): the largest growth.
        Assert.Equal(1.0, controller.AfterAccept(0.1, 0.0, 5, false, ref memory), 1e-15);
    }

    [Fact]
    public void PidRejection_ClampsBetweenFactorMinAndSafety()
    {
        var controller = new PidController();
        StepSizeMemory memory = controller.Start();

        Assert.Equal(0.045, controller.AfterReject(0.1, 32.0, 5, ref memory), 1e-17);    // 0.9 / 2
        Assert.Equal(0.02, controller.AfterReject(0.1, 1e12, 5, ref memory), 1e-17);     // factorMin
        Assert.Equal(0.02, controller.AfterReject(0.1, double.NaN, 5, ref memory), 1e-17);

        // A derivative term can push the formula above 1 even for a rejected step (here 0.9·2^{−0.12}·(1e6)^{0.1} ≈ 3.3):
        // a rejection never retries with more than safety × h.
        var derivative = new PidController(proportional: 0.0, integral: 0.1, derivative: 0.5);
        var remembered = new StepSizeMemory(Previous: 1.0, BeforePrevious: 1e6);
        Assert.Equal(0.09, derivative.AfterReject(0.1, 2.0, 5, ref remembered), 1e-16);
    }

    [Fact]
    public void PidProportionalIntegral_UsesThePreviousError()
    {
        // P = 0.4, I = 0.3, k = 4: factor = 0.9 · r^{0.7/4} · r_prev^{−0.4/4} with r = 1/err. Errors 1/16 then 1/256:
        // 0.9 · 256^{0.175} · 16^{−0.1} = 0.9 · 2^{1.4 − 0.4} = 1.8.
        var controller = new PidController(proportional: 0.4, integral: 0.3);
        StepSizeMemory memory = controller.Start();
        controller.AfterAccept(0.1, 1.0 / 16.0, 4, false, ref memory);
        Assert.Equal(16.0, memory.Previous);

        Assert.Equal(0.18, controller.AfterAccept(0.1, 1.0 / 256.0, 4, false, ref memory), 1e-15);
        Assert.Equal(256.0, memory.Previous);
        Assert.Equal(16.0, memory.BeforePrevious);
    }

    [Theory]
    [InlineData(0.0, 0.3)]
    [InlineData(0.4, 0.3)]
    [InlineData(0.2, 0.4)]
    public void Tsit5WithAPidController_IsAsAccurateAsItsTolerance(double proportional, double integral)
    {
        // Lotka–Volterra to t = 5 against a Dormand–Prince solve at rtol 1e-13: a controller only chooses the steps,
        // the embedded estimate still bounds each step's error, so the global error stays within ~100× rtol = 1e-6.
        double[] theta = [1.5, 1.0, 1.0, 3.0];
        double[] reference = new double[2], final = new double[2];
        new OdeIntegrator<LotkaVolterra>(OdeSolver.Dopri5(1e-13, 1e-13)).Solve(0.0, 5.0, [1.0, 0.5], theta, reference);
        var pid = new PidController(proportional, integral);
        var solver = OdeSolver.Adaptive(Tableaus.Tsitouras54, 1e-8, 1e-10, controller: pid);

        SolverStatistics work = new OdeIntegrator<LotkaVolterra>(solver).Solve(0.0, 5.0, [1.0, 0.5], theta, final);

        Assert.Equal(reference[0], final[0], 1e-6);
        Assert.Equal(reference[1], final[1], 1e-6);
        Assert.InRange(work.Steps, 20, 2_000);
        Assert.Same(pid, solver.StepSizeController);
    }

    [Fact]
    public void DefaultController_IsHairersPi() =>
        Assert.Same(HairerPiController.Instance, OdeSolver.Dopri5().StepSizeController);

    [Theory]
    [InlineData("proportional", -0.1)]
    [InlineData("integral", 0.0)]
    [InlineData("derivative", double.NaN)]
    [InlineData("safety", 1.5)]
    [InlineData("factorMin", 1.0)]
    [InlineData("factorMax", 1.0)]
    public void PidController_BadCoefficient_NamesIt(string name, double value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => name switch
        {
            "proportional" => new PidController(proportional: value),
            "integral" => new PidController(integral: value),
            "derivative" => new PidController(derivative: value),
            "safety" => new PidController(safety: value),
            "factorMin" => new PidController(factorMin: value),
            _ => new PidController(factorMax: value),
        });
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void MaxStep_CapsEveryStep()
    {
        // ẋ = a·x to t = 10 at a loose tolerance takes a few long steps; with a maximum of 0.25 it needs at least
        // 10 / 0.25 = 40 steps and still lands on t = 10 with the exact solution's accuracy.
        var capped = new OdeIntegrator<Decay>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-6, 1e-9, maxStep: 0.25));
        var free = new OdeIntegrator<Decay>(OdeSolver.Adaptive(Tableaus.DormandPrince54, 1e-6, 1e-9));
        double[] cappedFinal = new double[1], freeFinal = new double[1];

        SolverStatistics cappedWork = capped.Solve(0.0, 10.0, [1.0], [-0.3], cappedFinal);
        SolverStatistics freeWork = free.Solve(0.0, 10.0, [1.0], [-0.3], freeFinal);

        Assert.True(freeWork.Steps < 40, $"{freeWork.Steps} steps without a cap");
        Assert.InRange(cappedWork.Steps, 40, 60);
        Assert.Equal(Math.Exp(-3.0), cappedFinal[0], 1e-7);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void MaxStep_Bad_NamesIt(double value) =>
        Assert.Equal("maxStep", Assert.Throws<ArgumentOutOfRangeException>(() => OdeSolver.Adaptive(Tableaus.DormandPrince54, maxStep: value)).ParamName);
}
