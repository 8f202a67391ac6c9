using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using NeuralOdeGen.Examples.Commands;

namespace NeuralOdeGen.Examples.Cli;

/// <summary>
/// The <c>neuralode</c> command line: parses, dispatches, and turns failures into exit codes — 2 with a one-line
/// reason and a usage line for a wrong command line (including an argument the library rejects), 1 with a message
/// (never a stack trace) for I/O failures.
/// </summary>
internal static partial class NeuralOdeCli
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
            return Usage(context, parse.CommandResult.Command, ParseErrorReason(root, parse, args));
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException exception)
        {
            return Usage(context, parse.CommandResult.Command, exception.Message);
        }
        catch (ArgumentException exception) when (exception is not ArgumentNullException)
        {
            // The library checks what the command line fed it (sizes, ranges, shapes): a value the user chose is wrong.
            return Usage(context, parse.CommandResult.Command, CleanMessage(exception));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
        {
            context.Error.WriteLine($"neuralode: {CleanMessage(exception)}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The message of <paramref name="exception"/> without what .NET appends to an <see cref="ArgumentException"/>'s
    /// (" (Parameter 'name')" and "Actual value was …"), also where an outer exception quotes an inner one's message:
    /// the parameter names are the library's, not the command line's.
    /// </summary>
    public static string CleanMessage(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string message = exception.Message;
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is ArgumentException { ParamName: { } name })
            {
                message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
            }
        }

        return ActualValueLine().Replace(message, "").Trim();
    }

    private static string ParseErrorReason(RootCommand root, ParseResult parse, string[] args)
    {
        // A first word that is no command: System.CommandLine reports the missing command first, which hides the typo.
        if (parse.CommandResult.Command == root && args.Length > 0 && !args[0].StartsWith('-')
            && !root.Subcommands.Any(c => c.Name == args[0]))
        {
            return $"unknown command '{args[0]}'; choose one of: {string.Join(", ", root.Subcommands.Select(static c => c.Name))}.";
        }

        return parse.Errors[0].Message;
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

    [GeneratedRegex(@"\r?\nActual value was [^\r\n]*")]
    private static partial Regex ActualValueLine();
}
