using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using NeuralOdeGen.Examples.Commands;

namespace NeuralOdeGen.Examples.Cli;

/// <summary>
/// The <c>neuralode</c> command line: parses, dispatches, and turns failures into exit codes — 2 with a one-line
/// reason and a usage line for a wrong command line, 1 with a message (never a stack trace) for I/O failures.
/// </summary>
internal static class NeuralOdeCli
{
    public static RootCommand Build(CliContext context) =>
        new("neuralode: learn ODEs in C# — reproduce the seed paper, train example models, verify generated derivatives.")
        {
            PaperCommand.Create(context),
            TrainCommand.Create(context),
            VerifyCommand.Create(context),
            ModelsCommand.Create(context),
        };

    public static int Run(string[] args, CliContext context)
    {
        RootCommand root = Build(context);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return Usage(context, parse.CommandResult.Command, parse.Errors[0].Message);
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException exception)
        {
            return Usage(context, parse.CommandResult.Command, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            context.Error.WriteLine($"neuralode: {exception.Message}");
            return ExitCodes.Failure;
        }
    }

    private static int Usage(CliContext context, Command command, string reason)
    {
        context.Error.WriteLine($"neuralode: {reason}");
        context.Error.WriteLine($"usage: {UsageLine(command)}   (see '{Path(command)} --help')");
        return ExitCodes.Usage;
    }

    private static string UsageLine(Command command)
    {
        if (command is RootCommand)
        {
            return "neuralode <" + string.Join("|", command.Subcommands.Select(static c => c.Name)) + "> [options]";
        }

        string arguments = string.Concat(command.Arguments.Select(static a => $" <{a.Name}>"));
        return Path(command) + arguments + " [options]";
    }

    // Every command sits directly under the root.
    private static string Path(Command command) => command is RootCommand ? "neuralode" : "neuralode " + command.Name;
}
