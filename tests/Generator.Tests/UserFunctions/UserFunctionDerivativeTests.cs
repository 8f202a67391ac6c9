using System;
using System.Collections.Generic;
using System.Linq;
using NeuralOdeGen.Generator.Tests.Lanes;
using NeuralOdeGen.Generator.Tests.Numerics;
using NeuralOdeGen.Generator.Tests.UserFunctions.Models;

namespace NeuralOdeGen.Generator.Tests.UserFunctions;

/// <summary>
/// The generated members of the models that call [Differentiable] functions (compiled into this assembly by the
/// generator), through the same checks as every example model: the user's own method, Jacobians derived by hand,
/// central differences, <c>EvaluateDual</c> (the functions' bodies over dual numbers) against the JVP, VJP/JVP
/// against the dense Jacobians, the SymPy forms in Info, no allocation; and the lane members bit for bit.
/// </summary>
public sealed class UserFunctionDerivativeTests
{
    private static readonly Dictionary<string, IModelCase> Cases = new IModelCase[]
    {
        new ToggleSwitchCase(),
        new SoftGateCase(),
        new HillSumCase(),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, ILaneCase> LaneCases = new ILaneCase[]
    {
        new LaneCase<ToggleSwitch>(seed: 201),
        new LaneCase<SoftGate>(seed: 202),
        new LaneCase<HillSum>(seed: 203),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> Models => new(Cases.Keys.Order(StringComparer.Ordinal));

    /// <summary>
    /// The models with scalar parameters only: <see cref="ModelCase{TModel}"/>'s Info checks read parameter names as
    /// SymPy symbols, which <c>k[0]</c> of HillSum's block is not (its forms are checked by SymPy in Verification.Tests).
    /// </summary>
    public static TheoryData<string> ScalarModels => new(Cases.Keys.Where(m => m != nameof(HillSum)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ScalarModels))]
    public void Info_ModelCallingUserFunctions_DescribesUserMethodNamesAndCounts(string model) => Cases[model].InfoDescribesUserMethod();

    [Theory]
    [MemberData(nameof(ScalarModels))]
    public void InfoSymbolicForms_ModelCallingUserFunctions_MatchGeneratedMembers(string model) => Cases[model].InfoFormsMatchGeneratedMembers();

    [Theory]
    [MemberData(nameof(Models))]
    public void Evaluate_ModelCallingUserFunctions_MatchesUserMethod(string model) => Cases[model].EvaluateMatchesUserMethod();

    [Theory]
    [MemberData(nameof(Models))]
    public void EvaluateDual_ModelCallingUserFunctions_ValueMatchesEvaluate(string model) => Cases[model].EvaluateDualValueMatchesEvaluate();

    [Theory]
    [MemberData(nameof(Models))]
    public void StateJacobian_ModelCallingUserFunctions_MatchesCentralFiniteDifferences(string model) => Cases[model].StateJacobianMatchesFiniteDifferences();

    [Theory]
    [MemberData(nameof(Models))]
    public void ParameterJacobian_ModelCallingUserFunctions_MatchesCentralFiniteDifferences(string model) => Cases[model].ParameterJacobianMatchesFiniteDifferences();

    [Theory]
    [MemberData(nameof(Models))]
    public void StateJacobian_ModelCallingUserFunctions_MatchesHandDerived(string model) => Cases[model].StateJacobianMatchesAnalytic();

    [Theory]
    [MemberData(nameof(Models))]
    public void ParameterJacobian_ModelCallingUserFunctions_MatchesHandDerived(string model) => Cases[model].ParameterJacobianMatchesAnalytic();

    [Theory]
    [MemberData(nameof(Models))]
    public void EvaluateDual_ModelCallingUserFunctions_TangentMatchesJacobianVectorProduct(string model) => Cases[model].EvaluateDualMatchesJacobianVectorProduct();

    [Theory]
    [MemberData(nameof(Models))]
    public void VectorAndJacobianProducts_ModelCallingUserFunctions_MatchDenseJacobians(string model) => Cases[model].ProductsMatchDenseJacobians();

    [Theory]
    [MemberData(nameof(Models))]
    public void AllMembers_ModelCallingUserFunctions_AllocateNothing(string model) => Cases[model].MembersAllocateNothing();

    [Theory]
    [MemberData(nameof(Models))]
    public void EvaluateLanes_ModelCallingUserFunctions_EqualsEvaluateBitForBit(string model) => LaneCases[model].EvaluateLanesMatchesEvaluateBitForBit();

    [Theory]
    [MemberData(nameof(Models))]
    public void VectorJacobianProductLanes_ModelCallingUserFunctions_EqualsVectorJacobianProductBitForBit(string model) =>
        LaneCases[model].VectorJacobianProductLanesMatchesVectorJacobianProductBitForBit();

    private static double Uniform(Random random, double low, double high) => low + ((high - low) * random.NextDouble());

    /// <summary>A magnitude in [low, high] with a random sign.</summary>
    private static double Signed(Random random, double low, double high) => (random.Next(2) == 0 ? -1.0 : 1.0) * Uniform(random, low, high);

    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static double Softplus(double z) => Math.Log(1.0 + Math.Exp(z));

    /// <summary>d/dz of z / (1 + softplus(z)).</summary>
    private static double GateSlope(double z)
    {
        double d = 1.0 + Softplus(z);
        return (d - (z * Sigmoid(z))) / (d * d);
    }

    /// <summary>R(x) = 1 / (1 + xⁿ), the Hill repression with k = 1.</summary>
    private sealed class ToggleSwitchCase() : ModelCase<ToggleSwitch>(seed: 21)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, 0.1, 3);
            x[1] = Uniform(random, 0.1, 3);
            p[0] = Uniform(random, 0.5, 3);
            p[1] = Uniform(random, 0.5, 3);
            p[2] = Uniform(random, 1, 4);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = ToggleSwitch.Rhs(x[0], x[1], p[0], p[1], p[2]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            jx[0] = -1.0;
            jx[1] = p[0] * SlopeInX(x[1], p[2]);
            jx[2] = p[1] * SlopeInX(x[0], p[2]);
            jx[3] = -1.0;
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double u, double v, double n) = (x[0], x[1], p[2]);
            jp[0] = 1.0 / (1.0 + Math.Pow(v, n));
            jp[1] = 0.0;
            jp[2] = p[0] * SlopeInN(v, n);
            jp[3] = 0.0;
            jp[4] = 1.0 / (1.0 + Math.Pow(u, n));
            jp[5] = p[1] * SlopeInN(u, n);
        }

        private static double SlopeInX(double x, double n)
        {
            double d = 1.0 + Math.Pow(x, n);
            return -n * Math.Pow(x, n - 1.0) / (d * d);
        }

        private static double SlopeInN(double x, double n)
        {
            double d = 1.0 + Math.Pow(x, n);
            return -Math.Pow(x, n) * Math.Log(x) / (d * d);
        }
    }

    /// <summary>f = (softplus(Gate(x, w) + b) − x, Gate(y, w) − softplus(y)²) with Gate(x, w) = wx / (1 + softplus(wx)).</summary>
    private sealed class SoftGateCase() : ModelCase<SoftGate>(seed: 22)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            // Softplus is written with Max and Abs: keep every argument of it at least 1e-3 away from their switch at 0.
            do
            {
                x[0] = Signed(random, 0.2, 2);
                x[1] = Signed(random, 0.2, 2);
                p[0] = Signed(random, 0.2, 2);
                p[1] = Uniform(random, -1, 1);
            }
            while (Math.Abs(Outer(x, p)) < 1e-3);

            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            (f[0], f[1]) = SoftGate.Rhs(x[0], x[1], p[0], p[1]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (double xv, double y, double w) = (x[0], x[1], p[0]);
            double outer = Sigmoid(Outer(x, p));
            jx[0] = (outer * w * GateSlope(w * xv)) - 1.0;
            jx[1] = 0.0;
            jx[2] = 0.0;
            jx[3] = (w * GateSlope(w * y)) - (2.0 * Softplus(y) * Sigmoid(y));
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double xv, double y, double w) = (x[0], x[1], p[0]);
            double outer = Sigmoid(Outer(x, p));
            jp[0] = outer * xv * GateSlope(w * xv);
            jp[1] = outer;
            jp[2] = y * GateSlope(w * y);
            jp[3] = 0.0;
        }

        private static double Outer(ReadOnlySpan<double> x, ReadOnlySpan<double> p) => (p[0] * x[0] / (1.0 + Softplus(p[0] * x[0]))) + p[1];
    }

    /// <summary>f = Σⱼ xⁿ / (kⱼⁿ + xⁿ) − 0.1 (x + x² + x³).</summary>
    private sealed class HillSumCase() : ModelCase<HillSum>(seed: 23)
    {
        protected override double Sample(Random random, Span<double> x, Span<double> p)
        {
            x[0] = Uniform(random, 0.2, 3);
            for (int j = 0; j < HillSum.N; j++)
            {
                p[j] = Uniform(random, 0.5, 2);
            }

            p[HillSum.N] = Uniform(random, 1, 4);
            return 0.0;
        }

        protected override void UserMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
            f[0] = HillSum.Rhs(x[0], p[..HillSum.N], p[HillSum.N]);

        protected override void AnalyticStateJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jx)
        {
            (double xv, double n) = (x[0], p[HillSum.N]);
            double sum = 0.0;
            for (int j = 0; j < HillSum.N; j++)
            {
                double kn = Math.Pow(p[j], n);
                double d = kn + Math.Pow(xv, n);
                sum += n * Math.Pow(xv, n - 1.0) * kn / (d * d);
            }

            jx[0] = sum - (0.1 * (1.0 + (2.0 * xv) + (3.0 * xv * xv)));
        }

        protected override void AnalyticParameterJacobian(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> jp)
        {
            (double xv, double n) = (x[0], p[HillSum.N]);
            double xn = Math.Pow(xv, n);
            double inN = 0.0;
            for (int j = 0; j < HillSum.N; j++)
            {
                double kn = Math.Pow(p[j], n);
                double d = kn + xn;
                jp[j] = -n * Math.Pow(p[j], n - 1.0) * xn / (d * d);
                inN += xn * kn * (Math.Log(xv) - Math.Log(p[j])) / (d * d);
            }

            jp[HillSum.N] = inN;
        }
    }
}
