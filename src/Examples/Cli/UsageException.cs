using System;

namespace NeuralOdeGen.Examples.Cli;

/// <summary>An argument that parsed but makes no sense (a value out of range, an unknown name): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
