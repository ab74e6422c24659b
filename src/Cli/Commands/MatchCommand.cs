using System.CommandLine;
using System.Globalization;
using LiveWatch.Cli.Banks;
using LiveWatch.Cli.Terminal;
using LiveWatch.Hashing;
using LiveWatch.Hashing.Formats;
using LiveWatch.Hashing.Indexing;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Hashing.Video;
using LiveWatch.Sdk.Media;

namespace LiveWatch.Cli.Commands;

/// <summary>
/// <c>livewatch match QUERY --bank FILE</c>: QUERY is a PDQ hash, a picture or a video. Prints one line per match and
/// exits 0 when something matched, 1 when nothing did, 2 on error.
/// </summary>
internal static class MatchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query")
        {
            Description = "A 64-hex PDQ hash, a picture, or a video file.",
        };
        var bank = new Option<string>("--bank")
        {
            Description = "Hash list to match against: plain (one hash per line), CSV with a 'hash' column (optional 'id', 'label'), or vPDQ.",
            Required = true,
        };
        var maxDistance = new Option<int>("--max-distance")
        {
            Description = "Largest Hamming distance that counts as a match (0..63).",
            DefaultValueFactory = _ => 31,
        };
        maxDistance.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 0 or > 63)
            {
                result.AddError($"--max-distance must be between 0 and 63, got {value}.");
            }
        });
        var dihedral = new Option<bool>("--dihedral")
        {
            Description = "Also look for rotated and mirrored copies (queries all 8 dihedral variants).",
        };
        var cli512 = new Option<bool>("--cli512")
        {
            Description = "Hash pictures as the reference pdq-photo-hasher does (512x512 pre-resize).",
        };
        var secondsPerHash = new Option<double>("--seconds-per-hash")
        {
            Description = "For a video query: hash one frame every this many seconds (0 = every frame).",
            DefaultValueFactory = _ => 1.0,
        };
        var minQuality = new Option<int>("--min-quality")
        {
            Description = "Frames or pictures whose PDQ quality is below this are not matched (0..100).",
            DefaultValueFactory = _ => PdqHash.MinimumMatchQuality,
        };
        var command = new Command("match", "Match a hash, picture or video against a hash list.")
        {
            query, bank, maxDistance, dihedral, cli512, secondsPerHash, minQuality,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new MatchRequest(
                parse.GetValue(query)!,
                parse.GetValue(bank)!,
                parse.GetValue(maxDistance),
                parse.GetValue(dihedral),
                parse.GetValue(cli512) ? PdqMode.Cli512 : PdqMode.Core,
                parse.GetValue(secondsPerHash),
                parse.GetValue(minQuality)),
            cancellationToken));
        return command;
    }

    private sealed record MatchRequest(string Query, string Bank, int MaxDistance, bool Dihedral, PdqMode Mode, double SecondsPerHash, int MinQuality);

    private static async Task<int> RunAsync(MatchRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var bank = BankFile.Load(request.Bank);
            var index = bank.BuildIndex();
            if (File.Exists(request.Query))
            {
                var kind = await MediaProbe.GetKindAsync(request.Query, cancellationToken).ConfigureAwait(false);
                return kind == MediaKind.Picture
                    ? await MatchPictureAsync(request, bank, index, cancellationToken).ConfigureAwait(false)
                    : await MatchVideoAsync(request, bank, index, cancellationToken).ConfigureAwait(false);
            }

            if (Hash256.TryParse(request.Query, out var hash, out var error, ignoreCase: true))
            {
                if (request.Dihedral)
                {
                    return await FailAsync("--dihedral needs a picture: the rotations of a picture cannot be derived from its hash alone").ConfigureAwait(false);
                }

                return await PrintMatchesAsync(bank, index, [hash], request).ConfigureAwait(false) > 0
                    ? ExitCodes.Success
                    : ExitCodes.NoMatch;
            }

            await Console.Error.WriteLineAsync(
                $"livewatch: {request.Query}: neither an existing file nor a PDQ hash ({error})").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is HashListFormatException or MediaDecodeException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"livewatch: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"livewatch: {message}").ConfigureAwait(false);
        return ExitCodes.Error;
    }

    private static async Task<int> MatchPictureAsync(MatchRequest request, BankFile bank, IHashIndex index, CancellationToken cancellationToken)
    {
        var picture = await FfmpegPictureDecoder.DecodeAsync(request.Query, cancellationToken).ConfigureAwait(false);
        Hash256[] needles;
        int quality;
        if (request.Dihedral)
        {
            var all = PdqHasher.ComputeDihedral(picture.Pixels, picture.Width, picture.Height, picture.Format, request.Mode);
            needles = all.AsSpan().ToArray();
            quality = all.Quality;
        }
        else
        {
            var single = PdqHasher.Compute(picture.Pixels, picture.Width, picture.Height, picture.Format, request.Mode);
            needles = [single.Hash];
            quality = single.Quality;
        }

        if (quality < request.MinQuality)
        {
            await Console.Error.WriteLineAsync(
                $"livewatch: {request.Query}: PDQ quality {quality} is below {request.MinQuality}; the hash is too unreliable to match (see --min-quality)").ConfigureAwait(false);
            return ExitCodes.NoMatch;
        }

        return await PrintMatchesAsync(bank, index, needles, request).ConfigureAwait(false) > 0 ? ExitCodes.Success : ExitCodes.NoMatch;
    }

    private static async Task<int> MatchVideoAsync(MatchRequest request, BankFile bank, IHashIndex index, CancellationToken cancellationToken)
    {
        if (request.Dihedral)
        {
            return await FailAsync("--dihedral works on pictures; video frames are matched as they are").ConfigureAwait(false);
        }

        IReadOnlyList<VpdqFrame> frames;
        using (var progress = new ProgressLine($"hashing {Path.GetFileName(request.Query)}"))
        {
            frames = await FfmpegVideoHasher.HashAsync(
                request.Query,
                request.SecondsPerHash,
                new SynchronousProgress<VideoHashProgress>(p => progress.Report(p.FramesDecoded, p.TotalFramesEstimate, "frames")),
                cancellationToken).ConfigureAwait(false);
        }

        // One line per frame: its nearest bank entry. A video against a big bank would otherwise print thousands.
        var matched = 0;
        foreach (var frame in frames)
        {
            if (frame.Quality < request.MinQuality || !index.TryFindNearest(frame.Hash, request.MaxDistance, out var nearest))
            {
                continue;
            }

            matched++;
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{frame.TimestampSeconds:0.000},{frame.FrameNumber},{bank.DisplayId(nearest.Id)},{nearest.Distance}")).ConfigureAwait(false);
        }

        if (bank.Read.Format == HashListFormat.Vpdq)
        {
            var verdict = VpdqMatcher.Default.Match(frames, bank.Read.VpdqFrames);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"# vpdq: {verdict.QueryMatchPercent:0.0}% of the query's frames and {verdict.CompareMatchPercent:0.0}% of the bank video's frames matched: {(verdict.IsMatch ? "MATCH" : "no match")}")).ConfigureAwait(false);
        }

        return matched > 0 ? ExitCodes.Success : ExitCodes.NoMatch;
    }

    private static async Task<int> PrintMatchesAsync(BankFile bank, IHashIndex index, Hash256[] needles, MatchRequest request)
    {
        var matches = new List<HashMatch>();
        index.FindAll(needles, request.MaxDistance, matches);
        foreach (var match in matches.OrderBy(m => m.Distance).ThenBy(m => m.Id))
        {
            var id = bank.DisplayId(match.Id);
            var variant = needles.Length == 8 ? "," + ((Dihedral)match.NeedleIndex).ToShortName() : string.Empty;
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{id},{match.Distance}{variant}")).ConfigureAwait(false);
        }

        return matches.Count;
    }
}
