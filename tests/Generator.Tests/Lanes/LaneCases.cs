using System;
using System.Collections.Generic;
using System.Linq;
using NeuralOdeGen.Generator.Tests.Models;

namespace NeuralOdeGen.Generator.Tests.Lanes;

/// <summary>Every example model with its lane-test seed; Piecewise adds lane groups on its branch points and ties.</summary>
internal static class LaneCases
{
    private static readonly Dictionary<string, ILaneCase> All = new ILaneCase[]
    {
        new LaneCase<Collision>(seed: 101),
        new LaneCase<DampedPendulum>(seed: 102),
        new LaneCase<Decay>(seed: 103),
        new LaneCase<EmittedNames>(seed: 104),
        new LaneCase<ForcedOscillator>(seed: 105),
        new LaneCase<FreeOscillator>(seed: 106),
        new LaneCase<Hyperbolic>(seed: 107),
        new LaneCase<Lorenz>(seed: 108),
        new LaneCase<LotkaVolterra>(seed: 109),
        new LaneCase<Piecewise>(seed: 110, PiecewiseGroups()),
        new LaneCase<Sir>(seed: 111),
        new LaneCase<Transcendental>(seed: 112),
        new LaneCase<VanDerPol>(seed: 113),
        new LaneCase<TinyNet>(seed: 114),
        new LaneCase<FeatureGrid>(seed: 115),
        new LaneCase<InverseFunctions>(seed: 116),
        new LaneCase<SteppedFunctions>(seed: 117),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => new(All.Keys.Order(StringComparer.Ordinal));

    public static ILaneCase Get(string name) => All[name];

    /// <summary>
    /// Piecewise: f = (x &gt; 0 ? a·x : b·x², (x ≥ −1 ∧ y &lt; 1) ∨ ¬(y ≤ 2) ? Max(a·y, x) − |y| : Min(x, b) + x·y). Lanes
    /// on each side of every comparison, exact Max/Min ties (including +0 against −0) and NaN operands of both.
    /// </summary>
    private static LaneGroup[] PiecewiseGroups()
    {
        double below0 = -double.Epsilon;
        double belowMinus1 = Math.BitDecrement(-1.0);
        double above1 = Math.BitIncrement(1.0);
        double above2 = Math.BitIncrement(2.0);
        return
        [
            // x > 0 and x ≥ −1 at and beside their thresholds (a·y vs x on both sides too).
            new(0.0, [2.0, 3.0], [[0.0, 0.5], [-0.0, 0.5], [double.Epsilon, 0.5], [below0, 0.5]]),
            new(0.0, [2.0, 3.0], [[-1.0, 0.5], [belowMinus1, 0.5], [Math.BitIncrement(-1.0), 0.5], [-1.0, -0.5]]),

            // y < 1 and y ≤ 2 at and beside their thresholds.
            new(0.0, [2.0, 3.0], [[0.25, 1.0], [0.25, Math.BitDecrement(1.0)], [0.25, above1], [0.25, 2.0]]),
            new(0.0, [2.0, 3.0], [[0.25, above2], [0.25, Math.BitDecrement(2.0)], [-2.0, 2.0], [-2.0, above2]]),

            // Max(a·y, x) ties: a·y = x exactly (y < 1 branch and y > 2 branch), and +0 against −0 both ways.
            new(0.0, [2.0, 3.0], [[1.0, 0.5], [5.0, 2.5], [-0.0, 0.0], [0.0, -0.0]]),

            // Min(x, b) ties: x = b exactly (1 ≤ y ≤ 2 branch), −0 against b = +0, and x on either side of b.
            new(0.0, [2.0, 3.0], [[3.0, 1.5], [Math.BitDecrement(3.0), 1.5], [Math.BitIncrement(3.0), 1.5], [3.0, 2.0]]),
            new(0.0, [2.0, 0.0], [[-0.0, 1.5], [0.0, 1.5], [-0.0, 2.0], [-2.0, 1.0]]),
            new(0.0, [2.0, -0.0], [[0.0, 1.5], [-0.0, 1.5], [0.0, 2.0], [-2.0, 1.0]]),

            // NaN and infinities against every comparison (all IEEE comparisons with NaN are false, != is true).
            new(0.0, [2.0, 3.0], [[double.NaN, 0.5], [0.5, double.NaN], [double.NaN, double.NaN], [double.PositiveInfinity, double.NegativeInfinity]]),
            new(0.0, [double.NaN, 3.0], [[1.0, 0.5], [-2.0, 1.5], [belowMinus1, above2], [double.NegativeInfinity, 0.0]]),
            new(0.0, [2.0, double.NaN], [[1.0, 0.5], [-2.0, 1.5], [3.0, 1.5], [double.PositiveInfinity, double.PositiveInfinity]]),
        ];
    }
}
