using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using NeuralOdeGen.Generator.Tests.Infrastructure;

namespace NeuralOdeGen.Generator.Tests.LoopPath;

/// <summary>
/// The loop path (loops kept, forward- and reverse-mode loops generated) against the unrolled symbolic path compiled from
/// the same method, the user's own method, central differences and <c>EvaluateDual</c>.
/// </summary>
public sealed class LoopPathTests
{
    // Both paths add the same products; the unrolled one reassociates and simplifies the sums (at most a few dozen terms
    // here, each O(1)): the difference is a few ε·Σ|terms| ≈ 1e-14, well inside 1e-13 of max(1, |value|).
    private const double PathTolerance = 1e-13;

    // Central differences with h = 1e-6·max(1, |v|) of smooth O(1) functions: truncation h²|f'''|/6 ≈ 1e-13 and rounding
    // ε|f|/h ≈ 2e-10, so 1e-7 of max(1, |J|) leaves a wide margin while a wrong partial (error ≳ 1e-3) fails.
    private const double DifferenceTolerance = 1e-7;

    // The comment that opens the reverse sweep of a loop path's VectorJacobianProduct.
    private const string ReverseSweep = "// Reverse sweep:";

    [Theory]
    [InlineData(new[] { 2, 3, 2 }, false)]
    [InlineData(new[] { 2, 50, 2 }, false)]
    [InlineData(new[] { 2, 4, 3, 2 }, true)]
    public void LoopPath_SmallMlp_AgreesWithUnrolledPathOfSameMethod(int[] widths, bool gaussian)
    {
        LoopMlp loops = LoopMlp.Compile(widths, keepLoops: true, gaussian);
        LoopMlp unrolled = LoopMlp.Compile(widths, keepLoops: false, gaussian);
        Assert.Contains(ReverseSweep, loops.GeneratedSource, StringComparison.Ordinal);
        Assert.DoesNotContain(ReverseSweep, unrolled.GeneratedSource, StringComparison.Ordinal);
        var random = new Random(20261205);
        for (int trial = 0; trial < 3; trial++)
        {
            (double[] x, double[] p) = Point(random, loops);
            double[] dx = Draw(random, loops.StateCount, 1.0);
            double[] dp = Draw(random, loops.ParameterCount, 1.0);
            double[] v = Draw(random, loops.StateCount, 1.0);

            AssertClose(unrolled.Evaluate(x, p), loops.Evaluate(x, p), PathTolerance, "Evaluate");
            AssertClose(unrolled.JacobianVectorProduct(x, p, dx, dp), loops.JacobianVectorProduct(x, p, dx, dp), PathTolerance, "JacobianVectorProduct");
            (double[] unrolledState, double[] unrolledParameters) = unrolled.VectorJacobianProduct(x, p, v);
            (double[] loopState, double[] loopParameters) = loops.VectorJacobianProduct(x, p, v);
            AssertClose(unrolledState, loopState, PathTolerance, "VectorJacobianProduct (state)");
            AssertClose(unrolledParameters, loopParameters, PathTolerance, "VectorJacobianProduct (parameters)");
            AssertClose(unrolled.StateJacobian(x, p), loops.StateJacobian(x, p), PathTolerance, "StateJacobian");
            AssertClose(unrolled.ParameterJacobian(x, p), loops.ParameterJacobian(x, p), PathTolerance, "ParameterJacobian");
        }
    }

