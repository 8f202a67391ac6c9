using System.CommandLine;
using NeuralOdeGen.Examples.Cli;
using NeuralOdeGen.Examples.Models;
using Spectre.Console;

namespace NeuralOdeGen.Examples.Commands;

/// <summary><c>neuralode models</c>: the example models with the equations the generator read.</summary>
internal static class ModelsCommand
{
    private const int MaxEquationLength = 240;

    public static Command Create(CliContext context)
    {
        var command = new Command("models", "List the example models with their equations and true parameters.");
        command.SetAction(_ => Execute(context));
        return command;
    }

    public static int Execute(CliContext context)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("model", "equations (as generated)", "parameters (true values)", "about");
        foreach (ExampleModel model in ExampleModels.Catalogue.Values)
        {
            OdeModelInfo info = model.Info;
            var equations = new string[info.StateCount];
            for (int i = 0; i < info.StateCount; i++)
            {
                equations[i] = Shorten($"d{info.StateNames[i]}/dt = {info.RightHandSide[i]}");
            }

            var parameters = new string[model.HasTrueParameters ? info.ParameterCount : 1];
            for (int k = 0; k < info.ParameterCount && model.HasTrueParameters; k++)
            {
                parameters[k] = $"{info.ParameterNames[k]} = {model.TrueParameters[k].ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            }

            if (!model.HasTrueParameters)
            {
                parameters[0] = $"{info.ParameterCount} network weights (no true values: the data come from another system)";
            }

            table.AddRow(
                Markup.Escape(model.Name),
                Markup.Escape(string.Join("\n", equations)),
                Markup.Escape(string.Join("\n", parameters)),
                Markup.Escape(model.Summary));
        }

        context.Console.Write(table);
        return ExitCodes.Success;
    }

    // A network's right-hand side runs to thousands of characters (the spiral's: one tanh term per hidden unit).
    private static string Shorten(string equation) =>
        equation.Length <= MaxEquationLength
            ? equation
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{equation[..MaxEquationLength]} … ({equation.Length} characters)");
}
