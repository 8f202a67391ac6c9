namespace NeuralOdeGen.Examples.Cli;

/// <summary>The process exit codes of <c>neuralode</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>An I/O failure or a failed check (e.g. a verification that found a mismatch).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown command, option or model, or an invalid value.</summary>
    public const int Usage = 2;

    /// <summary>
    /// Stopped by Ctrl-C (SIGINT), after writing what was computed: 128 + 2, as shells report a process ended by SIGINT.
    /// A second Ctrl-C ends the process at once.
    /// </summary>
    public const int Cancelled = 130;
}
