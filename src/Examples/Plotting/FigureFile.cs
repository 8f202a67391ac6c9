using System.IO;
using ScottPlot;
using SkiaSharp;

namespace NeuralOdeGen.Examples.Plotting;

/// <summary>Writes a multi-panel figure as PNG and SVG, each atomically (temp file, then rename).</summary>
internal static class FigureFile
{
    public static void Save(Multiplot figure, string pathWithoutExtension, int width, int height)
    {
        string png = pathWithoutExtension + ".png";
        string pngTemp = png + ".tmp";
        figure.SavePng(pngTemp, width, height);
        File.Move(pngTemp, png, overwrite: true);

        // Multiplot has no SaveSvg: render the same layout onto Skia's SVG canvas.
        string svg = pathWithoutExtension + ".svg";
        string svgTemp = svg + ".tmp";
        using (FileStream stream = File.Create(svgTemp))
        {
            using SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream);
            canvas.Clear(SKColors.White);
            figure.Render(canvas, new PixelRect(0, width, height, 0));
        }

        File.Move(svgTemp, svg, overwrite: true);
    }

    /// <summary>Makes the left axis of <paramref name="plot"/> read as powers of ten (data must be log10 values).</summary>
    public static void UseLogScaleOnLeftAxis(Plot plot)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = static value => "1e" + value.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
