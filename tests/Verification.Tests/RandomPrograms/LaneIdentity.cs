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
/// Every lane of <c>EvaluateLanes</c> and <c>VectorJacobianProductLanes</c> equals the scalar <c>Evaluate</c> and
/// <c>VectorJacobianProduct</c> on that lane's inputs, bit for bit (a NaN matches any NaN: which NaN a binary operation
/// returns for two NaN operands depends on the JIT's operand order, in the scalar code as much as in the vector code).
/// </summary>
internal sealed class LaneIdentity<TModel> : ILaneIdentity
    where TModel : IOdeModel<TModel>
{
    private const int RandomGroups = 16;
    private const int SpecialGroups = 4;

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
        var x = new Vector256<double>[n];
        var v = new Vector256<double>[n];
        var f = new Vector256<double>[n];
        var vjx = new Vector256<double>[n];
        var vjp = new Vector256<double>[m];
        double[] p = new double[m];
        double[] laneX = new double[n];
        double[] laneV = new double[n];
        double[] scalarF = new double[n];
        double[] scalarVjx = new double[n];
        double[] scalarVjp = new double[m];
        for (int group = 0; group < RandomGroups + SpecialGroups; group++)
        {
            // Random states, cotangents and parameters in [−2, 2] (the random programs' finite domain); then groups
            // with half the lanes' values special.
            bool special = group >= RandomGroups;
            double Draw() => special && random.Next(2) == 0 ? SpecialValues[random.Next(SpecialValues.Length)] : (4 * random.NextDouble()) - 2;
            double t = 2 * random.NextDouble();
            for (int k = 0; k < m; k++)
            {
                p[k] = (4 * random.NextDouble()) - 2;
            }

            for (int i = 0; i < n; i++)
            {
                x[i] = Vector256.Create(Draw(), Draw(), Draw(), Draw());
                v[i] = Vector256.Create(Draw(), Draw(), Draw(), Draw());
            }

            TModel.EvaluateLanes(t, x, p, f);
            TModel.VectorJacobianProductLanes(t, x, p, v, vjx, vjp);
            for (int lane = 0; lane < lanes; lane++)
            {
                for (int i = 0; i < n; i++)
                {
                    laneX[i] = x[i].GetElement(lane);
                    laneV[i] = v[i].GetElement(lane);
                }

                TModel.Evaluate(t, laneX, p, scalarF);
                TModel.VectorJacobianProduct(t, laneX, p, laneV, scalarVjx, scalarVjp);
                string? mismatch = Compare("EvaluateLanes", scalarF, f, lane, t, laneX, p)
                    ?? Compare("VectorJacobianProductLanes (vjx)", scalarVjx, vjx, lane, t, laneX, p)
                    ?? Compare("VectorJacobianProductLanes (vjp)", scalarVjp, vjp, lane, t, laneX, p);
                if (mismatch is not null)
                {
                    return mismatch;
                }
            }
        }

        return null;
    }

    private static string? Compare(string member, double[] expected, Vector256<double>[] actual, int lane, double t, double[] x, double[] p)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double value = actual[i].GetElement(lane);
            bool same = BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(expected[i])
                || (double.IsNaN(value) && double.IsNaN(expected[i]));
            if (!same)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{member} output {i} lane {lane} is {value:R}, the scalar member gives {expected[i]:R} at x = [{string.Join(", ", x)}], p = [{string.Join(", ", p)}], t = {t:R}");
            }
        }

        return null;
    }
}
