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
        double[] expected = new double[N];
        foreach (LaneGroup group in Groups())
        {
            var x = Pack(group.States, N);
            var f = new Vector256<double>[N * group.Count];
            TModel.EvaluateLanes(group.Time, x, group.Parameters, f);
            for (int sample = 0; sample < group.States.Length; sample++)
            {
                TModel.Evaluate(group.Time, group.States[sample], group.Parameters, expected);
                AssertSample("EvaluateLanes", "dxdt", expected, f, sample, group);
            }
        }
    }

    public void VectorJacobianProductLanesMatchesVectorJacobianProductBitForBit()
    {
        double[] expectedVjx = new double[N];
        double[] expectedVjp = new double[M];
        foreach (LaneGroup group in Groups())
        {
            double[][] cotangents = group.Cotangents ?? DefaultCotangents(group.Count);
            var x = Pack(group.States, N);
            var v = Pack(cotangents, N);
            var vjx = new Vector256<double>[N * group.Count];
            var vjp = new Vector256<double>[M * group.Count];
            TModel.VectorJacobianProductLanes(group.Time, x, group.Parameters, v, vjx, vjp);
            for (int sample = 0; sample < group.States.Length; sample++)
            {
                TModel.VectorJacobianProduct(group.Time, group.States[sample], group.Parameters, cotangents[sample], expectedVjx, expectedVjp);
                AssertSample("VectorJacobianProductLanes", "vjx", expectedVjx, vjx, sample, group);
                AssertSample("VectorJacobianProductLanes", "vjp", expectedVjp, vjp, sample, group);
            }
        }
    }

    public void BadBlockLengthsThrowArgumentException()
    {
        const int Count = 3;
        double[] p = new double[M];
        Vector256<double>[] Block(int length) => new Vector256<double>[length];

        // A state block that is not a positive multiple of n (for n = 1 only an empty one is not).
        int ragged = N == 1 ? 0 : (Count * N) - 1;
        ExpectBad("EvaluateLanes", 1, [N, ragged], () => TModel.EvaluateLanes(0.5, Block(ragged), p, Block(Count * N)));
        ExpectBad("VectorJacobianProductLanes", 1, [N, ragged], () => TModel.VectorJacobianProductLanes(0.5, Block(ragged), p, Block(Count * N), Block(Count * N), Block(Count * M)));

        // Every other block one vector short of the state's count, then one whole vector per component too long.
        foreach (int length in new[] { (Count * N) - 1, (Count + 1) * N })
        {
            ExpectBad("EvaluateLanes", 3, [Count * N, length], () => TModel.EvaluateLanes(0.5, Block(Count * N), p, Block(length)));
            ExpectBad("VectorJacobianProductLanes", 3, [Count * N, length], () => TModel.VectorJacobianProductLanes(0.5, Block(Count * N), p, Block(length), Block(Count * N), Block(Count * M)));
            ExpectBad("VectorJacobianProductLanes", 4, [Count * N, length], () => TModel.VectorJacobianProductLanes(0.5, Block(Count * N), p, Block(Count * N), Block(length), Block(Count * M)));
        }

        int badVjp = M == 0 ? 1 : (Count * M) - 1;
        ExpectBad("VectorJacobianProductLanes", 5, [Count * M, badVjp], () => TModel.VectorJacobianProductLanes(0.5, Block(Count * N), p, Block(Count * N), Block(Count * N), Block(badVjp)));

        // The shared parameters are checked as the scalar members check them.
        if (M > 0)
        {
            ExpectBad("EvaluateLanes", 2, [M, M - 1], () => TModel.EvaluateLanes(0.5, Block(Count * N), p.AsSpan(1), Block(Count * N)));
            ExpectBad("VectorJacobianProductLanes", 2, [M, M - 1], () => TModel.VectorJacobianProductLanes(0.5, Block(Count * N), p.AsSpan(1), Block(Count * N), Block(Count * N), Block(Count * M)));
        }
    }

    public void LaneMembersAllocateNothing()
    {
        LaneGroup group = Groups().Find(g => g.Count > 1)!;
        var x = Pack(group.States, N);
        var v = Pack(DefaultCotangents(group.Count), N);
        var f = new Vector256<double>[N * group.Count];
        var vjp = new Vector256<double>[M * group.Count];

        // The quietest of up to five rounds: the first runs static constructors and lazy initialisation, and a round
        // may meet the tiered JIT replacing the code; an allocation in the members themselves shows in every round.
        long allocated = long.MaxValue;
        for (int round = 0; round < 5 && allocated != 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                TModel.EvaluateLanes(group.Time, x, group.Parameters, f);
                TModel.VectorJacobianProductLanes(group.Time, x, group.Parameters, v, f, vjp);
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
    }

    /// <summary>
    /// Seeded: random blocks, blocks of special values (in states, cotangents, parameters and time), then the model's
    /// own. The blocks hold 1, 2 and 3 vectors in turn, so a mix-up of vectors within a block cannot go unnoticed.
    /// </summary>
    private List<LaneGroup> Groups()
    {
        var random = new Random(_seed);
        var groups = new List<LaneGroup>(RandomGroupCount + SpecialGroupCount + _extraGroups.Length);
        for (int g = 0; g < RandomGroupCount; g++)
        {
            int samples = Lanes * (1 + (g % 3));
            double[] parameters = Fill(M, () => Uniform(random, -2, 2));
            groups.Add(new LaneGroup(
                Uniform(random, 0, 5),
                parameters,
                Samples(samples, N, () => Uniform(random, -3, 3)),
                Samples(samples, N, () => Uniform(random, -1, 1))));
        }

        for (int g = 0; g < SpecialGroupCount; g++)
        {
            // Half the value in each sample special, the rest ordinary; parameters and time special in every other block.
            double Mixed() => random.Next(2) == 0 ? SpecialValues[random.Next(SpecialValues.Length)] : Uniform(random, -3, 3);
            int samples = Lanes * (3 - (g % 3));
            bool specialShared = g % 2 == 1;
            double[] parameters = Fill(M, () => specialShared ? Mixed() : Uniform(random, -2, 2));
            double time = specialShared ? Mixed() : Uniform(random, 0, 5);
            groups.Add(new LaneGroup(time, parameters, Samples(samples, N, Mixed), Samples(samples, N, Mixed)));
        }

        groups.AddRange(_extraGroups);
        return groups;
    }

    private static double[][] DefaultCotangents(int count)
    {
        // Distinct per sample and per state, so a lane, vector or index mix-up cannot go unnoticed.
        double[][] cotangents = new double[Lanes * count][];
        for (int sample = 0; sample < cotangents.Length; sample++)
        {
            cotangents[sample] = new double[N];
            for (int i = 0; i < N; i++)
            {
                cotangents[sample][i] = 0.25 + sample - (0.375 * i);
            }
        }

        return cotangents;
    }

    private static double[][] Samples(int samples, int length, Func<double> draw)
    {
        double[][] values = new double[samples][];
        for (int sample = 0; sample < samples; sample++)
        {
            values[sample] = Fill(length, draw);
        }

        return values;
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

    /// <summary>Lays samples out as a component-major block: sample s is lane s % 4 of vector k = s / 4, component i at i·count + k.</summary>
    private static Vector256<double>[] Pack(double[][] samples, int components)
    {
        int count = samples.Length / Lanes;
        var block = new Vector256<double>[components * count];
        for (int i = 0; i < components; i++)
        {
            for (int k = 0; k < count; k++)
            {
                int first = k * Lanes;
                block[(i * count) + k] = Vector256.Create(samples[first][i], samples[first + 1][i], samples[first + 2][i], samples[first + 3][i]);
            }
        }

        return block;
    }

    private void AssertSample(string member, string output, double[] expected, Vector256<double>[] actual, int sample, LaneGroup group)
    {
        int k = sample / Lanes;
        int lane = sample % Lanes;
        for (int i = 0; i < expected.Length; i++)
        {
            double value = actual[(i * group.Count) + k].GetElement(lane);
            long expectedBits = BitConverter.DoubleToInt64Bits(expected[i]);
            long actualBits = BitConverter.DoubleToInt64Bits(value);
            if (expectedBits != actualBits && !(double.IsNaN(expected[i]) && double.IsNaN(value)))
            {
                Assert.Fail(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Name}.{member}: {output}[{i}] of vector {k} of {group.Count}, lane {lane}, is {value:R} (0x{actualBits:X16}), scalar gives {expected[i]:R} (0x{expectedBits:X16}); " +
                    $"t = {group.Time:R}, x = [{string.Join(", ", group.States[sample])}], p = [{string.Join(", ", group.Parameters)}]"));
            }
        }
    }

    /// <summary>The call must throw an <see cref="ArgumentException"/> naming the parameter at <paramref name="position"/>, its message stating every number in <paramref name="lengths"/>.</summary>
    private void ExpectBad(string method, int position, int[] lengths, Action call)
    {
        string parameterName = typeof(TModel).GetMethod(method, BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)!
            .GetParameters()[position].Name!;
        ArgumentException exception = Assert.ThrowsAny<ArgumentException>(call);
        Assert.True(exception.ParamName == parameterName, $"{Name}.{method}: a bad '{parameterName}' threw with ParamName '{exception.ParamName}': {exception.Message}");
        foreach (int length in lengths)
        {
            Assert.True(
                exception.Message.Contains(length.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                $"{Name}.{method}: the message for a bad '{parameterName}' should state {length}: {exception.Message}");
        }
    }
}
