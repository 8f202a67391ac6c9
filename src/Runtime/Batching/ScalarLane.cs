namespace NeuralOdeGen;

/// <summary>One double per lane: the width of the one-sample stepper and of the leftovers after the vectors.</summary>
internal readonly struct ScalarLane : ILane<double>
{
    public static int Count => 1;

    public static bool IsHardwareAccelerated => true;

    public static double Broadcast(double value) => value;

    public static double Add(double left, double right) => left + right;

    public static double Subtract(double left, double right) => left - right;

    public static double Multiply(double left, double right) => left * right;

    public static double Negate(double value) => -value;

    public static bool IsAllZero(double value) => value == 0.0;
}
