namespace NeuralOdeGen.Runtime.Tests.Models;

/// <summary>The generated events of <see cref="BouncingBall"/>, checked by hand against g = h and J = (h, −e·v).</summary>
public sealed class BouncingBallEventTests
{
    [Fact]
    public void GeneratedEvents_AtAPoint_MatchTheHandDerivedMaps()
    {
        double[] x = [0.5, -3.0];
        double[] p = [0.8, 9.81];
        double[] g = new double[1], gx = new double[2], gp = new double[2], plus = new double[2], vjx = new double[2], vjp = new double[2];

        BouncingBall.EvaluateEvents(1.0, x, p, g);
        double gt = BouncingBall.EventGradient(0, 1.0, x, p, gx, gp);
        BouncingBall.ApplyJump(0, 1.0, x, p, plus);
        double vjt = BouncingBall.JumpVectorJacobianProduct(0, 1.0, x, p, [1.0, 2.0], vjx, vjp);

        // Exact: every entry is one product of the inputs, computed here the same way.
        Assert.Equal(1, BouncingBall.EventCount);
        Assert.Equal(EventDirection.Falling, BouncingBall.Events[0].Direction);
        Assert.Equal("Bounce", BouncingBall.Events[0].JumpName);
        Assert.Equal([0.5], g);
        Assert.Equal([1.0, 0.0], gx);
        Assert.Equal([0.0, 0.0], gp);
        Assert.Equal(0.0, gt);
        Assert.Equal([0.5, -0.8 * -3.0], plus);
        Assert.Equal([1.0, -1.6], vjx);
        Assert.Equal([6.0, 0.0], vjp);
        Assert.Equal(0.0, vjt);
    }
}
