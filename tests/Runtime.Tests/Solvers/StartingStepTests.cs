using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// <see cref="StartingStep.Estimate"/> against Hairer's algorithm worked by hand (Hairer, Nørsett &amp; Wanner I, §II.4):
/// d₀ = ‖y₀‖, d₁ = ‖f₀‖, h₀ = 0.01 d₀/d₁ (or 10⁻⁶ when either is below 10⁻⁵), one Euler probe, d₂ = ‖f₁ − f₀‖/h₀,
/// h₁ = (0.01/max(d₁, d₂))^{1/(p+1)} (or max(10⁻⁶, 10⁻³h₀) when both vanish), h = min(100 h₀, h₁, |span|).
/// The adaptive-solve tests only see the start indirectly, through a step count that a different first step barely moves.
/// </summary>
/// <remarks>
/// Every case uses rtol = atol = 0.5 at y₀ = 2, so the weight is 0.5 + 0.5·2 = 1.5 and the norms are plain numbers.
/// </remarks>
public sealed class StartingStepTests
{
    [Fact]
    public void Estimate_NonlinearTimeDependentForward_MatchesHandComputedProbe()
    {
        // f = y² + t at (0, 2): f₀ = 4, d₀ = 2/1.5, d₁ = 4/1.5, h₀ = 0.01·0.5 = 0.005. Probe y = 2.02 at t = 0.005:
        // f₁ = 4.0804 + 0.005 = 4.0854, d₂ = (0.0854/1.5)/0.005. h = min(0.5, (0.01/d₂)^{1/5}, 10).
        double h = Estimate(new SquarePlusTime(), state: 2.0, span: 10.0, order: 4);

        // The probe difference 0.0854 is formed from two numbers near 4 (cancellation ~1e-15 absolute), ^{1/5} shrinks it.
        Assert.Equal(Math.Pow(0.01 / (0.0854 / 1.5 / 0.005), 0.2), h, 1e-12);
    }

    [Fact]
    public void Estimate_NonlinearTimeDependentBackward_ProbesBackwards()
    {
        // Backwards the probe is y = 1.98 at t = −0.005: f₁ = 3.9204 − 0.005 = 3.9154, |f₁ − f₀| = 0.0846.
        double h = Estimate(new SquarePlusTime(), state: 2.0, span: -10.0, order: 4);

        // As above; the forward value 0.0854 would give h larger by 0.2 % (far outside the tolerance).
        Assert.Equal(Math.Pow(0.01 / (0.0846 / 1.5 / 0.005), 0.2), h, 1e-12);
    }

    [Fact]
    public void Estimate_LinearDecay_UsesTheOrderInTheExponent()
    {
        // f = −y: d₀ = d₁ = d₂ = 2/1.5 (the probe difference of a linear f is exact in h₀), so h₁ = (0.0075)^{1/(p+1)}.
        double order4 = Estimate(new Decay(), state: 2.0, span: 10.0, order: 4);
        double order1 = Estimate(new Decay(), state: 2.0, span: 10.0, order: 1);

        // Rounding of 1.98 and 0.02/1.5 only: a few ulps, well inside 1e-13.
        Assert.Equal(Math.Pow(0.0075, 0.2), order4, 1e-13);
        Assert.Equal(Math.Pow(0.0075, 0.5), order1, 1e-13);
    }

    [Fact]
    public void Estimate_FastConstantRate_IsCappedAtHundredTimesTheFirstGuess()
    {
        // f = 2·10⁶: d₁ = 2e6/1.5, h₀ = 0.01·(2/1.5)/(2e6/1.5) = 10⁻⁸; d₂ = 0; h₁ = (7.5e-9)^{1/5} ≈ 0.024 ≫ 100 h₀ = 10⁻⁶.
        double h = Estimate(new Constant(2e6), state: 2.0, span: 10.0, order: 4);

        // Two roundings in h₀.
        Assert.Equal(1e-6, h, 1e-20);
    }

    [Fact]
    public void Estimate_ZeroDerivative_UsesTheSmallDefaultStep()
    {
        // f = 0: d₁ = 0 < 10⁻⁵ so h₀ = 10⁻⁶; d₂ = 0 so h₁ = max(10⁻⁶, 10⁻³·10⁻⁶) = 10⁻⁶; h = min(10⁻⁴, 10⁻⁶, 10) = 10⁻⁶.
        double h = Estimate(new Constant(0.0), state: 2.0, span: 10.0, order: 4);

        Assert.Equal(1e-6, h); // exact: every candidate is a literal
    }

