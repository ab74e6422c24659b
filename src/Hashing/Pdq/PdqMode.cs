namespace LiveWatch.Hashing.Pdq;

/// <summary>How the picture is prepared before the PDQ core runs.</summary>
public enum PdqMode
{
    /// <summary>
    /// Hash the full-resolution pixels. This is what the Java reference, python-threatexchange, HMA and vPDQ do, so
    /// it is what hash lists from those sources were made with.
    /// </summary>
    Core,

    /// <summary>
    /// Compatibility with the reference command-line tool <c>pdq-photo-hasher</c>: pictures wider or taller than 512
    /// pixels are first resized to exactly 512x512 by nearest neighbour (aspect ratio not kept), then hashed by the core.
    /// </summary>
    Cli512,
}
