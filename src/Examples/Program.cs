using System;

namespace NeuralOdeGen.Examples;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: neuralode <command>   (commands arrive with the CLI issue)");
        return args.Length == 0 ? 0 : 2;
    }
}
