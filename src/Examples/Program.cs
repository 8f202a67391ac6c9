using System;
using System.Threading;
using NeuralOdeGen.Examples.Cli;
using Spectre.Console;

namespace NeuralOdeGen.Examples;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();

        // The first Ctrl-C asks the running command to stop cleanly (training writes a checkpoint); a second one kills.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };

        bool live = !Console.IsOutputRedirected && !Console.IsErrorRedirected;
        CliContext context = live
            ? new CliContext(AnsiConsole.Console, Console.Out, Console.Error, Live: true, cancellation.Token)
            : CliContext.Plain(Console.Out, Console.Error, cancellation.Token);
        return NeuralOdeCli.Run(args, context);
    }
}
