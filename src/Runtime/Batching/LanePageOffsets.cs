namespace NeuralOdeGen;

/// <summary>
/// Where in a 4 KiB page each lane buffer starts (see <see cref="AlignedVectors"/>): buffers that one loop touches at
/// the same index get offsets at least 256 bytes apart. A buffer of stages holds its stages back to back, whose
/// starts move by the block width; the offsets are spread so that the common widths (32 vectors, the paper problem)
/// still keep every stage away from the others.
/// </summary>
internal static class LanePageOffsets
{
    /// <summary>The integrated state (<c>x</c>, or the adjoint system's <c>[x, λ, z]</c>).</summary>
    public const int State = 256;

    /// <summary>The stage derivatives <c>k₁…k₄</c> (forward) or the stage adjoints (reverse).</summary>
    public const int Stages = 0;

    /// <summary>The stage states <c>Y₁…Y₃</c>, or the discrete adjoint's record of them.</summary>
    public const int StageStates = 512;

    /// <summary>The discrete adjoint's λ.</summary>
    public const int Adjoint = 768;

    /// <summary>The discrete adjoint's stage rate <c>K̄</c>.</summary>
    public const int Rate = 1792;

    /// <summary>The VJP's parameter part of one stage.</summary>
    public const int ParameterAdjoint = 2816;

    /// <summary>The per-lane parameter gradients.</summary>
    public const int Gradient = 3328;

    // RungeKuttaStepper's own buffers, beside Stages and StageStates. Stage rows start at multiples of 1 KiB (a row is
    // 1 KiB per state component for a full group), stage-state rows 512 bytes after them, so these sit elsewhere in
    // the page: its three state buffers trade roles every step, and each pair of them meets in one loop.

    /// <summary>The stepper's candidate state (one of the three it rotates).</summary>
    public const int Candidate = 1280;

    /// <summary>The stepper's state at the start of the last step (one of the three it rotates).</summary>
    public const int PreviousState = 2304;

    /// <summary>The stepper's <c>F(t, y)</c> at the current state.</summary>
    public const int Derivative = 3840;

    /// <summary>The stepper's error estimate.</summary>
    public const int ErrorEstimate = 1408;
}
