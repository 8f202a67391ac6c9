using System.IO;
using System.Threading;
using Spectre.Console;

namespace NeuralOdeGen.Examples.Cli;

/// <summary>Where a command writes and whether it may draw live progress.</summary>
/// <param name="Console">The console for tables and progress (plain, uncoloured text when output is redirected).</param>
/// <param name="Output">Standard output, for help text.</param>
/// <param name="Error">Standard error, for error messages and usage lines.</param>
/// <param name="Live">Whether live progress bars may be drawn (an interactive terminal).</param>
/// <param name="Cancellation">Signalled by Ctrl-C.</param>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Output, TextWriter Error, bool Live, CancellationToken Cancellation)
{
    /// <summary>A context that writes plain text to <paramref name="output"/> and <paramref name="error"/> (tests, redirected output).</summary>
    public static CliContext Plain(TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return new CliContext(console, output, error, Live: false, cancellation);
    }
}