    [Theory]
    [InlineData(new[] { 2, 3, 2 }, false)]
    [InlineData(new[] { 2, 50, 2 }, false)]
    [InlineData(new[] { 2, 4, 3, 2 }, true)]
    public void LoopPath_SmallMlp_MatchesUserMethodDualNumbersAndCentralDifferences(int[] widths, bool gaussian)
    {
        LoopMlp model = LoopMlp.Compile(widths, keepLoops: true, gaussian);
        var random = new Random(7);
        (double[] x, double[] p) = Point(random, model);
        int n = model.StateCount;
        int m = model.ParameterCount;

        // Evaluate is the user's statements in the user's order: the same value, bit for bit.
        Assert.Equal(model.User(x, p), model.Evaluate(x, p));

        // The dual numbers run the user's body over Dual (an independent forward mode): same sums, same order.
        double[] dx = Draw(random, n, 1.0);
        double[] dp = Draw(random, m, 1.0);
        (double[] value, double[] tangent) = model.EvaluateDual(x, p, dx, dp);
        Assert.Equal(model.User(x, p), value);
        AssertClose(tangent, model.JacobianVectorProduct(x, p, dx, dp), PathTolerance, "JacobianVectorProduct vs EvaluateDual");

        double[] jx = model.StateJacobian(x, p);
        double[] jp = model.ParameterJacobian(x, p);
        for (int j = 0; j < n + m; j++)
        {
            double[] column = CentralDifference(model, x, p, j);
            for (int i = 0; i < n; i++)
            {
                double generated = j < n ? jx[(i * n) + j] : jp[(i * m) + (j - n)];
                Assert.True(
                    Math.Abs(column[i] - generated) <= DifferenceTolerance * Math.Max(1.0, Math.Abs(generated)),
                    $"∂f{i}/∂{(j < n ? model.Info.StateNames[j] : model.Info.ParameterNames[j - n])}: generated {generated:R}, differences {column[i]:R}");
            }
        }

        // The reverse sweep (VJP) against the forward sweep (JVP): vᵀ(J·d) = (vᵀJ)·d with independent code on each side.
        double[] v = Draw(random, n, 1.0);
        (double[] vx, double[] vp) = model.VectorJacobianProduct(x, p, v);
        double[] jd = model.JacobianVectorProduct(x, p, dx, dp);
        double left = Dot(v, jd);
        double right = Dot(vx, dx) + Dot(vp, dp);
        Assert.True(Math.Abs(left - right) <= PathTolerance * Math.Max(1.0, Math.Abs(left)), $"vᵀ(J·d) = {left:R}, (vᵀJ)·d = {right:R}");
    }

    [Fact]
    public void LoopPath_RandomWidthsAndDepths_AgreeWithUnrolledPathAndDualNumbers()
    {
        // Fixed seed: four nets of 1 to 3 hidden layers of width 1 to 6, tanh or (first layer) exp(-s²).
        var shapes = new Random(2026);
        for (int net = 0; net < 4; net++)
        {
            int states = shapes.Next(1, 4);
            int[] widths = [states, .. Enumerable.Range(0, shapes.Next(1, 4)).Select(_ => shapes.Next(1, 7)), states];
            bool gaussian = shapes.Next(2) == 1;
            LoopMlp loops = LoopMlp.Compile(widths, keepLoops: true, gaussian);
            LoopMlp unrolled = LoopMlp.Compile(widths, keepLoops: false, gaussian);
            string shape = string.Join("-", widths) + (gaussian ? " (exp)" : "");
            var random = new Random(net);
            (double[] x, double[] p) = Point(random, loops);
            double[] dx = Draw(random, loops.StateCount, 1.0);
            double[] dp = Draw(random, loops.ParameterCount, 1.0);
            double[] v = Draw(random, loops.StateCount, 1.0);

            AssertClose(unrolled.JacobianVectorProduct(x, p, dx, dp), loops.JacobianVectorProduct(x, p, dx, dp), PathTolerance, shape + " JacobianVectorProduct");
            AssertClose(loops.EvaluateDual(x, p, dx, dp).Tangent, loops.JacobianVectorProduct(x, p, dx, dp), PathTolerance, shape + " JacobianVectorProduct vs EvaluateDual");
            AssertClose(unrolled.VectorJacobianProduct(x, p, v).Parameters, loops.VectorJacobianProduct(x, p, v).Parameters, PathTolerance, shape + " VectorJacobianProduct (parameters)");
            AssertClose(unrolled.VectorJacobianProduct(x, p, v).State, loops.VectorJacobianProduct(x, p, v).State, PathTolerance, shape + " VectorJacobianProduct (state)");
            AssertClose(unrolled.StateJacobian(x, p), loops.StateJacobian(x, p), PathTolerance, shape + " StateJacobian");
            AssertClose(unrolled.ParameterJacobian(x, p), loops.ParameterJacobian(x, p), PathTolerance, shape + " ParameterJacobian");
        }
    }