    [Fact]
    public void Estimate_ZeroStateNonzeroRate_StartsFromTheSmallFirstGuess()
    {
        // y₀ = 0 (weight 0.5), f = 1: d₀ = 0 < 10⁻⁵ alone sends h₀ to 10⁻⁶; d₁ = 2, d₂ = 0, h₁ = (0.005)^{1/5} ≈ 0.35;
        // h = min(100·10⁻⁶, h₁, 10) = 10⁻⁴.
        double h = Estimate(new Constant(1.0), state: 0.0, span: 10.0, order: 4);

        // 100·1e-6 rounds once.
        Assert.Equal(1e-4, h, 1e-19);
    }

    [Theory]
    [InlineData(1e-7)]
    [InlineData(-1e-7)]
    public void Estimate_SpanShorterThanEveryGuess_IsTheSpanLength(double span)
    {
        // f = −y gives h₀ = 0.01 and h₁ ≈ 0.38 (above): both are cut to |span|.
        double h = Estimate(new Decay(), state: 2.0, span: span, order: 4);

        Assert.Equal(1e-7, h); // exact: Math.Min returns |span| itself
    }

    [Fact]
    public void Estimate_ZeroTolerances_FallsBackToAMillionthOfTheSpan()
    {
        // Weight 0: every norm is ∞ or NaN, so the estimate is not finite and the fallback 10⁻⁶·|span| is used.
        var system = new Decay();
        double[] probe = new double[1];
        double[] probeDerivative = new double[1];
        double h = StartingStep.Estimate(ref system, 0.0, [2.0], [-2.0], probe, probeDerivative, -10.0, 0.0, 0.0, 4);

        Assert.Equal(1e-5, h, 1e-20); // one multiplication
    }

    [Fact]
    public void Estimate_TwoEqualComponents_UsesRootMeanSquareNorms()
    {
        // f = −y on y₀ = (2, 2): each norm is a root mean square, so two equal components give the one-component values
        // d₀ = d₁ = d₂ = 2/1.5 and h = (0.0075)^{1/5}, as in Estimate_LinearDecay_UsesTheOrderInTheExponent. A sum in
        // place of the mean (d₁·√2·√2 for n = 2) would give h₀ = 0.005 and h = (0.00375)^{1/5}, 13 % smaller.
        var system = new Decay();
        double[] y = [2.0, 2.0];
        double[] derivative = new double[2];
        system.Evaluate(0.0, y, derivative);
        double h = StartingStep.Estimate(ref system, 0.0, y, derivative, new double[2], new double[2], 10.0, 0.5, 0.5, 4);

        // Rounding of 1.98 and 0.02/1.5 only, as in the one-component case.
        Assert.Equal(Math.Pow(0.0075, 0.2), h, 1e-13);
    }

    [Fact]
    public void Estimate_TwoEqualComponentsFastRate_CapsAtHundredTimesTheOneComponentGuess()
    {
        // f = (2·10⁶, 2·10⁶) on y₀ = (2, 2): as Estimate_FastConstantRate_IsCappedAtHundredTimesTheFirstGuess per component;
        // the root mean square keeps d₀ = 2/1.5 and d₁ = 2e6/1.5, so h₀ = 10⁻⁸ and h = 100 h₀ = 10⁻⁶ (a sum over the
        // components in d₀ alone, d₀·n, would double h₀ and h).
        var system = new ConstantEach(2e6);
        double[] y = [2.0, 2.0];
        double[] derivative = new double[2];
        system.Evaluate(0.0, y, derivative);
        double h = StartingStep.Estimate(ref system, 0.0, y, derivative, new double[2], new double[2], 10.0, 0.5, 0.5, 4);

        // Two roundings in h₀, as in the one-component case.
        Assert.Equal(1e-6, h, 1e-20);
    }

    private readonly struct ConstantEach(double rate) : IOdeSystem
    {
        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt.Fill(rate);
    }

    private static double Estimate<TSystem>(TSystem system, double state, double span, int order)
        where TSystem : struct, IOdeSystem
    {
        double[] y = [state];
        double[] derivative = new double[1];
        system.Evaluate(0.0, y, derivative);
        double[] probe = new double[1];
        double[] probeDerivative = new double[1];
        return StartingStep.Estimate(ref system, 0.0, y, derivative, probe, probeDerivative, span, 0.5, 0.5, order);
    }

    private readonly struct SquarePlusTime : IOdeSystem
    {
        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = (y[0] * y[0]) + t;
    }

    private readonly struct Decay : IOdeSystem
    {
        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            for (int i = 0; i < y.Length; i++)
            {
                dydt[i] = -y[i];
            }
        }
    }

    private readonly struct Constant(double rate) : IOdeSystem
    {
        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => dydt[0] = rate;
    }
}
