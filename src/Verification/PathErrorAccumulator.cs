using System;

namespace NeuralOdeGen.Verification;

/// <summary>Collects <c>(value, reference)</c> pairs of one path into a <see cref="PathError"/>.</summary>
internal sealed class PathErrorAccumulator(double absoluteTolerance, double relativeTolerance)
{
    private int _compared;
    private int _skipped;
    private int _failed;
    private double _maxAbsolute;
    private double _maxRelative;

    public void Add(double value, double reference)
    {
        bool valueFinite = double.IsFinite(value);
        bool referenceFinite = double.IsFinite(reference);
        if (!valueFinite && !referenceFinite)
        {
            _skipped++;
            return;
        }

        if (!valueFinite || !referenceFinite)
        {
            _failed++;
            _maxAbsolute = double.PositiveInfinity;
            _maxRelative = double.PositiveInfinity;
            return;
        }

        double absolute = Math.Abs(value - reference);
        double relative = absolute == 0.0 ? 0.0 : absolute / Math.Abs(reference);
        _compared++;
        _maxAbsolute = Math.Max(_maxAbsolute, absolute);
        _maxRelative = Math.Max(_maxRelative, relative);
        if (!(absolute <= absoluteTolerance + (relativeTolerance * Math.Abs(reference))))
        {
            _failed++;
        }
    }

    public void Skip() => _skipped++;

    public PathError ToPathError() => new(_compared, _skipped, _failed, _maxAbsolute, _maxRelative);
}
