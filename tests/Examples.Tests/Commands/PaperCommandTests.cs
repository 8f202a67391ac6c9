using System;
using System.IO;
using System.Linq;
using NeuralOdeGen.Examples.Tests.Infrastructure;

namespace NeuralOdeGen.Examples.Tests.Commands;

public sealed class PaperCommandTests(PaperRunFixture paper) : IClassFixture<PaperRunFixture>
{
    [Fact]
    public void Paper_SmallSettings_ExitsZeroAndListsEveryFile()
    {
        Assert.True(paper.Run.ExitCode == 0, paper.Run.Error);
        foreach (string name in new[] { "figure1.csv", "figure1.png", "figure1.svg", "figure2.csv", "figure2.png", "figure2.svg", "summary.md" })
        {
            Assert.True(File.Exists(paper.File(name)), name);
            Assert.Contains(paper.File(name), paper.Run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("Theorem 5.1", paper.Run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Figure1Csv_EveryRow_IsTheClosedFormLoss()
    {
        Csv csv = Csv.Read(paper.File("figure1.csv"));
        Assert.Equal(["panel", "t", "a_star", "a", "loss"], csv.Header);

        // Panel a: four horizons with a* = −1; panel b: four targets with t = 1 (the paper's Fig. 1).
        Assert.Equal([0.5, 1.0, 2.0, 3.0], csv.Rows.Where(r => r[0] == "a").Select(r => Csv.Number(r[1])).Distinct().Order());
        Assert.Equal([-2.0, -1.0, -0.5, 0.5], csv.Rows.Where(r => r[0] == "b").Select(r => Csv.Number(r[2])).Distinct().Order());
        foreach (string[] row in csv.Rows)
        {
            double t = Csv.Number(row[1]);
            double target = Csv.Number(row[2]);
            double a = Csv.Number(row[3]);
            double expected = 0.5 * Math.Pow(Math.Exp(a * t) - Math.Exp(target * t), 2);

            // Same formula evaluated twice in doubles: only rounding differs.
            Assert.Equal(expected, Csv.Number(row[4]), 1e-12 * Math.Max(1.0, expected));
        }
    }

    [Fact]
    public void Figure2Csv_Columns_OneRowPerMethodInitialValueAndIteration()
    {
        Csv csv = Csv.Read(paper.File("figure2.csv"));
        Assert.Equal(["method", "a0", "iteration", "a", "loss"], csv.Header);
        Assert.Equal(["adam", "sgd", "variance-corrected"], csv.Rows.Select(r => r[0]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(3 * 3 * (PaperRunFixture.Iterations + 1), csv.Rows.Count);
        foreach (string[] row in csv.Rows.Where(r => r[2] == "0"))
        {
            Assert.Equal(Csv.Number(row[1]), Csv.Number(row[3]));
        }
    }

    [Fact]
    public void Figure2Csv_VarianceCorrectedRows_FollowTheClosedFormRecursion()
    {
        Csv csv = Csv.Read(paper.File("figure2.csv"));
        string[][] rows = [.. csv.Rows.Where(r => r[0] == "variance-corrected")];
        int checkedSteps = 0;
        for (int i = 0; i + 1 < rows.Length; i++)
        {
            if (rows[i][1] != rows[i + 1][1])
            {
                continue;
            }

            // a_{k+1} = a_k − (η/t)(1 − e^{(a*−a_k)t}): the sample's σ² cancels between ∇Loss and t²σ_t².
            double a = Csv.Number(rows[i][3]);
            double expected = a - (PaperRunFixture.LearningRate / PaperRunFixture.Horizon * (1.0 - Math.Exp((PaperRunFixture.TargetRate - a) * PaperRunFixture.Horizon)));

            // RK4 with h = 0.01 and the adjoint backsolve: relative error ~ (|a|h)⁴/120 per unit time, far below 1e-6.
            Assert.Equal(expected, Csv.Number(rows[i + 1][3]), 1e-6);
            checkedSteps++;
        }

        Assert.Equal(3 * PaperRunFixture.Iterations, checkedSteps);
    }

    [Fact]
    public void Figures_PngAndSvg_AreImagesOfTheDrawnSize()
    {
        Assert.Equal((1200, 500), ImageFile.ReadPngSize(paper.File("figure1.png")));
        Assert.Equal((1500, 800), ImageFile.ReadPngSize(paper.File("figure2.png")));
        ImageFile.ReadSvgRoot(paper.File("figure1.svg"));
        var svg = ImageFile.ReadSvgRoot(paper.File("figure2.svg"));

        // Six panels of lines: the SVG holds real paths, not an empty canvas.
        Assert.True(svg.Descendants().Count(e => e.Name.LocalName == "path") > 18);
    }

    [Fact]
    public void Summary_EveryMethodAndInitialValue_HasARow()
    {
        string summary = File.ReadAllText(paper.File("summary.md"));
        foreach (string method in new[] { "sgd", "adam", "variance-corrected" })
        {
            foreach (string a0 in new[] { "-2", "0", "1" })
            {
                Assert.Contains($"| {method} | {a0} |", summary, StringComparison.Ordinal);
            }
        }

        Assert.Contains("## Theorem 5.1 check", summary, StringComparison.Ordinal);

        // Every row of a Markdown table has its header's cell count (a stray '|' in a cell would shift the columns).
        string[] lines = summary.Split('\n');
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('|') && lines[i - 1].StartsWith('|'))
            {
                int header = Array.FindLastIndex(lines, i, l => !l.StartsWith('|')) + 1;
                Assert.Equal(lines[header].Count(c => c == '|'), lines[i].Count(c => c == '|'));
            }
        }
    }
}
