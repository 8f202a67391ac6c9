using System;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen.Runtime.Tests.Generated;

/// <summary>
/// <c>SensitivityRatesLanes</c>: every column's rate is the scalar Jacobian–vector product of that lane's state and column
/// with the unit tangent of the column's parameter (zero past the parameters), bit for bit — the generated member, which
/// computes the Jacobian's entries once for all columns, and the interface's default, which calls the one-column lane
/// member per column (a hand-written model's lane members are the interface's scalar loops).
/// </summary>
public sealed class SensitivityRatesLanesTests
{
    [Fact]
    public void Generated_SixColumnsOfLotkaVolterra_EachColumnIsTheScalarProduct()
    {
        Assert.True(HasJacobianVectorProductLanes<GeneratedLotkaVolterra>());

        // Four parameter columns and two more (the ∂x/∂x0 kind: no parameter tangent), three vectors per component.
        AssertColumnsMatchScalar<GeneratedLotkaVolterra>([1.4, 1.1, 0.9, 3.1], columns: 6, count: 3);
    }

    [Fact]
    public void Generated_TimeForcedModel_EachColumnIsTheScalarProduct() =>
        AssertColumnsMatchScalar<GeneratedForcedGrowth>([-0.5, 1.1], columns: 3, count: 2);

    [Fact]
    public void InterfaceDefault_HandWrittenLotkaVolterra_EachColumnIsTheScalarProduct()
    {
        Assert.False(HasJacobianVectorProductLanes<Models.LotkaVolterra>());

        AssertColumnsMatchScalar<Models.LotkaVolterra>([1.4, 1.1, 0.9, 3.1], columns: 5, count: 2);
    }

    [Fact]
    public void Generated_ColumnsNotWholeBlocks_ThrowsNamingColumns()
    {
        var x = new Vector256<double>[2 * 3];
        var columns = new Vector256<double>[(2 * 3 * 2) + 1];
        var rates = new Vector256<double>[columns.Length];

        ArgumentException error = Assert.Throws<ArgumentException>(() => Rates<GeneratedLotkaVolterra>(0.0, x, [1.0, 1.0, 1.0, 1.0], columns, rates));
        Assert.Equal("columns", error.ParamName);
    }

    private static void AssertColumnsMatchScalar<TModel>(double[] p, int columns, int count)
        where TModel : struct, IOdeModel<TModel>
    {
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        var random = new Random(3);
        var x = new Vector256<double>[n * count];
        var s = new Vector256<double>[columns * n * count];
        var rates = new Vector256<double>[s.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Vector256.Create(0.5 + random.NextDouble(), 0.5 + random.NextDouble(), 0.5 + random.NextDouble(), 0.5 + random.NextDouble());
        }

        for (int i = 0; i < s.Length; i++)
        {
            s[i] = Vector256.Create((2 * random.NextDouble()) - 1, (2 * random.NextDouble()) - 1, (2 * random.NextDouble()) - 1, (2 * random.NextDouble()) - 1);
        }

        const double T = 0.7;
        Rates<TModel>(T, x, p, s, rates);

        double[] state = new double[n];
        double[] tangent = new double[n];
        double[] unit = new double[m];
        double[] expected = new double[n];
        for (int c = 0; c < columns; c++)
        {
            Array.Clear(unit);
            if (c < m)
            {
                unit[c] = 1.0;
            }

            for (int k = 0; k < count; k++)
            {
                for (int lane = 0; lane < Vector256<double>.Count; lane++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        state[i] = x[(i * count) + k].GetElement(lane);
                        tangent[i] = s[(((c * n) + i) * count) + k].GetElement(lane);
                    }

                    TModel.JacobianVectorProduct(T, state, p, tangent, unit, expected);
                    for (int i = 0; i < n; i++)
                    {
                        // Exact: the same operations on the same inputs.
                        Assert.Equal(expected[i], rates[(((c * n) + i) * count) + k].GetElement(lane));
                    }
                }
            }
        }
    }

    private static void Rates<TModel>(double t, Vector256<double>[] x, double[] p, Vector256<double>[] columns, Vector256<double>[] rates)
        where TModel : struct, IOdeModel<TModel> => TModel.SensitivityRatesLanes(t, x, p, columns, rates);

    private static bool HasJacobianVectorProductLanes<TModel>()
        where TModel : struct, IOdeModel<TModel> => TModel.HasJacobianVectorProductLanes;
}
