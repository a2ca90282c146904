namespace MLExt.AutoML;

/// <summary>
/// Sends the heartbeats of the trials running in this process from one background thread of its own, so that trials keeping
/// every pool thread busy cannot delay them past the grace period.
/// </summary>
internal sealed class StudyHeartbeat : IDisposable
{
    private readonly IStudyStorage _storage;
    private readonly TimeSpan _interval;
    private readonly HashSet<int> _running = [];
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    public StudyHeartbeat(IStudyStorage storage, TimeSpan interval)
    {
        _storage = storage;
        _interval = interval;
    }

    public void Start(int trialId)
    {
        if (!_storage.IsShared)
            return;
        lock (_running)
        {
            _running.Add(trialId);
            if (_thread is null)
            {
                _thread = new Thread(Beat) { IsBackground = true, Name = "MLExt study heartbeat" };
                _thread.Start();
            }
        }
    }

    public void Stop(int trialId)
    {
        lock (_running)
            _running.Remove(trialId);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join();
        _stop.Dispose();
    }

    private void Beat()
    {
        while (!_stop.Token.WaitHandle.WaitOne(_interval))
        {
            int[] running;
            lock (_running)
                running = _running.ToArray();
            foreach (int id in running)
                _storage.Heartbeat(id);
        }
    }
}
