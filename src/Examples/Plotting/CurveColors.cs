using ScottPlot;

namespace NeuralOdeGen.Examples.Plotting;

/// <summary>One colour per curve, stable across panels so a reader can follow an initial value.</summary>
internal static class CurveColors
{
    private static readonly Color[] Colors =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#bcbd22"), Color.FromHex("#17becf"),
    ];

    public static Color At(int index) => Colors[index % Colors.Length];
}
