namespace NeuralOdeGen.Generator.Ir;

/// <summary>The external vectors that directional derivatives contract the Jacobians with.</summary>
internal enum SeedVector
{
    /// <summary>The cotangent v of a vector–Jacobian product.</summary>
    Cotangent,

    /// <summary>The state tangent dx of a Jacobian–vector product.</summary>
    StateTangent,

    /// <summary>The parameter tangent dp of a Jacobian–vector product.</summary>
    ParameterTangent,

    /// <summary>The time tangent dt of a jump map's Jacobian–vector product (index 0; events only).</summary>
    TimeTangent,
}
