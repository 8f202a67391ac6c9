using System.IO;
using System.Threading;
using NeuralOdeGen.Examples.Cli;

namespace NeuralOdeGen.Examples.Tests.Infrastructure;

/// <summary>The outcome of one in-process <c>neuralode</c> invocation.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Invoke(params string[] args) => Invoke(CancellationToken.None, args);

    public static CliRun Invoke(CancellationToken cancellation, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = NeuralOdeCli.Run(args, CliContext.Plain(output, error, cancellation));
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
