namespace LiveWatch.Silo.Api;

/// <summary>Limits and bootstrap of the REST API (section <c>LiveWatch:Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "LiveWatch:Api";

    /// <summary>Largest encoded picture (PNG/JPEG) or raw frame body accepted, in bytes.</summary>
    public int MaxFrameBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest bank import body accepted, in bytes (a million PDQ hashes as plain text are about 65 MB).</summary>
    public long MaxImportBytes { get; set; } = 1L << 30;

    /// <summary>Largest side of a pushed picture; larger ones are refused before they are decoded.</summary>
    public int MaxPictureSide { get; set; } = 4096;

    /// <summary>Frame and hash pushes a tenant may make per second, sustained (token bucket refill).</summary>
    public int PushesPerSecondPerTenant { get; set; } = 200;

    /// <summary>Pushes a tenant may make in a burst above the sustained rate.</summary>
    public int PushBurstPerTenant { get; set; } = 400;

    /// <summary>
    /// On a node with no operator key yet, create one at start and write it (owner-only) to
    /// <see cref="AdminKeyFileName"/> in the data directory, so the first operator can create tenants.
    /// </summary>
    public bool CreateAdminKeyOnFirstStart { get; set; } = true;

    /// <summary>File (in the data directory) the first operator key is written to.</summary>
    public string AdminKeyFileName { get; set; } = "admin-api-key";

    /// <summary>What is wrong with the values, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxFrameBodyBytes is < 4096 or > 256 * 1024 * 1024)
        {
            errors.Add($"{SectionName}:MaxFrameBodyBytes must be 4096..268435456, got {MaxFrameBodyBytes}.");
        }

        if (MaxImportBytes is < 4096 or > 16L << 30)
        {
            errors.Add($"{SectionName}:MaxImportBytes must be 4096..17179869184, got {MaxImportBytes}.");
        }

        if (MaxPictureSide is < 64 or > 16_384)
        {
            errors.Add($"{SectionName}:MaxPictureSide must be 64..16384, got {MaxPictureSide}.");
        }

        if (PushesPerSecondPerTenant < 1)
        {
            errors.Add($"{SectionName}:PushesPerSecondPerTenant must be at least 1, got {PushesPerSecondPerTenant}.");
        }

        if (PushBurstPerTenant < 1)
        {
            errors.Add($"{SectionName}:PushBurstPerTenant must be at least 1, got {PushBurstPerTenant}.");
        }

        if (string.IsNullOrWhiteSpace(AdminKeyFileName) || AdminKeyFileName.IndexOfAny(['/', '\\']) >= 0)
        {
            errors.Add($"{SectionName}:AdminKeyFileName must be a plain file name, got '{AdminKeyFileName}'.");
        }

        return errors;
    }
}
