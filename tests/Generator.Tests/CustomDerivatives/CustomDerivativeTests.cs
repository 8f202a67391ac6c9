using System;
using NeuralOdeGen.Generator.Tests.Lanes;
using NeuralOdeGen.Generator.Tests.Numerics;
using NeuralOdeGen.Generator.Tests.CustomDerivatives.Models;

namespace NeuralOdeGen.Generator.Tests.CustomDerivatives;

/// <summary>
/// The generated members of a model calling functions with hand-written derivatives (<c>[DerivativeOf]</c>), compiled
/// into this assembly by the generator: the user's own method, Jacobians derived by hand, central differences,
/// <c>EvaluateDual</c> (the user's two methods through <c>Dual.Chain</c>) against the JVP, the products against the dense
/// Jacobians, no allocation; and the lane members (the user's methods called per lane) bit for bit.
/// </summary>
public sealed class CustomDerivativeTests
{
    private static readonly CustomGateCase Case = new();
    private static readonly LaneCase<CustomGate> Lanes = new(seed: 301);

    [Fact]
    public void Info_ModelCallingCustomDerivatives_DescribesUserMethodNamesAndCounts() => Case.InfoDescribesUserMethod();

    [Fact]
    public void Evaluate_ModelCallingCustomDerivatives_MatchesUserMethod() => Case.EvaluateMatchesUserMethod();

    [Fact]
    public void EvaluateDual_ModelCallingCustomDerivatives_ValueMatchesEvaluate() => Case.EvaluateDualValueMatchesEvaluate();

    [Fact]
    public void StateJacobian_ModelCallingCustomDerivatives_MatchesCentralFiniteDifferences() => Case.StateJacobianMatchesFiniteDifferences();

    [Fact]
    public void ParameterJacobian_ModelCallingCustomDerivatives_MatchesCentralFiniteDifferences() => Case.ParameterJacobianMatchesFiniteDifferences();

    [Fact]
    public void StateJacobian_ModelCallingCustomDerivatives_MatchesHandDerived() => Case.StateJacobianMatchesAnalytic();

    [Fact]
    public void ParameterJacobian_ModelCallingCustomDerivatives_MatchesHandDerived() => Case.ParameterJacobianMatchesAnalytic();

    [Fact]
    public void EvaluateDual_ModelCallingCustomDerivatives_TangentMatchesJacobianVectorProduct() => Case.EvaluateDualMatchesJacobianVectorProduct();

    [Fact]
    public void VectorAndJacobianProducts_ModelCallingCustomDerivatives_MatchDenseJacobians() => Case.ProductsMatchDenseJacobians();

    [Fact]
    public void AllMembers_ModelCallingCustomDerivatives_AllocateNothing() => Case.MembersAllocateNothing();

    [Fact]
    public void EvaluateLanes_ModelCallingCustomDerivatives_EqualsEvaluateBitForBit() => Lanes.EvaluateLanesMatchesEvaluateBitForBit();

    [Fact]
    public void VectorJacobianProductLanes_ModelCallingCustomDerivatives_EqualsVectorJacobianProductBitForBit() =>
        Lanes.VectorJacobianProductLanesMatchesVectorJacobianProductBitForBit();

    [Fact]
    public void HasVectorLanes_ModelCallingCustomDerivatives_IsTrue() => Assert.True(CustomGate.HasVectorLanes);

    private static double Uniform(Random random, double low, double high) => low + ((high - low) * random.NextDouble());

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static double Softplus(double z) => Math.Log(1.0 + Math.Exp(z));

    /// <summary>f = (a·H(y, k) − S(x), S(x − y)/2 − y·S(x)), S the softplus, H(y, k) = y² / (k² + y²).</summary>
    private sealed class CustomGateCase() : ModelCase<CustomGate>(seed: 31)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, -2, 2);
            x[1] = Uniform(random, -2, 2);
            p[0] = Uniform(random, 0.5, 2);
            p[1] = Uniform(random, 0.5, 2);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = CustomGate.Rhs(x[0], x[1], p[0], p[1]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (double u, double y, double a, double k) = (x[0], x[1], p[0], p[1]);
            double d = (k * k) + (y * y);
            jx[0] = -Sigmoid(u);
            jx[1] = a * 2.0 * y * k * k / (d * d);
            jx[2] = (0.5 * Sigmoid(u - y)) - (y * Sigmoid(u));
            jx[3] = (-0.5 * Sigmoid(u - y)) - Softplus(u);
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double y, double a, double k) = (x[1], p[0], p[1]);
            double d = (k * k) + (y * y);
            jp[0] = y * y / d;
            jp[1] = a * -2.0 * k * y * y / (d * d);
            jp[2] = 0.0;
            jp[3] = 0.0;
        }
    }
}
