using System;
using System.Globalization;

namespace NeuralOdeGen;

/// <summary>An ODE solve failed: carries where (time, step size, state), why, and what usually helps.</summary>
public sealed class OdeSolverException : Exception
{
    /// <summary>Creates the exception with a message explaining the likely cause and remedy for <paramref name="reason"/>.</summary>
    /// <param name="reason">Why the solve stopped.</param>
    /// <param name="time">The time reached.</param>
    /// <param name="stepSize">The step size being attempted.</param>
    /// <param name="state">The state at <paramref name="time"/> (copied).</param>
    public OdeSolverException(OdeSolverFailure reason, double time, double stepSize, ReadOnlySpan<double> state)
        : base(Describe(reason, time, stepSize, state))
    {
        Reason = reason;
        Time = time;
        StepSize = stepSize;
        State = state.ToArray();
    }

    // The same failure, attributed to one sample of a batch.
    private OdeSolverException(OdeSolverException failure, int sample)
        : base($"Sample {sample}: {failure.Message}", failure)
    {
        LooksStiff = failure.LooksStiff;
        Reason = failure.Reason;
        Time = failure.Time;
        StepSize = failure.StepSize;
        State = failure.State;
        Sample = sample;
    }

    // The same failure of an explicit solver, with the stiffness diagnosis appended.
    private OdeSolverException(OdeSolverException failure, double eigenvalue, double horizon)
        : base(failure.Message + DescribeStiffness(eigenvalue, horizon), failure)
    {
        Reason = failure.Reason;
        Time = failure.Time;
        StepSize = failure.StepSize;
        State = failure.State;
        Sample = failure.Sample;
        LooksStiff = true;
    }

    /// <summary>
    /// Gets a value indicating whether an explicit solver failed on a problem that looks stiff (the message then names the
    /// implicit solver to use).
    /// </summary>
    public bool LooksStiff { get; }

    /// <summary>Gets the index of the sample whose solve failed, when the solve was part of a batch.</summary>
    public int? Sample { get; }

    /// <summary>Gets why the solve stopped.</summary>
    public OdeSolverFailure Reason { get; }

    /// <summary>Gets the time the solver had reached.</summary>
    public double Time { get; }

    /// <summary>Gets the step size being attempted when the solve stopped.</summary>
    public double StepSize { get; }

    /// <summary>Gets a copy of the state at <see cref="Time"/>.</summary>
    public double[] State { get; }

    /// <summary>Attributes this failure to a sample of a batch (the original is kept as the inner exception).</summary>
    internal OdeSolverException ForSample(int sample) => Sample is null ? new OdeSolverException(this, sample) : this;

    /// <summary>This failure with the diagnosis that the problem looks stiff (see <see cref="StiffnessDetector"/>).</summary>
    internal OdeSolverException AsStiff(double eigenvalue, double horizon) => new(this, eigenvalue, horizon);

    private static string Describe(OdeSolverFailure reason, double time, double stepSize, ReadOnlySpan<double> state)
    {
        string where = string.Create(CultureInfo.InvariantCulture, $"at t = {time:R} with step size {stepSize:R} and state [{FormatState(state)}]");
        return reason switch
        {
            OdeSolverFailure.NonFiniteState =>
                $"The ODE state became NaN or infinite {where}. The solution is blowing up: either the dynamics " +
                "diverge for these parameters (during training, use a smaller learning rate or the variance-corrected " +
                "rule) or the fixed step is too large for the problem's time scale (use more steps or an adaptive solver).",
            OdeSolverFailure.StepSizeUnderflow =>
                $"The adaptive step size underflowed {where}. The problem is stiff or the solution has a singularity " +
                "here: use a stiff solver, loosen rtol/atol, or check that the dynamics do not blow up in finite time.",
            OdeSolverFailure.MaxStepsExceeded =>
                $"The solver exceeded its maximum number of steps {where}. The tolerances are too tight for the " +
                "horizon or the problem is stiff: raise maxSteps, loosen rtol/atol, or use a stiff solver.",
            OdeSolverFailure.StepSizeBelowMinimum =>
                $"A step of the solver's minimum size was rejected {where}: meeting rtol/atol here needs smaller steps " +
                "than OdeSolver.MinStep allows. Lower minStep, loosen rtol/atol, or use a stiff solver if the problem is stiff.",
            OdeSolverFailure.NewtonFailure =>
                $"The implicit solver's Newton iteration failed {where}, also after {OdeSolver.MaxNewtonRetries} step reductions " +
                "(or on a fixed step). Check that the model's state Jacobian matches its right-hand side (a hand-written " +
                "IOdeModel), that the dynamics do not blow up here, or use more fixed steps.",
            _ => $"The ODE solve failed ({reason}) {where}.",
        };
    }

    private static string DescribeStiffness(double eigenvalue, double horizon) =>
        string.Create(CultureInfo.InvariantCulture, $" The state Jacobian there has an eigenvalue with real part {eigenvalue:G4}, so |Re λ|·horizon = {-eigenvalue * horizon:G3} ≫ 1: the problem looks stiff. ") +
        "Use an implicit solver: OdeSolver.Rodas5P(rtol, atol) (or OdeSolver.Rodas4, OdeSolver.Kvaerno5).";

    private static string FormatState(ReadOnlySpan<double> state)
    {
        const int Shown = 8;
        var parts = new string[Math.Min(state.Length, Shown)];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = state[i].ToString("R", CultureInfo.InvariantCulture);
        }

        string joined = string.Join(", ", parts);
        return state.Length > Shown ? joined + $", … ({state.Length} values)" : joined;
    }
}
