using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Runtime.Intrinsics;

namespace NeuralOdeGen.Generator.Tests.Lanes;

/// <summary>
/// Checks a model's generated lane members against its scalar members: every lane of <c>EvaluateLanes</c> and
/// <c>VectorJacobianProductLanes</c> must hold exactly the bits the scalar member computes for that lane's inputs
/// (the runtime's grouped and one-by-one solves rely on it). No tolerance: equality of <c>DoubleToInt64Bits</c>, except
/// that a NaN matches any NaN. Which NaN a binary operation returns when both operands are NaNs of different sign is
/// left open by IEEE 754 (x86 returns the first operand's), and the JIT swaps the operands of + and * as it likes, in
/// the scalar code as much as in the vector code: the payload is not a property of the source, only NaN-ness is (the
/// scalar <c>Math.Abs(y) * (x - y)</c> at <c>y = NaN</c> gives 0x7FF8… at tier 0 and 0xFFF8… fully optimised).
/// </summary>
internal sealed class LaneCase<TModel> : ILaneCase
    where TModel : IOdeModel<TModel>
{
    public const int RandomGroupCount = 64;
    public const int SpecialGroupCount = 64;

    private static readonly int Lanes = Vector256<double>.Count;

    // Signed zeros, NaN, infinities, huge and tiny magnitudes, and the neighbours of the small integers the example
    // models compare against or divide by.
    private static readonly double[] SpecialValues =
    [
        0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e300, 1e-300, double.Epsilon,
        1.0, -1.0, 2.0, -2.0, 0.5, Math.BitIncrement(0.0), Math.BitDecrement(0.0), Math.BitIncrement(1.0),
        Math.BitDecrement(1.0), Math.BitIncrement(-1.0), Math.BitDecrement(-1.0), Math.BitIncrement(2.0), Math.BitDecrement(2.0),
    ];

    private readonly int _seed;
    private readonly LaneGroup[] _extraGroups;

    public LaneCase(int seed, LaneGroup[]? extraGroups = null)
    {
        _seed = seed;
        _extraGroups = extraGroups ?? [];
    }

    public string Name => typeof(TModel).Name;

    private static int N => TModel.StateCount;

    private static int M => TModel.ParameterCount;

    public void LaneMembersAreGenerated()
    {
        Assert.True(TModel.HasVectorLanes, $"{Name}.HasVectorLanes");

        // Declared on the model itself: the interface's scalar-loop defaults would pass the bit checks too.
        foreach (string member in new[] { "EvaluateLanes", "VectorJacobianProductLanes" })
        {
            MethodInfo? method = typeof(TModel).GetMethod(member, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
            Assert.True(method is not null, $"{Name} declares no public static {member}.");
        }
    }

    public void EvaluateLanesMatchesEvaluateBitForBit()
    {
        var x = new Vector256<double>[N];
        var f = new Vector256<double>[N];
        double[] scalarState = new double[N];
        double[] expected = new double[N];
        foreach (LaneGroup group in Groups())
        {
            Pack(group.LaneStates, x);
            TModel.EvaluateLanes(group.Time, x, group.Parameters, f);
            for (int lane = 0; lane < Lanes; lane++)
            {
                group.LaneStates[lane].CopyTo(scalarState, 0);
                TModel.Evaluate(group.Time, scalarState, group.Parameters, expected);
                AssertLane("EvaluateLanes", "dxdt", expected, f, lane, group);
            }
        }
    }

    public void VectorJacobianProductLanesMatchesVectorJacobianProductBitForBit()
    {
        var x = new Vector256<double>[N];
        var v = new Vector256<double>[N];
        var vjx = new Vector256<double>[N];
        var vjp = new Vector256<double>[M];
        double[] scalarState = new double[N];
        double[] scalarV = new double[N];
        double[] expectedVjx = new double[N];
        double[] expectedVjp = new double[M];
        foreach (LaneGroup group in Groups())
        {
            double[][] cotangents = group.LaneCotangents ?? DefaultCotangents();
            Pack(group.LaneStates, x);
            Pack(cotangents, v);
            TModel.VectorJacobianProductLanes(group.Time, x, group.Parameters, v, vjx, vjp);
            for (int lane = 0; lane < Lanes; lane++)
            {
                group.LaneStates[lane].CopyTo(scalarState, 0);
                cotangents[lane].CopyTo(scalarV, 0);
                TModel.VectorJacobianProduct(group.Time, scalarState, group.Parameters, scalarV, expectedVjx, expectedVjp);
                AssertLane("VectorJacobianProductLanes", "vjx", expectedVjx, vjx, lane, group);
                AssertLane("VectorJacobianProductLanes", "vjp", expectedVjp, vjp, lane, group);
            }
        }
    }

    public void ShortLaneSpansThrowArgumentException()
    {
        double[] p = new double[M];

        // Each call shortens exactly one span by one element and must name that span.
        ExpectShort("EvaluateLanes", 1, N, () => TModel.EvaluateLanes(0.5, new Vector256<double>[N - 1], p, new Vector256<double>[N]));
        ExpectShort("EvaluateLanes", 3, N, () => TModel.EvaluateLanes(0.5, new Vector256<double>[N], p, new Vector256<double>[N - 1]));
        ExpectShort("VectorJacobianProductLanes", 1, N, () => TModel.VectorJacobianProductLanes(0.5, new Vector256<double>[N - 1], p, new Vector256<double>[N], new Vector256<double>[N], new Vector256<double>[M]));
        ExpectShort("VectorJacobianProductLanes", 3, N, () => TModel.VectorJacobianProductLanes(0.5, new Vector256<double>[N], p, new Vector256<double>[N - 1], new Vector256<double>[N], new Vector256<double>[M]));
        ExpectShort("VectorJacobianProductLanes", 4, N, () => TModel.VectorJacobianProductLanes(0.5, new Vector256<double>[N], p, new Vector256<double>[N], new Vector256<double>[N - 1], new Vector256<double>[M]));
        if (M > 0)
        {
            ExpectShort("EvaluateLanes", 2, M, () => TModel.EvaluateLanes(0.5, new Vector256<double>[N], p.AsSpan(1), new Vector256<double>[N]));
            ExpectShort("VectorJacobianProductLanes", 2, M, () => TModel.VectorJacobianProductLanes(0.5, new Vector256<double>[N], p.AsSpan(1), new Vector256<double>[N], new Vector256<double>[N], new Vector256<double>[M]));
            ExpectShort("VectorJacobianProductLanes", 5, M, () => TModel.VectorJacobianProductLanes(0.5, new Vector256<double>[N], p, new Vector256<double>[N], new Vector256<double>[N], new Vector256<double>[M - 1]));
        }
    }

    public void LaneMembersAllocateNothing()
    {
        LaneGroup group = Groups()[0];
        var x = new Vector256<double>[N];
        var v = new Vector256<double>[N];
        var f = new Vector256<double>[N];
        var vjp = new Vector256<double>[M];
        Pack(group.LaneStates, x);
        Pack(DefaultCotangents(), v);

        // Twice: the first round runs static constructors and any lazy initialisation.
        long allocated = 0;
        for (int round = 0; round < 2; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                TModel.EvaluateLanes(group.Time, x, group.Parameters, f);
                TModel.VectorJacobianProductLanes(group.Time, x, group.Parameters, v, f, vjp);
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated);
    }

    /// <summary>Seeded: random groups, groups of special values (in states, cotangents, parameters and time), then the model's own.</summary>
    private List<LaneGroup> Groups()
    {
        var random = new Random(_seed);
        var groups = new List<LaneGroup>(RandomGroupCount + SpecialGroupCount + _extraGroups.Length);
        for (int g = 0; g < RandomGroupCount; g++)
        {
            double[] parameters = Fill(M, () => Uniform(random, -2, 2));
            groups.Add(new LaneGroup(
                Uniform(random, 0, 5),
                parameters,
                Lanes2D(N, () => Uniform(random, -3, 3)),
                Lanes2D(N, () => Uniform(random, -1, 1))));
        }

        for (int g = 0; g < SpecialGroupCount; g++)
        {
            // Half the value in each lane special, the rest ordinary; parameters and time special in every other group.
            double Mixed() => random.Next(2) == 0 ? SpecialValues[random.Next(SpecialValues.Length)] : Uniform(random, -3, 3);
            bool specialShared = g % 2 == 1;
            double[] parameters = Fill(M, () => specialShared ? Mixed() : Uniform(random, -2, 2));
            double time = specialShared ? Mixed() : Uniform(random, 0, 5);
            groups.Add(new LaneGroup(time, parameters, Lanes2D(N, Mixed), Lanes2D(N, Mixed)));
        }

        groups.AddRange(_extraGroups);
        return groups;
    }

    private static double[][] DefaultCotangents()
    {
        // Distinct per lane and per state, so a lane or index mix-up cannot go unnoticed.
        double[][] cotangents = new double[Lanes][];
        for (int lane = 0; lane < Lanes; lane++)
        {
            cotangents[lane] = new double[N];
            for (int i = 0; i < N; i++)
            {
                cotangents[lane][i] = 0.25 + lane - (0.375 * i);
            }
        }

        return cotangents;
    }

    private static double[][] Lanes2D(int count, Func<double> draw)
    {
        double[][] lanes = new double[Lanes][];
        for (int lane = 0; lane < Lanes; lane++)
        {
            lanes[lane] = Fill(count, draw);
        }

        return lanes;
    }

    private static double[] Fill(int count, Func<double> draw)
    {
        double[] values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = draw();
        }

        return values;
    }

    private static double Uniform(Random random, double low, double high) => low + ((high - low) * random.NextDouble());

    private static void Pack(double[][] lanes, Vector256<double>[] vectors)
    {
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = Vector256.Create(lanes[0][i], lanes[1][i], lanes[2][i], lanes[3][i]);
        }
    }

    private void AssertLane(string member, string output, double[] expected, Vector256<double>[] actual, int lane, LaneGroup group)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            long expectedBits = BitConverter.DoubleToInt64Bits(expected[i]);
            long actualBits = BitConverter.DoubleToInt64Bits(actual[i].GetElement(lane));
            if (expectedBits != actualBits && !(double.IsNaN(expected[i]) && double.IsNaN(actual[i].GetElement(lane))))
            {
                Assert.Fail(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Name}.{member}: {output}[{i}] lane {lane} is {actual[i].GetElement(lane):R} (0x{actualBits:X16}), scalar gives {expected[i]:R} (0x{expectedBits:X16}); " +
                    $"t = {group.Time:R}, x = [{string.Join(", ", group.LaneStates[lane])}], p = [{string.Join(", ", group.Parameters)}]"));
            }
        }
    }

    private void ExpectShort(string method, int position, int expectedLength, Action call)
    {
        string parameterName = typeof(TModel).GetMethod(method, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)!
            .GetParameters()[position].Name!;
        ArgumentException exception = Assert.ThrowsAny<ArgumentException>(call);
        Assert.True(exception.ParamName == parameterName, $"{Name}.{method}: a short '{parameterName}' threw with ParamName '{exception.ParamName}'.");
        Assert.True(
            exception.Message.Contains(expectedLength.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            && exception.Message.Contains((expectedLength - 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            $"{Name}.{method}: the message should state the expected ({expectedLength}) and actual ({expectedLength - 1}) length: {exception.Message}");
    }
}
