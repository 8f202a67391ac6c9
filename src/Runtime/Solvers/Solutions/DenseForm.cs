namespace NeuralOdeGen;

/// <summary>Which interpolant a <see cref="DenseTrajectory"/> evaluates, and so what it keeps per step.</summary>
internal enum DenseForm
{
    /// <summary>Cubic Hermite from the states and <c>F</c> at both ends of the step (two rows).</summary>
    CubicHermite,

    /// <summary>The tableau's <see cref="NeuralOdeGen.ContinuousExtension"/> from the step's stages (one row per stage).</summary>
    ContinuousExtension,

    /// <summary>A Rosenbrock method's own dense output from its dense rows (<see cref="ImplicitStepper.WriteDenseRows"/>).</summary>
    Rosenbrock,
}
