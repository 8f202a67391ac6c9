namespace NeuralOdeGen.Benchmarks.Models;

// The generated members already have the IDerivatives signatures; these declarations only attach the interface.

/// <summary>Generated derivatives of <see cref="Decay"/>.</summary>
public partial struct Decay : IDerivatives<Decay>;

/// <summary>Generated derivatives of <see cref="LotkaVolterra"/>.</summary>
public partial struct LotkaVolterra : IDerivatives<LotkaVolterra>;

/// <summary>Generated derivatives of <see cref="Pendulum"/>.</summary>
public partial struct Pendulum : IDerivatives<Pendulum>;
