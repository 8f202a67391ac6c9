using System;

namespace NeuralOdeGen.Runtime.Tests.Solvers;

/// <summary>The methods' own dense outputs, carried as data on their tableaus.</summary>
public sealed class ContinuousExtensionTests
{
    public static TheoryData<string, int> Extensions => new()
    {
        { "BogackiShampine32", 3 },
        { "DormandPrince54", 4 },
        { "Tsitouras54", 4 },
    };

    [Theory]
    [MemberData(nameof(Extensions))]
    public void Interpolant_ObservedOrderOnANonlinearProblem_IsItsOrder(string name, int order)
    {
        ButcherTableau tableau = ButcherTableauTests.ByName(name);
        ContinuousExtension extension = tableau.ContinuousExtension!;
        Assert.Equal(order, extension.Order);

        // y' = y² from y(0) = 0.5 has y(t) = 1/(2 − t). Inside one step the interpolant's error is O(h^{p+1}) (its local
        // error; the step's own error is O(h^{p_method+1}), smaller), so halving h divides it by 2^{p+1}. Mid-step
        // (θ = 0.4) and with h small enough for the asymptotic regime, the observed exponent is within 0.3 of p + 1.
        double coarse = InterpolationError(tableau, 0.04, 0.4);
        double fine = InterpolationError(tableau, 0.02, 0.4);
        double observed = Math.Log2(coarse / fine);
        Assert.InRange(observed, order + 1 - 0.3, order + 1 + 0.3);
    }

