using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace NeuralOdeGen;

/// <summary>
/// Runs a sensitivity method over all samples, in parallel, with a reduction order that does not depend on the
/// thread count: samples are cut into fixed blocks, each block sums its samples in order into its own partial
/// sums, and the partials are added in block order. Workspaces are per worker and reused across calls.
/// </summary>
internal sealed class BatchGradientEngine<TModel>
    where TModel : struct, IOdeModel<TModel>
{
    // Fixed block size: part of the arithmetic, so it must not depend on the machine or the thread count.
    private const int BlockSize = 32;

    private readonly Dataset _data;
    private readonly SensitivityWorkspace<TModel>[] _workspaces;
    private readonly double[] _blockLosses;
    private readonly double[] _blockGradients;
    private readonly double[] _parameters;
    private readonly int _blockCount;
    private readonly ParallelOptions _parallelOptions;
    private readonly Action<int> _workerBody;
    private GradientResult? _target;
    private int _nextBlock;

    public BatchGradientEngine(Dataset data, ILoss loss, OdeSolver solver, ISensitivityMethod method, int maxDegreeOfParallelism)
    {
        _data = data;
        int degree = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        _blockCount = (data.SampleCount + BlockSize - 1) / BlockSize;
        degree = Math.Max(1, Math.Min(degree, _blockCount));
        _workspaces = new SensitivityWorkspace<TModel>[degree];
        for (int w = 0; w < degree; w++)
        {
            _workspaces[w] = method.CreateWorkspace<TModel>(solver, loss);
        }

        _blockLosses = new double[_blockCount];
        _blockGradients = new double[_blockCount * TModel.ParameterCount];
        _parameters = new double[TModel.ParameterCount];
        _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = degree };
        _workerBody = RunWorker;
    }

    public int DegreeOfParallelism => _workspaces.Length;

    public void Compute(ReadOnlySpan<double> parameters, GradientResult result)
    {
        parameters.CopyTo(_parameters);
        foreach (SensitivityWorkspace<TModel> workspace in _workspaces)
        {
            workspace.ResetStatistics();
        }

        _target = result;
        _nextBlock = -1;
        try
        {
            if (_workspaces.Length == 1)
            {
                RunWorker(0);
            }
            else
            {
                Parallel.For(0, _workspaces.Length, _parallelOptions, _workerBody);
            }
        }
        catch (AggregateException aggregate) when (aggregate.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Capture(aggregate.InnerExceptions[0]).Throw();
        }
        finally
        {
            _target = null;
        }

        int m = TModel.ParameterCount;
        Span<double> gradient = result.GradientBuffer;
        gradient.Clear();
        double loss = 0.0;
        for (int block = 0; block < _blockCount; block++)
        {
            loss += _blockLosses[block];
            ReadOnlySpan<double> partial = _blockGradients.AsSpan(block * m, m);
            for (int k = 0; k < m; k++)
            {
                gradient[k] += partial[k];
            }
        }

        SolverStatistics statistics = default;
        foreach (SensitivityWorkspace<TModel> workspace in _workspaces)
        {
            statistics += workspace.Statistics;
        }

        result.Loss = loss;
        result.Horizon = _data.Horizon;
        result.Statistics = statistics;
    }

    private void RunWorker(int worker)
    {
        SensitivityWorkspace<TModel> workspace = _workspaces[worker];
        GradientResult result = _target!;
        int n = TModel.StateCount;
        int m = TModel.ParameterCount;
        int sampleCount = _data.SampleCount;
        bool wantsSensitivities = result.HasSensitivities;
        while (true)
        {
            int block = Interlocked.Increment(ref _nextBlock);
            if (block >= _blockCount)
            {
                return;
            }

            Span<double> partialGradient = _blockGradients.AsSpan(block * m, m);
            partialGradient.Clear();
            double partialLoss = 0.0;
            int end = Math.Min(sampleCount, (block + 1) * BlockSize);
            int sample = block * BlockSize;
            int lanes = wantsSensitivities ? 1 : workspace.LaneCount;
            if (lanes > 1)
            {
                // Groups of samples solved together give the same bits; a failing group is redone one by one below.
                while (sample + lanes <= end)
                {
                    try
                    {
                        workspace.ComputeLanes(
                            sample, _data.InitialStates.Slice(sample * n, lanes * n), _parameters, ref partialLoss, partialGradient, result.TerminalStateBuffer.Slice(sample * n, lanes * n));
                    }
                    catch (OdeSolverException)
                    {
                        break;
                    }

                    sample += lanes;
                }
            }

            for (; sample < end; sample++)
            {
                Span<double> sensitivities = wantsSensitivities ? result.SensitivityBuffer.Slice(sample * n * m, n * m) : [];
                try
                {
                    partialLoss += workspace.ComputeSample(
                        sample, _data.InitialState(sample), _parameters, partialGradient, result.TerminalStateBuffer.Slice(sample * n, n), sensitivities);
                }
                catch (OdeSolverException failure)
                {
                    throw failure.ForSample(sample);
                }
            }

            _blockLosses[block] = partialLoss;
        }
    }
}
