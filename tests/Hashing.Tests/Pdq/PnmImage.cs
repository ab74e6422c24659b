using System.Text;
using LiveWatch.Hashing.Pdq;

namespace LiveWatch.Hashing.Tests.Pdq;

/// <summary>Reads the binary PNM fixtures (P5 grey, P6 RGB, maxval 255): the decoder-independent PDQ vectors.</summary>
internal sealed record PnmImage(int Width, int Height, PixelFormat Format, byte[] Pixels)
{
    public static PnmImage Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 0;
        var magic = NextToken(bytes, ref position);
        var width = int.Parse(NextToken(bytes, ref position), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(NextToken(bytes, ref position), System.Globalization.CultureInfo.InvariantCulture);
        var maxValue = NextToken(bytes, ref position);
        if (maxValue != "255")
        {
            throw new InvalidDataException($"{path}: only maxval 255 is supported, got {maxValue}.");
        }

        position++; // the single whitespace byte after maxval
        var format = magic switch
        {
            "P5" => PixelFormat.Gray8,
            "P6" => PixelFormat.Rgb24,
            _ => throw new InvalidDataException($"{path}: unsupported PNM type {magic}."),
        };
        var length = width * height * format.BytesPerPixel();
        return new PnmImage(width, height, format, bytes.AsSpan(position, length).ToArray());
    }

    private static string NextToken(byte[] bytes, ref int position)
    {
        while (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == '#')
        {
            if (bytes[position] == '#')
            {
                while (bytes[position] != '\n')
                {
                    position++;
                }
            }

            position++;
        }

        var start = position;
        while (!char.IsWhiteSpace((char)bytes[position]))
        {
            position++;
        }

        return Encoding.ASCII.GetString(bytes, start, position - start);
    }
}