    [Fact]
    public void DormandPrince_WeightsEqualHairersFormOfShampinesExtension()
    {
        // Two formulations of the same polynomial: the expanded weights on the tableau and Hairer's nested form with
        // the d_i coefficients (DOPRI5's CONTD5, below). Random stages; agreement to a few roundings of O(1) values.
        var random = new Random(5);
        const int n = 3;
        double h = 0.3;
        double[] start = new double[n];
        double[] stages = new double[7 * n];
        for (int i = 0; i < start.Length; i++)
        {
            start[i] = random.NextDouble() - 0.5;
        }

        for (int i = 0; i < stages.Length; i++)
        {
            stages[i] = random.NextDouble() - 0.5;
        }

        double[] end = new double[n];
        StageCombinations.Combine<ScalarLane, double>(start, Tableaus.DormandPrince54.B, h, stages, n, end);
        foreach (double theta in new[] { 0.0, 0.2, 0.5, 0.77, 1.0 })
        {
            double[] hairer = new double[n];
            double[] weights = new double[n];
            HairerForm(theta, h, start, end, stages, hairer);
            Tableaus.DormandPrince54.ContinuousExtension!.Interpolate(theta, h, start, stages, weights);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(hairer[i], weights[i], 1e-14);
            }
        }
    }

    [Fact]
    public void Weights_AtTheEnds_AreZeroAndTheMethodsWeights()
    {
        ContinuousExtension extension = Tableaus.Tsitouras54.ContinuousExtension!;
        double[] weights = new double[7];
        extension.Weights(0.0, weights);
        Assert.All(weights, w => Assert.Equal(0.0, w));
        extension.Weights(1.0, weights);
        for (int i = 0; i < 7; i++)
        {
            // The published decimals are rounded to ~17 digits of coefficients up to 88 in size.
            Assert.Equal(Tableaus.Tsitouras54.B[i], weights[i], 1e-13);
        }
    }

    [Fact]
    public void Tableau_WithAnExtensionThatBreaksAnOrderCondition_IsRefused()
    {
        // Tsitouras' interpolant with one coefficient off by 1e-6: b(1) still matches within nothing, but the
        // continuous order conditions fail at interior θ.
        ButcherTableau tsit5 = Tableaus.Tsitouras54;
        double[] coefficients = tsit5.ContinuousExtension!.Coefficients.ToArray();
        coefficients[(3 * 4) + 1] += 1e-6;
        coefficients[(3 * 4) + 2] -= 1e-6;   // keeps b_3(1) = b_3, so only the interior conditions can catch it
        var broken = new ContinuousExtension(7, coefficients, 4, "test");

        var error = Assert.Throws<ArgumentException>(() => new ButcherTableau(
            "broken", tsit5.A.ToArray(), tsit5.B.ToArray(), tsit5.C.ToArray(), 5, tsit5.EmbeddedB.ToArray(), 4, true, "test", broken));
        Assert.Equal("continuousExtension", error.ParamName);
        Assert.Contains("Order condition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tableau_WithAnExtensionThatMissesTheEnd_IsRefused()
    {
        ButcherTableau bs3 = Tableaus.BogackiShampine32;
        double[] coefficients = bs3.ContinuousExtension!.Coefficients.ToArray();
        coefficients[0] += 0.01;
        var error = Assert.Throws<ArgumentException>(() => new ButcherTableau(
            "broken", bs3.A.ToArray(), bs3.B.ToArray(), bs3.C.ToArray(), 3, bs3.EmbeddedB.ToArray(), 2, true, "test",
            new ContinuousExtension(4, coefficients, 3, "test")));
        Assert.Equal("continuousExtension", error.ParamName);
        Assert.Contains("b_0(1)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(7, 0)]
    public void Constructor_BadShape_Throws(int coefficientCount, int order)
    {
        Assert.ThrowsAny<ArgumentException>(() => new ContinuousExtension(4, new double[coefficientCount], Math.Max(order, 1), "test"));
    }

    [Fact]
    public void Constructor_OrderAboveDegree_NamesOrder() =>
        Assert.Equal("order", Assert.Throws<ArgumentOutOfRangeException>(() => new ContinuousExtension(2, new double[4], 3, "test")).ParamName);

    // One step of the explicit method on y' = y² from y(0) = 0.5, then |interpolant(θ) − 1/(2 − θh)|.
    private static double InterpolationError(ButcherTableau tableau, double h, double theta)
    {
        int s = tableau.StageCount;
        ReadOnlySpan<double> a = tableau.A;
        double[] stages = new double[s];
        for (int i = 0; i < s; i++)
        {
            double y = 0.5;
            for (int j = 0; j < i; j++)
            {
                y += h * a[(i * s) + j] * stages[j];
            }

            stages[i] = y * y;
        }

        double[] interpolated = new double[1];
        tableau.ContinuousExtension!.Interpolate(theta, h, [0.5], stages, interpolated);
        return Math.Abs(interpolated[0] - (1.0 / (2.0 - (theta * h))));
    }

    // Shampine's extension of DP5 as DOPRI5's CONTD5 evaluates it (Hairer, Nørsett & Wanner, §II.6), from the step's
    // start and end states and its seven stages: the reference the expanded weights are checked against.
    private static void HairerForm(double theta, double h, double[] start, double[] end, double[] stages, double[] y)
    {
        const double d1 = -12715105075.0 / 11282082432.0, d3 = 87487479700.0 / 32700410799.0, d4 = -10690763975.0 / 1880347072.0;
        const double d5 = 701980252875.0 / 199316789632.0, d6 = -1453857185.0 / 822651844.0, d7 = 69997945.0 / 29380423.0;
        int n = start.Length;
        for (int i = 0; i < n; i++)
        {
            double k1 = stages[i], k7 = stages[(6 * n) + i];
            double difference = end[i] - start[i];
            double spline = (h * k1) - difference;
            double cubic = difference - (h * k7) - spline;
            double quartic = h * ((d1 * k1) + (d3 * stages[(2 * n) + i]) + (d4 * stages[(3 * n) + i]) + (d5 * stages[(4 * n) + i]) + (d6 * stages[(5 * n) + i]) + (d7 * k7));
            y[i] = start[i] + (theta * (difference + ((1.0 - theta) * (spline + (theta * (cubic + ((1.0 - theta) * quartic)))))));
        }
    }
}
