using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NeuralOdeGen.Examples.Paper;

/// <summary>Writes the CSVs, figures and summary of <c>neuralode paper</c>; each file atomically.</summary>
internal static class PaperFiles
{
    public static IReadOnlyList<string> Write(PaperReport report)
    {
        string directory = Path.GetFullPath(report.Options.OutputDirectory);
        Directory.CreateDirectory(directory);
        var written = new List<string>();

        string figure1Csv = Path.Combine(directory, "figure1.csv");
        WriteAtomically(figure1Csv, Figure1Csv(report.Landscape));
        written.Add(figure1Csv);
        Figure1Plot.Save(report.Landscape, Path.Combine(directory, "figure1"));
        written.Add(Path.Combine(directory, "figure1.png"));
        written.Add(Path.Combine(directory, "figure1.svg"));

        string figure2Csv = Path.Combine(directory, "figure2.csv");
        WriteAtomically(figure2Csv, Figure2Csv(report.Experiment));
        written.Add(figure2Csv);
        Figure2Plot.Save(report, Path.Combine(directory, "figure2"));
        written.Add(Path.Combine(directory, "figure2.png"));
        written.Add(Path.Combine(directory, "figure2.svg"));

        string summary = Path.Combine(directory, "summary.md");
        WriteAtomically(summary, PaperSummaryMarkdown.Render(report));
        written.Add(summary);
        return written;
    }

    public static string Figure1Csv(IReadOnlyList<LandscapePoint> points)
    {
        var text = new StringBuilder("panel,t,a_star,a,loss\n");
        foreach (LandscapePoint p in points)
        {
            text.Append(p.Panel).Append(',').Append(R(p.Horizon)).Append(',').Append(R(p.TargetRate)).Append(',')
                .Append(R(p.Rate)).Append(',').Append(R(p.Loss)).Append('\n');
        }

        return text.ToString();
    }

    public static string Figure2Csv(PaperExperimentResult experiment)
    {
        var text = new StringBuilder("method,a0,iteration,a,loss\n");
        foreach (PaperTrajectory run in experiment.Trajectories)
        {
            string method = PaperReproduction.MethodName(run.Method);
            foreach (TrainingRecord record in run.Result.History)
            {
                text.Append(method).Append(',').Append(R(run.InitialValue)).Append(',')
                    .Append(record.Iteration.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(R(record.Parameters[0])).Append(',').Append(R(record.Loss)).Append('\n');
            }
        }

        return text.ToString();
    }

    public static void WriteAtomically(string path, string contents)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, contents, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
