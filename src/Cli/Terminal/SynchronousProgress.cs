namespace LiveWatch.Cli.Terminal;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread. <see cref="Progress{T}"/> would post
/// to the thread pool, so a progress line could be drawn after the work (and its output) had finished.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
