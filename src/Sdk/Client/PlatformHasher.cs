using LiveWatch.Hashing.Pdq;
using LiveWatch.Sdk.Client.Models;
using LiveWatch.Sdk.Media;

namespace LiveWatch.Sdk.Client;

/// <summary>
/// Hash-only mode: the platform decodes and hashes its pictures itself, so only PDQ hashes leave it. Decoding runs in
/// an ffmpeg child process (<see cref="FfmpegPictureDecoder"/>), as LiveWatch's own tools do, so a hostile file cannot
/// reach the platform's process.
/// </summary>
public static class PlatformHasher
{
    /// <summary>The PDQ hash and quality of a picture file, ready to push as frame <paramref name="sequence"/>.</summary>
    /// <exception cref="MediaDecodeException">The file is missing, not a picture, or ffmpeg failed.</exception>
    public static async Task<PushedHash> HashPictureAsync(string path, long sequence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var picture = await FfmpegPictureDecoder.DecodeAsync(path, cancellationToken).ConfigureAwait(false);
        var pdq = PdqHasher.Compute(picture.Pixels, picture.Width, picture.Height, picture.Format);
        return new PushedHash(sequence, pdq.Hash, pdq.Quality);
    }
}
