namespace NeuralOdeGen;

/// <summary>
/// The arithmetic of one lane width, as static members of an operator struct (the pattern of
/// <c>System.Numerics.Tensors.TensorPrimitives</c>): <see cref="ScalarLane"/> for <see cref="double"/>,
/// <see cref="Vector256Lane"/> and <see cref="Vector512Lane"/>. The stage combinations and Runge–Kutta steps in this
/// folder are written once against it; the JIT specialises each instantiation over the struct, so a call costs what
/// the hand-written loop for that width costs. Only plain multiplies and adds: a fused multiply–add rounds once and
/// would change the bits against the scalar path. Implementations mark every member for inlining: inside a large
/// specialised step the JIT's inlining budget runs out, and an operation left as a call passes its vectors through memory.
/// </summary>
/// <typeparam name="TVector">The register type: <see cref="double"/> or a vector of doubles.</typeparam>
internal interface ILane<TVector>
    where TVector : struct
{
    /// <summary>Gets the number of doubles in one <typeparamref name="TVector"/>.</summary>
    static abstract int Count { get; }

    /// <summary>Gets a value indicating whether the CPU runs this width natively.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Gets every lane set to <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(double value);

    /// <summary>Gets <c>left + right</c> per lane.</summary>
    static abstract TVector Add(TVector left, TVector right);

    /// <summary>Gets <c>left − right</c> per lane.</summary>
    static abstract TVector Subtract(TVector left, TVector right);

    /// <summary>Gets <c>left · right</c> per lane.</summary>
    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary>Gets <c>−value</c> per lane.</summary>
    static abstract TVector Negate(TVector value);

    /// <summary>Gets a value indicating whether every lane is exactly zero (either sign); false for NaN.</summary>
    static abstract bool IsAllZero(TVector value);
}
