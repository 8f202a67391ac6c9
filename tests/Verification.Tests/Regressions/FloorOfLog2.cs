using System;

namespace NeuralOdeGen.Verification.Tests.Regressions;

/// <summary>
/// The random model (CsCheck seed 90rJWXCPlcz1, shrunk) whose value the oracle could not evaluate: at a numeric point
/// Math.Floor's argument log(x² + 1)/log(2) is a number but not a SymPy Number, and the oracle's floor stayed symbolic.
/// Round gets the same argument.
/// </summary>
public partial struct FloorOfLog2
{
    [Dynamics]
    public static double Rhs(double state) =>
        (Math.Floor(Math.Log2(1 + (state * state))) * state) + (Math.Round(Math.Log10(2 + (state * state))) * state);
}
