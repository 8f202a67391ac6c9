using System;
using System.Globalization;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen.Verification.Tests.RandomPrograms;

/// <summary>A model's generated lane members checked against its scalar members, without naming its type.</summary>
internal interface ILaneIdentity
{
    /// <summary>Returns <see langword="null"/> when every lane matches, else the first mismatch.</summary>
    string? Check();
}

/// <summary>
/// Every lane of every vector of a block passed to <c>EvaluateLanes</c>, <c>VectorJacobianProductLanes</c> and
/// <c>JacobianVectorProductLanes</c> (the parameter tangent shared by the block) equals the scalar <c>Evaluate</c>,
/// <c>VectorJacobianProduct</c> and <c>JacobianVectorProduct</c> on that sample's inputs, and <c>SensitivityRatesLanes</c>
/// (two columns of the block's state tangents, with the unit parameter tangents <c>e_0</c> and <c>e_1</c>, or zero past
/// the parameters) equals the scalar <c>JacobianVectorProduct</c> of each column, bit for bit (a NaN matches any
/// NaN: which NaN a binary operation returns for two NaN operands depends on the JIT's operand order, in the scalar
/// code as much as in the vector code). Blocks of 3 and of 1 vectors alternate.
/// </summary>
internal sealed class LaneIdentity<TModel> : ILaneIdentity
    where TModel : IOdeModel<TModel>
{
    private const int RandomGroups = 16;
    private const int SpecialGroups = 4;

    private static readonly int[] BlockCounts = [3, 1];

    private static readonly double[] SpecialValues =
        [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1.0, 1.0, 2.0, Math.BitIncrement(0.0)];

    public string? Check()
    {
        if (!TModel.HasVectorLanes)
        {
            return "HasVectorLanes is false: the generator emitted no lane members.";
        }

        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int lanes = Vector256<double>.Count;
        var random = new Random(7);
        double[] p = new double[m];
        double[] laneX = new double[n];
        double[] laneV = new double[n];
        double[] laneDx = new double[n];
        double[] dp = new double[m];
        double[] scalarJvp = new double[n];
        double[] unitDirection = new double[m];
        double[] scalarF = new double[n];
        double[] scalarVjx = new double[n];
        double[] scalarVjp = new double[m];
        for (int group = 0; group < RandomGroups + SpecialGroups; group++)
        {
            // Random states, cotangents and parameters in [−2, 2] (the random programs' finite domain); then blocks
            // with half the samples' values special.
            bool special = group >= RandomGroups;
            double Draw() => special && random.Next(2) == 0 ? SpecialValues[random.Next(SpecialValues.Length)] : (4 * random.NextDouble()) - 2;
            int count = BlockCounts[group % BlockCounts.Length];
            var x = new Vector256<double>[n * count];
            var v = new Vector256<double>[n * count];
            var f = new Vector256<double>[n * count];
            var vjx = new Vector256<double>[n * count];
            var vjp = new Vector256<double>[m * count];
            var dx = new Vector256<double>[n * count];
            var jvp = new Vector256<double>[n * count];
            var columns = new Vector256<double>[2 * n * count];
            var columnRates = new Vector256<double>[2 * n * count];
            double t = 2 * random.NextDouble();
            for (int q = 0; q < m; q++)
            {
                p[q] = (4 * random.NextDouble()) - 2;
                dp[q] = Draw();
            }

            for (int i = 0; i < x.Length; i++)
            {
                x[i] = Vector256.Create(Draw(), Draw(), Draw(), Draw());
                v[i] = Vector256.Create(Draw(), Draw(), Draw(), Draw());
                dx[i] = Vector256.Create(Draw(), Draw(), Draw(), Draw());
            }

            for (int i = 0; i < columns.Length; i++)
            {
                columns[i] = Vector256.Create(Draw(), Draw(), Draw(), Draw());
            }

            TModel.EvaluateLanes(t, x, p, f);
            TModel.VectorJacobianProductLanes(t, x, p, v, vjx, vjp);
            TModel.JacobianVectorProductLanes(t, x, p, dx, dp, jvp);
            TModel.SensitivityRatesLanes(t, x, p, columns, columnRates);
            for (int k = 0; k < count; k++)
            {
                for (int lane = 0; lane < lanes; lane++)
                {
                    // Component i of vector k sits at i * count + k (component-major block).
                    for (int i = 0; i < n; i++)
                    {
                        laneX[i] = x[(i * count) + k].GetElement(lane);
                        laneV[i] = v[(i * count) + k].GetElement(lane);
                        laneDx[i] = dx[(i * count) + k].GetElement(lane);
                    }

                    TModel.Evaluate(t, laneX, p, scalarF);
                    TModel.VectorJacobianProduct(t, laneX, p, laneV, scalarVjx, scalarVjp);
                    TModel.JacobianVectorProduct(t, laneX, p, laneDx, dp, scalarJvp);
                    string? mismatch = Compare("EvaluateLanes", scalarF, f, count, k, lane, t, laneX, p)
                        ?? Compare("VectorJacobianProductLanes (vjx)", scalarVjx, vjx, count, k, lane, t, laneX, p)
                        ?? Compare("VectorJacobianProductLanes (vjp)", scalarVjp, vjp, count, k, lane, t, laneX, p)
                        ?? Compare("JacobianVectorProductLanes", scalarJvp, jvp, count, k, lane, t, laneX, p);
                    if (mismatch is not null)
                    {
                        return mismatch;
                    }

                    for (int column = 0; column < 2; column++)
                    {
                        for (int i = 0; i < n; i++)
                        {
                            laneDx[i] = columns[(((column * n) + i) * count) + k].GetElement(lane);
                        }

                        Array.Clear(unitDirection);
                        if (column < m)
                        {
                            unitDirection[column] = 1.0;
                        }

                        TModel.JacobianVectorProduct(t, laneX, p, laneDx, unitDirection, scalarJvp);
                        mismatch = Compare($"SensitivityRatesLanes (column {column})", scalarJvp, columnRates.AsSpan(column * n * count, n * count).ToArray(), count, k, lane, t, laneX, p);
                        if (mismatch is not null)
                        {
                            return mismatch;
                        }
                    }
                }
            }
        }

        return null;
    }

    private static string? Compare(string member, double[] expected, Vector256<double>[] actual, int count, int k, int lane, double t, double[] x, double[] p)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double value = actual[(i * count) + k].GetElement(lane);
            // ±0 match each other: the scalar side's Math.Min/Math.Max with a folded −0.0 constant operand gives +0 or −0
            // depending on the JIT tier that compiled it (dotnet/runtime#130831), so its sign of zero is not stable.
            bool same = BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(expected[i])
                || (double.IsNaN(value) && double.IsNaN(expected[i]))
                || (value == 0.0 && expected[i] == 0.0);
            if (!same)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{member} output {i} of vector {k} of {count}, lane {lane}, is {value:R}, the scalar member gives {expected[i]:R} at x = [{string.Join(", ", x)}], p = [{string.Join(", ", p)}], t = {t:R}");
            }
        }

        return null;
    }
}
