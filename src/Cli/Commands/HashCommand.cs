using System.CommandLine;
using System.Globalization;
using LiveWatch.Cli.Terminal;
using LiveWatch.Hashing.Formats;
using LiveWatch.Hashing.Pdq;
using LiveWatch.Sdk.Media;

namespace LiveWatch.Cli.Commands;

/// <summary>
/// <c>livewatch hash</c>: PDQ hashes of pictures (the shape of the reference <c>pdq-photo-hasher</c>:
/// <c>hash,quality,file</c>) or vPDQ lines of a video.
/// </summary>
internal static class HashCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Pictures (JPEG, PNG, PNM, ... decoded by ffmpeg) or, with --video, videos.",
            Arity = ArgumentArity.OneOrMore,
        };
        // System.CommandLine hands an unknown "--flag" to a variadic argument; a file is rarely named like that.
        files.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (value.StartsWith('-') && !File.Exists(value))
                {
                    result.AddError($"unknown option '{value}'.");
                }
            }
        });
        var dihedral = new Option<bool>("--dihedral")
        {
            Description = "Print all 8 rotations/mirrors: orig,rot90,rot180,rot270,flipx,flipy,flipplus1,flipminus1,quality,file.",
        };
        var cli512 = new Option<bool>("--cli512")
        {
            Description = "Resize pictures larger than 512x512 to 512x512 first, as the reference pdq-photo-hasher does (default: full resolution, as HMA and vPDQ).",
        };
        var video = new Option<bool>("--video")
        {
            Description = "Treat the files as videos and print vPDQ lines: frame,quality,hash,timestamp.",
        };
        var secondsPerHash = new Option<double>("--seconds-per-hash")
        {
            Description = "With --video: hash one frame every this many seconds (0 = every frame).",
            DefaultValueFactory = _ => 1.0,
        };
        secondsPerHash.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value < 0)
            {
                result.AddError($"--seconds-per-hash must be 0 or a positive number of seconds, got {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });

        var command = new Command("hash", "Print PDQ hashes of pictures, or vPDQ hashes of videos.")
        {
            files, dihedral, cli512, video, secondsPerHash,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files) ?? [];
            var mode = parse.GetValue(cli512) ? PdqMode.Cli512 : PdqMode.Core;
            return parse.GetValue(video)
                ? HashVideosAsync(paths, parse.GetValue(secondsPerHash), cancellationToken)
                : HashPicturesAsync(paths, mode, parse.GetValue(dihedral), cancellationToken);
        });
        return command;
    }

    private static async Task<int> HashPicturesAsync(string[] paths, PdqMode mode, bool dihedral, CancellationToken cancellationToken)
    {
        var failures = 0;
        using var progress = new ProgressLine("hashing");
        for (var i = 0; i < paths.Length; i++)
        {
            progress.Report(i, paths.Length, "pictures");
            try
            {
                var picture = await FfmpegPictureDecoder.DecodeAsync(paths[i], cancellationToken).ConfigureAwait(false);
                var line = dihedral
                    ? FormatDihedral(PdqHasher.ComputeDihedral(picture.Pixels, picture.Width, picture.Height, picture.Format, mode), paths[i])
                    : FormatSingle(PdqHasher.Compute(picture.Pixels, picture.Width, picture.Height, picture.Format, mode), paths[i]);
                await Console.Out.WriteLineAsync(line).ConfigureAwait(false);
            }
            catch (MediaDecodeException e)
            {
                failures++;
                await Console.Error.WriteLineAsync($"livewatch: {e.Message}").ConfigureAwait(false);
            }
        }

        return failures == 0 ? ExitCodes.Success : ExitCodes.Error;
    }

    private static async Task<int> HashVideosAsync(string[] paths, double secondsPerHash, CancellationToken cancellationToken)
    {
        var failures = 0;
        foreach (var path in paths)
        {
            try
            {
                using var progress = new ProgressLine($"hashing {Path.GetFileName(path)}");
                var frames = await FfmpegVideoHasher.HashAsync(
                    path,
                    secondsPerHash,
                    new SynchronousProgress<VideoHashProgress>(p => progress.Report(p.FramesDecoded, p.TotalFramesEstimate, "frames")),
                    cancellationToken).ConfigureAwait(false);
                if (paths.Length > 1)
                {
                    await Console.Out.WriteLineAsync($"# {path}").ConfigureAwait(false);
                }

                HashListWriter.WriteVpdq(Console.Out, frames);
            }
            catch (MediaDecodeException e)
            {
                failures++;
                await Console.Error.WriteLineAsync($"livewatch: {e.Message}").ConfigureAwait(false);
            }
        }

        return failures == 0 ? ExitCodes.Success : ExitCodes.Error;
    }

    private static string FormatSingle(PdqHash result, string path) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.Hash},{result.Quality},{path}");

    private static string FormatDihedral(PdqDihedralHashes result, string path) =>
        string.Join(',', Enumerable.Range(0, 8).Select(v => result[(Dihedral)v].ToString()))
        + string.Create(CultureInfo.InvariantCulture, $",{result.Quality},{path}");
}
