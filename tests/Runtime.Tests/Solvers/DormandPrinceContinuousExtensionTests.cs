using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>
/// Dormand–Prince's <see cref="ContinuousExtension"/> on quadratures <c>y' = f(t)</c>, where the stages are just
/// <c>f(t₀ + cᵢh)</c> at the Dormand–Prince nodes and the exact solution is known. Shampine's continuous extension
/// has order 4 (Hairer, Nørsett &amp; Wanner I, §II.6), so it reproduces every polynomial solution of degree ≤ 4 at
/// every θ; one wrong coefficient or operator leaves a visible error at θ ∉ {0, 1}.
/// </summary>
public sealed class DormandPrinceContinuousExtensionTests
{
    private static ContinuousExtension Extension => Tableaus.DormandPrince54.ContinuousExtension!;

    // The Dormand–Prince nodes (Dormand & Prince 1980, Table 2).
    private static readonly double[] Nodes = [0.0, 1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0, 1.0, 1.0];

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void Interpolate_QuarticSolution_IsExactInsideTheStep(double theta)
    {
        // y = t⁴ from t₀ = 1 over h = 2 (so h and t₀ both matter): y(1 + 2θ) = (1 + 2θ)⁴.
        double y = InterpolateOne(t => 4.0 * t * t * t, t => t * t * t * t, start: 1.0, h: 2.0, theta);

        // Values up to 81 built from coefficients with ~1e-16 relative rounding and a few cancellations: 1e-12.
        Assert.Equal(Math.Pow(1.0 + (2.0 * theta), 4), y, 1e-12);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.7)]
    public void Interpolate_CubicSolution_IsExactInsideTheStep(double theta)
    {
        // y = 1 − t + 3t³ from t₀ = 0 over h = 0.5: y' = −1 + 9t².
        double y = InterpolateOne(t => -1.0 + (9.0 * t * t), t => 1.0 - t + (3.0 * t * t * t), start: 0.0, h: 0.5, theta);

        double t = 0.5 * theta;
        Assert.Equal(1.0 - t + (3.0 * t * t * t), y, 1e-14); // values of order 1, a few roundings
    }

    [Fact]
    public void Interpolate_EndPoints_ReturnStartAndTheStepsSolution()
    {
        // θ = 0 must return the start and θ = 1 the step's own solution y₀ + h·Σ bᵢkᵢ, whatever the stages are.
        double[] stages = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        double[] y = new double[1];
        ReadOnlySpan<double> b = Tableaus.DormandPrince54.B;
        double end = 2.0;
        for (int i = 0; i < 7; i++)
        {
            end += 0.1 * b[i] * stages[i];
        }

        Extension.Interpolate(0.0, 0.1, [2.0], stages, y);
        Assert.Equal(2.0, y[0], 1e-15);
        Extension.Interpolate(1.0, 0.1, [2.0], stages, y);
        Assert.Equal(end, y[0], 1e-14); // the weights at θ = 1 are b to ~1e-16, values of order 3
    }

    [Fact]
    public void Interpolate_TwoComponents_ReadsEachComponentsOwnStages()
    {
        // Component 0 is y = t⁴, component 1 is y = t² (stages interleaved row-major, 7×2); both from t₀ = 0, h = 1.
        double[] stages = new double[14];
        for (int i = 0; i < 7; i++)
        {
            double t = Nodes[i];
            stages[2 * i] = 4.0 * t * t * t;
            stages[(2 * i) + 1] = 2.0 * t;
        }

        double[] y = new double[2];
        Extension.Interpolate(0.5, 1.0, [0.0, 0.0], stages, y);

        // 0.5⁴ and 0.5²; values below 1.
        Assert.Equal(0.0625, y[0], 1e-14);
        Assert.Equal(0.25, y[1], 1e-14);
    }

    private static double InterpolateOne(Func<double, double> rate, Func<double, double> solution, double start, double h, double theta)
    {
        double[] stages = new double[7];
        for (int i = 0; i < 7; i++)
        {
            stages[i] = rate(start + (Nodes[i] * h));
        }

        double[] y = new double[1];
        Extension.Interpolate(theta, h, [solution(start)], stages, y);
        return y[0];
    }
}
