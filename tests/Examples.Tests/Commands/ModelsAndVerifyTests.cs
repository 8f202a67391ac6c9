using System;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Commands;

public sealed class ModelsAndVerifyTests
{
    [Fact]
    public void Models_ListsEveryModelWithItsGeneratedEquations()
    {
        CliRun run = CliRun.Invoke("models");

        Assert.Equal(0, run.ExitCode);
        foreach (string text in new[] { "decay", "lotka-volterra", "pendulum", "van-der-pol", "robertson", "van-der-pol-stiff", "dx/dt = a*x", "dprey/dt = ", "dtheta/dt = omega" })
        {
            Assert.Contains(text, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_Pendulum_EveryEntryPassesOnEveryPath()
    {
        CliRun run = CliRun.Invoke("verify", "pendulum");

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("pendulum: PASSED", run.Output, StringComparison.Ordinal);

        // f[theta], f[omega], 4 state-Jacobian and 4 parameter-Jacobian entries, each marked ok.
        Assert.Equal(10, run.Output.Split(" ok ").Length - 1);
    }

    [Fact]
    public void Verify_BouncingBall_ChecksTheDynamicsAndTheEvents()
    {
        CliRun run = CliRun.Invoke("verify", "bouncing-ball");

        // The dynamics' table, then EventVerifier's report of the Floor event and its jump (SymPy, duals, differences).
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("bouncing-ball: PASSED", run.Output, StringComparison.Ordinal);
        Assert.Contains("BouncingBall events: PASSED", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", run.Output, StringComparison.Ordinal);
    }
}
