using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace NeuralOdeGen.Examples.Training;

/// <summary>
/// Turns the first SIGTERM (e.g. <c>kill PID</c>, a container stop) into a cancellation, like Ctrl-C, so that
/// training stops after the current iteration and writes its checkpoint, history and plots; a second SIGTERM
/// terminates at once.
/// </summary>
internal sealed class TerminationSignal : IDisposable
{
    /// <summary>The exit code of a run stopped by SIGTERM (128 + 15, as shells report it).</summary>
    public const int ExitCode = 143;

    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _registration;
    private volatile bool _received;

    /// <summary>Listens for SIGTERM until disposed; the token is also cancelled by <paramref name="outer"/>.</summary>
    public TerminationSignal(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Gets the token cancelled by SIGTERM or by the outer token.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Gets whether SIGTERM arrived.</summary>
    public bool Received => _received;

    /// <inheritdoc/>
    public void Dispose()
    {
        _registration.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (_received)
        {
            return; // the second one: let the default action terminate the process
        }

        context.Cancel = true;
        _received = true;
        _source.Cancel();
    }
}
