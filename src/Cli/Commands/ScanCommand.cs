using System.CommandLine;
using System.Globalization;
using LiveWatch.Cli.Banks;
using LiveWatch.Cli.Terminal;
using LiveWatch.Contracts.Banks;
using LiveWatch.Contracts.Ingest;
using LiveWatch.Contracts.Risk;
using LiveWatch.Grains.Matching;
using LiveWatch.Grains.Monitoring;
using LiveWatch.Grains.Risk;
using LiveWatch.Hashing.Formats;
using LiveWatch.Hashing.Indexing;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Sdk.Media;

namespace LiveWatch.Cli.Commands;

/// <summary>
/// <c>livewatch scan VIDEO --bank FILE</c>: replays a recorded stream through the same sampling, hashing, matching and
/// risk logic as a live stream's grain, in-process, and prints the timeline. Exit 0 when nothing was found, 1 when
/// something matched, 2 on error.
/// </summary>
internal static class ScanCommand
{
    private const long BankId = 1;

    public static Command Create()
    {
        var video = new Argument<string>("video") { Description = "A recorded stream (any video ffmpeg reads)." };
        var bank = new Option<string>("--bank")
        {
            Description = "Hash list to match against (plain, CSV or vPDQ, as for match).",
            Required = true,
        };
        var threshold = new Option<int>("--max-distance")
        {
            Description = "The bank's match threshold (0..63).",
            DefaultValueFactory = _ => BankInfo.DefaultDistanceThreshold,
        };
        threshold.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 0 or > 63)
            {
                result.AddError($"--max-distance must be between 0 and 63, got {value}.");
            }
        });
        var noDihedral = new Option<bool>("--no-dihedral") { Description = "Match frames only as they are, not their rotations and mirror images." };
        var command = new Command("scan", "Replay a recorded stream through LiveWatch's hashing, matching and risk logic and print the timeline.")
        {
            video, bank, threshold, noDihedral,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(video)!, parse.GetValue(bank)!, parse.GetValue(threshold), !parse.GetValue(noDihedral), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string videoPath, string bankPath, int threshold, bool dihedral, CancellationToken cancellationToken)
    {
        try
        {
            var bank = BankFile.Load(bankPath);
            var replica = BuildReplica(bank, threshold);
            var analyzer = new FrameAnalyzer(replica, "local", new FrameAnalyzerOptions { MatchDihedral = dihedral });
            var engine = RiskEngine.Default;
            var policy = engine.Options;

            // Decode at the fastest rate any level asks for; the current level's policy decides which frames count.
            var baseRate = new[] { RiskLevel.Clear, RiskLevel.Watch, RiskLevel.Alert, RiskLevel.Critical }.Max(l => policy.SamplingFor(l).FramesPerSecond);
            var start = DateTimeOffset.UnixEpoch;
            var state = RiskState.Start(start);
            var nextDue = 0.0;
            var matches = 0;
            var frames = 0;
            await Console.Out.WriteLineAsync("seconds,event,detail").ConfigureAwait(false);

            using var progress = new ProgressLine($"scanning {Path.GetFileName(videoPath)}");
            await FfmpegCanvasSampler.SampleAsync(videoPath, baseRate, async (canvas, _) =>
            {
                progress.Report(canvas.Index, 0, "frames");
                if (canvas.StreamSeconds + 1e-9 < nextDue)
                {
                    return;
                }

                frames++;
                var now = start.AddSeconds(canvas.StreamSeconds);
                var analysis = analyzer.Analyze(new SampledFrame(canvas.Index, now, canvas.StreamSeconds, FramePicture.Canvas(canvas.Luma)));
                var observation = analysis.Match.IsMatch
                    ? RiskObservation.Nearest(analysis.Match.Distance, analysis.Match.DistanceThreshold)
                    : RiskObservation.NoMatch;
                if (analysis.Match.IsMatch)
                {
                    matches++;
                    await WriteAsync(canvas.StreamSeconds, "match", $"entry={bank.DisplayId(analysis.Match.EntryId)} distance={analysis.Match.Distance} variant={((Dihedral)analysis.Match.Variant).ToShortName()} quality={analysis.Quality}{(analysis.Outcome == FrameOutcome.NearDuplicate ? " (same as previous frame)" : string.Empty)}").ConfigureAwait(false);
                }
                else if (analysis.Outcome == FrameOutcome.Suppressed)
                {
                    await WriteAsync(canvas.StreamSeconds, "suppressed", "matched a negative bank").ConfigureAwait(false);
                }

                var assessment = engine.Observe(state, observation, now);
                state = assessment.State;
                nextDue = canvas.StreamSeconds + (1.0 / assessment.Sampling.FramesPerSecond);
                foreach (var change in assessment.Changes)
                {
                    await WriteAsync((change.At - start).TotalSeconds, "level", $"{change.From} -> {change.To} (score {change.Score:0.00})").ConfigureAwait(false);
                }

                if (assessment.OpenIncident)
                {
                    await WriteAsync(canvas.StreamSeconds, "incident", $"opened at level {state.Level}").ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);

            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"# {frames} frames analysed, {matches} matched, final level {state.Level}")).ConfigureAwait(false);
            return matches > 0 ? ExitCodes.NoMatch : ExitCodes.Success;
        }
        catch (Exception e) when (e is HashListFormatException or MediaDecodeException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"livewatch: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }

    private static HashBankReplica BuildReplica(BankFile bank, int threshold)
    {
        var replica = new HashBankReplica(HashIndex.Create(bank.Entries.Count));
        replica.UpsertBank(new BankInfo(BankId, null, Path.GetFileName(bank.Path), BankKind.Normal, threshold, Enabled: true));
        replica.AddEntries(BankId, bank.Positions(), bank.Hashes());
        return replica;
    }

    private static Task WriteAsync(double seconds, string kind, string detail) =>
        Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{seconds:0.000},{kind},{detail}"));
}
