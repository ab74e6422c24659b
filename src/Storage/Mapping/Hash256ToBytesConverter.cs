using LiveWatch.Hashing;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LiveWatch.Storage.Mapping;

/// <summary>Stores a <see cref="Hash256"/> as its 32-byte big-endian form, the byte order ThreatExchange and HMA use.</summary>
internal sealed class Hash256ToBytesConverter : ValueConverter<Hash256, byte[]>
{
    public Hash256ToBytesConverter()
        : base(hash => hash.ToBytes(), bytes => Hash256.FromBytes(bytes))
    {
    }
}
