using System.CommandLine;
using NeuralOdeGen.Examples.Cli;
using NeuralOdeGen.Examples.Models;
using Spectre.Console;

namespace NeuralOdeGen.Examples.Commands;

/// <summary><c>neuralode models</c>: the example models with the equations the generator read.</summary>
internal static class ModelsCommand
{
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
                equations[i] = $"d{info.StateNames[i]}/dt = {info.RightHandSide[i]}";
            }

            var parameters = new string[info.ParameterCount];
            for (int k = 0; k < info.ParameterCount; k++)
            {
                parameters[k] = $"{info.ParameterNames[k]} = {model.TrueParameters[k].ToString(System.Globalization.CultureInfo.InvariantCulture)}";
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
}