    [Fact]
    public void LoopPath_32x256x256x32Mlp_GeneratesWithoutNode010AndReverseMatchesForwardAndDifferences()
    {
        // 82 464 weights: far past the unrolled path's cap, so the loop path is taken without the build property.
        int[] widths = [32, 256, 256, 32];
        LoopMlp model = LoopMlp.Compile(widths, keepLoops: false);
        Assert.Equal(82_464, model.ParameterCount);

        // Info: every name, built from the blocks when the type initialises; the symbolic lists only counted (not written out).
        NeuralOdeGen.OdeModelInfo info = model.Info;
        Assert.Equal(82_464, info.ParameterNames.Count);
        Assert.Equal("w1[0]", info.ParameterNames[0]);
        Assert.Equal("b3[31]", info.ParameterNames[82_463]);
        Assert.Equal("x[31]", info.StateNames[31]);
        Assert.Equal(32 * 82_464, info.ParameterJacobian.Count);
        Assert.Equal(string.Empty, info.RightHandSide[0]);
        Assert.Contains("for (int j = 255; j >= 0; j--)", model.GeneratedSource, StringComparison.Ordinal);

        var random = new Random(11);
        (double[] x, double[] p) = Point(random, model, weightScale: 0.1);
        double[] dx = Draw(random, model.StateCount, 1.0);
        double[] dp = Draw(random, model.ParameterCount, 1.0);
        double[] v = Draw(random, model.StateCount, 1.0);
        Assert.Equal(model.User(x, p), model.Evaluate(x, p));

        // vᵀ(J·d) two ways: sums of ~10⁵ products in different orders, each within ~√k·ε of Σ|terms| (≈ 1e-13 of it).
        double[] jd = model.JacobianVectorProduct(x, p, dx, dp);
        (double[] vx, double[] vp) = model.VectorJacobianProduct(x, p, v);
        double left = Dot(v, jd);
        double right = Dot(vx, dx) + Dot(vp, dp);
        double scale = Enumerable.Range(0, vp.Length).Sum(k => Math.Abs(vp[k] * dp[k])) + Enumerable.Range(0, vx.Length).Sum(j => Math.Abs(vx[j] * dx[j]));
        Assert.True(Math.Abs(left - right) <= 1e-12 * scale, $"vᵀ(J·d) = {left:R}, (vᵀJ)·d = {right:R}, scale {scale:R}");

        // The directional derivative by central differences (step 1e-6 along a unit-size direction; third derivatives of
        // the tanh layers are O(1) per unit of the direction, so truncation ≈ 1e-13 and rounding ≈ 1e-10·|f|).
        double h = 1e-6;
        double[] plus = model.User(Add(x, dx, h), Add(p, dp, h));
        double[] minus = model.User(Add(x, dx, -h), Add(p, dp, -h));
        for (int i = 0; i < jd.Length; i++)
        {
            double difference = (plus[i] - minus[i]) / (2 * h);
            Assert.True(Math.Abs(difference - jd[i]) <= 1e-6 * Math.Max(1.0, Math.Abs(jd[i])), $"(J·d)[{i}] = {jd[i]:R}, differences {difference:R}");
        }

        // The dual numbers (the user's body over Dual) give the same tangent.
        (double[] _, double[] tangent) = model.EvaluateDual(x, p, dx, dp);
        AssertClose(tangent, jd, 1e-12, "JacobianVectorProduct vs EvaluateDual");
    }

    [Fact]
    public void LoopPath_FileLength_FollowsTheProgramNotTheWidths()
    {
        string small = LoopMlp.Compile([2, 50, 2], keepLoops: true).GeneratedSource;
        string wide = LoopMlp.Compile([32, 256, 32], keepLoops: false).GeneratedSource;
        string deep = LoopMlp.Compile([32, 256, 256, 32], keepLoops: false).GeneratedSource;
        int smallLines = Lines(small);
        int wideLines = Lines(wide);
        int deepLines = Lines(deep);

        // Same program, other widths: only constants differ. One more layer adds one loop nest per member.
        Assert.Equal(smallLines, wideLines);
        Assert.InRange(deepLines, smallLines + 1, smallLines * 3 / 2);
        Assert.Contains("for (int j = 49; j >= 0; j--)", small, StringComparison.Ordinal);
        Console.WriteLine($"2-50-2: {smallLines} lines; 32-256-32: {wideLines}; 32-256-256-32: {deepLines}");
    }

