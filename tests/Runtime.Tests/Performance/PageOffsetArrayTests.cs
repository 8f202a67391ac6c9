using System;
using MathNet.Numerics.Random;

namespace NeuralOdeGen.Runtime.Tests.Performance;

/// <summary>
/// <see cref="PageOffsetArray"/> places the work arrays of a lane-layout <see cref="RungeKuttaStepper"/> at fixed offsets
/// within a page, so that its speed no longer depends on where the allocator put them (issue #15 item 4). The placement
/// relies on the pinned object heap allocating consecutively; these tests fail if a runtime stops doing that (the
/// arrays would still be correct, but the speed would again vary from instance to instance). They run alone (the
/// process-wide collection): another test's pinned allocations on another thread can slip in between a filler and its array.
/// </summary>
[Collection(ProcessWideAllocationCollection.Name)]
public sealed class PageOffsetArrayTests
{
    public static TheoryData<int, int> Requests => new()
    {
        { 1, 0 },
        { 7, 256 },
        { 128, 512 },
        { 896, 1280 },
        { 3 * 128, 3840 },
        { 7 * 128 * 2, 1408 },
        { 5000, 2304 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Allocate_AnyLength_FirstElementAtTheRequestedPageOffset(int length, int pageOffset)
    {
        double[] array = PageOffsetArray.Allocate(length, pageOffset);

        Assert.Equal(length, array.Length);
        Assert.Equal(pageOffset, PageOffsetArray.OffsetOf(array));
        Assert.All(array, value => Assert.Equal(0.0, value));
    }

    [Theory]
    [InlineData(-64)]
    [InlineData(4096)]
    [InlineData(100)]
    public void Allocate_OffsetNotAMultipleOf64InAPage_ThrowsNamingIt(int pageOffset)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => PageOffsetArray.Allocate(8, pageOffset));

        Assert.Equal("pageOffset", error.ParamName);
        Assert.Equal(pageOffset, error.ActualValue);
    }

    [Fact]
    public void LaneLayoutStepper_SameBitsAsAPlainOne()
    {
        // 128 samples of ẋ = a·x side by side, as the shared-step lane paths lay them out; the placement changes where
        // the doubles live, never an operation, so the adaptive solve must agree to the bit (and with e^{a·t}·x0 to the
        // solver's tolerance, which says both are a real solve).
        const int Samples = 128;
        const double A = -0.7;
        var random = new MersenneTwister(5);
        double[] x0 = new double[Samples];
        for (int i = 0; i < Samples; i++)
        {
            x0[i] = random.NextDouble() - 0.5;
        }

        OdeSolver solver = OdeSolver.Dopri5(1e-9, 1e-9);
        var plain = new RungeKuttaStepper(solver, Samples);
        var placed = new RungeKuttaStepper(solver, Samples, laneLayout: true);
        var system = new ElementwiseDecay(A);
        plain.Reset(0.0, x0);
        placed.Reset(0.0, x0);
        plain.AdvanceTo(ref system, 2.0, 2.0, null);
        placed.AdvanceTo(ref system, 2.0, 2.0, null);

        Assert.Equal(plain.State.ToArray(), placed.State.ToArray());
        Assert.Equal(plain.Statistics, placed.Statistics);
        for (int i = 0; i < Samples; i++)
        {
            // rtol = atol = 1e-9 per step over about twenty steps: 1e-7 absolute is ample and still fails a wrong solve.
            Assert.Equal(Math.Exp(A * 2.0) * x0[i], placed.State[i], 1e-7);
        }
    }

    private readonly struct ElementwiseDecay(double rate) : IOdeSystem
    {
        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            for (int i = 0; i < y.Length; i++)
            {
                dydt[i] = rate * y[i];
            }
        }
    }
}
