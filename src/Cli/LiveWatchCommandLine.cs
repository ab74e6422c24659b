using System.CommandLine;
using LiveWatch.Cli.Commands;

namespace LiveWatch.Cli;

/// <summary>The <c>livewatch</c> command tree. Parse errors exit with <see cref="ExitCodes.Error"/>, never 1.</summary>
internal static class LiveWatchCommandLine
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("livewatch: PDQ hashing and hash-list matching for LiveWatch operators and integrators.")
        {
            HashCommand.Create(),
            MatchCommand.Create(),
            ScanCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"livewatch: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Try 'livewatch --help'.").ConfigureAwait(false);
            return ExitCodes.Error;
        }

        return await parsed.InvokeAsync().ConfigureAwait(false);
    }
}
