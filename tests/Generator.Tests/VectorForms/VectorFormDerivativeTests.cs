using System;
using System.Linq;
using NeuralOdeGen.Generator.Tests.VectorForms.Models;

namespace NeuralOdeGen.Generator.Tests.VectorForms;

/// <summary>
/// The generated members of the vector-form models (state blocks, scratch spans, a <c>Span&lt;double&gt;</c> output) at
/// seeded random points: against the user's own method, finite differences, the dense Jacobians, <c>EvaluateDual</c>,
/// the <c>Info</c> forms, and the same network written in the scalar/tuple form.
/// </summary>
public sealed class VectorFormDerivativeTests
{
    private const int PointCount = 6;

    // BlockMlp and TupleMlp are the same network in the same operation order, simplified by one simplifier; only the
    // hoisting of shared terms may differ: a few ulps of the terms, 1e-13 of max(1, |value|).
    private const double TwinTolerance = 1e-13;

    [Fact]
    public void LinearTen_Counts_AreTenFlattenedStatesAndAHundredParametersNamedByBlock()
    {
        Assert.Equal(10, LinearTen.StateCount);
        Assert.Equal(100, LinearTen.ParameterCount);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"x[{i}]"), LinearTen.Info.StateNames);
        Assert.Equal(Enumerable.Range(0, 100).Select(k => $"a[{k}]"), LinearTen.Info.ParameterNames);
        Assert.Equal("a_0*x_0 + a_1*x_1 + a_2*x_2 + a_3*x_3 + a_4*x_4 + a_5*x_5 + a_6*x_6 + a_7*x_7 + a_8*x_8 + a_9*x_9", LinearTen.Info.RightHandSide[0]);
    }

    [Fact]
    public void LinearTen_StateJacobian_IsExactlyTheMatrixA() => ForEachPoint(10, 100, (t, x, p, _) =>
    {
        double[] jx = new double[100];
        LinearTen.StateJacobian(t, x, p, jx);

        // ∂(Σ_j a_ij x_j)/∂x_j is the parameter itself: no arithmetic, so bit-identical.
        Assert.Equal(p, jx);
    });

    [Fact]
    public void LinearTen_ParameterJacobian_IsExactlyTheStateInRowI()
    {
        ForEachPoint(10, 100, (t, x, p, _) =>
        {
            double[] jp = new double[10 * 100];
            LinearTen.ParameterJacobian(t, x, p, jp);
            for (int i = 0; i < 10; i++)
            {
                for (int k = 0; k < 100; k++)
                {
                    Assert.Equal(k / 10 == i ? x[k % 10] : 0.0, jp[(i * 100) + k]);
                }
            }
        });
    }

    [Fact]
    public void LinearTen_AllMembers_MatchUserMethodDifferencesAndDenseJacobians() => ForEachPoint(10, 100, (t, x, p, random) =>
    {
        VectorFormChecks<LinearTen>.EvaluateMatchesUserMethodAndDual(LinearTenMethod, t, x, p);
        VectorFormChecks<LinearTen>.JacobiansMatchCentralDifferences(LinearTenMethod, t, x, p);
        VectorFormChecks<LinearTen>.ProductsAndDualTangentMatchDenseJacobians(t, x, p, random);
        VectorFormChecks<LinearTen>.InfoFormsMatchGeneratedMembers(t, x, p);
    });

    [Fact]
    public void BlockMlp_AllMembers_MatchUserMethodDifferencesAndDenseJacobians() => ForEachPoint(2, 42, (t, x, p, random) =>
    {
        VectorFormChecks<BlockMlp>.EvaluateMatchesUserMethodAndDual(BlockMlpMethod, t, x, p);
        VectorFormChecks<BlockMlp>.JacobiansMatchCentralDifferences(BlockMlpMethod, t, x, p);
        VectorFormChecks<BlockMlp>.ProductsAndDualTangentMatchDenseJacobians(t, x, p, random);
        VectorFormChecks<BlockMlp>.InfoFormsMatchGeneratedMembers(t, x, p);
    });

    [Fact]
    public void BlockMlp_EveryMember_AgreesWithTheSameNetworkInTupleForm() => ForEachPoint(2, 42, (t, x, p, random) =>
    {
        Assert.Equal(TupleMlp.StateCount, BlockMlp.StateCount);
        Assert.Equal(TupleMlp.Info.ParameterNames, BlockMlp.Info.ParameterNames);
        double[] dx = VectorFormChecks<BlockMlp>.Draw(random, 2, 1.0);
        double[] dp = VectorFormChecks<BlockMlp>.Draw(random, 42, 1.0);
        double[] v = VectorFormChecks<BlockMlp>.Draw(random, 2, 1.0);

        AssertTwins(2, (f, g) => { BlockMlp.Evaluate(t, x, p, f); TupleMlp.Evaluate(t, x, p, g); });
        AssertTwins(4, (f, g) => { BlockMlp.StateJacobian(t, x, p, f); TupleMlp.StateJacobian(t, x, p, g); });
        AssertTwins(84, (f, g) => { BlockMlp.ParameterJacobian(t, x, p, f); TupleMlp.ParameterJacobian(t, x, p, g); });
        AssertTwins(2, (f, g) => { BlockMlp.JacobianVectorProduct(t, x, p, dx, dp, f); TupleMlp.JacobianVectorProduct(t, x, p, dx, dp, g); });
        AssertTwins(44, (f, g) =>
        {
            BlockMlp.VectorJacobianProduct(t, x, p, v, f.AsSpan(0, 2), f.AsSpan(2));
            TupleMlp.VectorJacobianProduct(t, x, p, v, g.AsSpan(0, 2), g.AsSpan(2));
        });
    });

    [Fact]
    public void MixedStates_Info_FlattensScalarsAndBlockInDeclarationOrder()
    {
        Assert.Equal(["u", "x[0]", "x[1]", "x[2]", "v"], MixedStates.Info.StateNames);
        Assert.Equal(["k", "c[0]", "c[1]", "c[2]"], MixedStates.Info.ParameterNames);
        Assert.Equal("t", MixedStates.Info.TimeName);
    }

    [Fact]
    public void MixedStates_AllMembers_MatchUserMethodDifferencesAndDenseJacobians() => ForEachPoint(5, 4, (t, x, p, random) =>
    {
        VectorFormChecks<MixedStates>.EvaluateMatchesUserMethodAndDual(MixedStatesMethod, t, x, p);
        VectorFormChecks<MixedStates>.JacobiansMatchCentralDifferences(MixedStatesMethod, t, x, p);
        VectorFormChecks<MixedStates>.ProductsAndDualTangentMatchDenseJacobians(t, x, p, random);
        VectorFormChecks<MixedStates>.InfoFormsMatchGeneratedMembers(t, x, p);
    });

    [Fact]
    public void VectorFormModels_WarmedUp_AllocateNothing()
    {
        double[] x = new double[10];
        double[] p = new double[100];
        double[] f = new double[10];
        double[] jx = new double[100];
        Dual[] dualX = new Dual[10];
        Dual[] dualP = new Dual[100];
        Dual[] dualF = new Dual[10];
        void Run()
        {
            LinearTen.Evaluate(0.0, x, p, f);
            LinearTen.StateJacobian(0.0, x, p, jx);
            LinearTen.EvaluateDual(0.0, dualX, dualP, dualF);
            BlockMlp.Evaluate(0.0, x.AsSpan(0, 2), p.AsSpan(0, 42), f.AsSpan(0, 2));
            BlockMlp.EvaluateDual(0.0, dualX.AsSpan(0, 2), dualP.AsSpan(0, 42), dualF.AsSpan(0, 2));
            MixedStates.EvaluateDual(0.0, dualX.AsSpan(0, 5), dualP.AsSpan(0, 4), dualF.AsSpan(0, 5));
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void LinearTenMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) => LinearTen.Rhs(x, p, f);

    private static void BlockMlpMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
        BlockMlp.Rhs(x, p.Slice(0, 16), p.Slice(16, 8), p.Slice(24, 16), p.Slice(40, 2), f);

    private static void MixedStatesMethod(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> f) =>
        MixedStates.Rhs(x[0], x.Slice(1, 3), t, f, x[4], p[0], p.Slice(1, 3));

    private static void AssertTwins(int length, Action<double[], double[]> fill)
    {
        double[] block = new double[length];
        double[] tuple = new double[length];
        fill(block, tuple);
        for (int i = 0; i < length; i++)
        {
            Assert.True(Math.Abs(block[i] - tuple[i]) <= TwinTolerance * Math.Max(1.0, Math.Abs(tuple[i])), $"[{i}]: block form {block[i]:R}, tuple form {tuple[i]:R}");
        }
    }

    /// <summary>Runs <paramref name="check"/> at seeded points: t and states in [-2, 2], parameters in [-0.5, 0.5].</summary>
    private static void ForEachPoint(int n, int m, Action<double, double[], double[], Random> check)
    {
        var random = new Random(20261204);
        for (int point = 0; point < PointCount; point++)
        {
            double t = VectorFormChecks<LinearTen>.Draw(random, 1, 2.0)[0];
            check(t, VectorFormChecks<LinearTen>.Draw(random, n, 2.0), VectorFormChecks<LinearTen>.Draw(random, m, 0.5), random);
        }
    }
}