    [Fact]
    public void LoopPath_UnsupportedFunctionInModelTooLargeToUnroll_Node038AtTheCallNamesIt()
    {
        string source = LoopMlp.Source([32, 256, 256, 32]).Replace("Math.Tanh(s)", "Math.Abs(s)", StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NODE038", diagnostic.Id);
        Assert.Contains("Math.Abs", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("Math.Abs(s)", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void KeepLoops_UnsupportedFunctionInSmallModel_StaysOnUnrolledPath()
    {
        string source = LoopMlp.Source([2, 3, 2]).Replace("Math.Tanh(s)", "Math.Abs(s)", StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.RunKeepingLoops(source);

        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain(ReverseSweep, run.SingleSourceText, StringComparison.Ordinal);
        Assert.Contains("HasVectorLanes", run.SingleSourceText, StringComparison.Ordinal);
    }

    private static int Lines(string text) => text.Count(c => c == '\n');

    private static (double[] X, double[] P) Point(Random random, LoopMlp model, double weightScale = 1.0) =>
        (Draw(random, model.StateCount, 1.0), Draw(random, model.ParameterCount, weightScale));

    private static double[] Draw(Random random, int length, double scale) =>
        Enumerable.Range(0, length).Select(_ => scale * ((2 * random.NextDouble()) - 1)).ToArray();

    private static double[] Add(double[] a, double[] d, double h) => a.Select((value, i) => value + (h * d[i])).ToArray();

    private static double Dot(double[] a, double[] b) => a.Select((value, i) => value * b[i]).Sum();

    private static double[] CentralDifference(LoopMlp model, double[] x, double[] p, int j)
    {
        double[] xp = (double[])x.Clone();
        double[] pp = (double[])p.Clone();
        double[] xm = (double[])x.Clone();
        double[] pm = (double[])p.Clone();
        int n = model.StateCount;
        double value = j < n ? x[j] : p[j - n];
        double h = 1e-6 * Math.Max(1.0, Math.Abs(value));
        if (j < n)
        {
            xp[j] += h;
            xm[j] -= h;
        }
        else
        {
            pp[j - n] += h;
            pm[j - n] -= h;
        }

        double[] plus = model.User(xp, pp);
        double[] minus = model.User(xm, pm);
        return plus.Select((f, i) => (f - minus[i]) / (2 * h)).ToArray();
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1.0, Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}

/// <summary>
/// A network too large to unroll whose body the loop path does not take: NODE038 at the construct, naming it (each a
/// one-line edit of the 32-256-256-32 net).
/// </summary>
public sealed class LoopPathRefusalTests
{
    [Theory]
    [InlineData("s += w1[(j * L0) + i] * x[i];", "s *= w1[(j * L0) + i] * x[i];", "*= and /=", "s *= w1[(j * L0) + i] * x[i]")]
    [InlineData("h1[j] = Math.Tanh(s);", "h1[j] = s > 0.0 ? s : 0.0;", "conditionals and comparisons", "s > 0.0 ? s : 0.0")]
    [InlineData("s += w1[(j * L0) + i] * x[i];", "s += w1[(j * L0) + i + 1] * x[i];", "an index of 'w1' that may leave the span", "(j * L0) + i + 1")]
    [InlineData("h1[j] = Math.Tanh(s);", "h1[j] = Math.Tanh(s);\n            h1[j] += 0.5 * h1[j];", "a scratch span ('h1') read before the last loop nest that writes it", "h1[j]")]
    public void Node038_LoopBodyOutsideTheLoopPath_ReportedAtConstructWithReason(string original, string replacement, string reason, string located)
    {
        string source = LoopMlp.Source([32, 256, 256, 32]);
        Assert.Contains(original, source, StringComparison.Ordinal);
        int at = source.IndexOf(original, StringComparison.Ordinal);
        source = source.Substring(0, at) + replacement + source.Substring(at + original.Length);
        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("NODE038", diagnostic.Id);
        Assert.Contains("so its loops must be kept, and kept loops do not support " + reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(located, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
