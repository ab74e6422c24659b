using Orleans;
using Orleans.Runtime;

namespace LiveWatch.Storage.GrainState;

/// <summary>Checks a provider's settings when the silo starts.</summary>
internal sealed class SqliteGrainStorageOptionsValidator : IConfigurationValidator
{
    private readonly SqliteGrainStorageOptions _options;
    private readonly string _name;

    public SqliteGrainStorageOptionsValidator(SqliteGrainStorageOptions options, string name)
    {
        _options = options;
        _name = name;
    }

    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            if (string.IsNullOrWhiteSpace(_options.DataDirectory))
            {
                throw Invalid("DataDirectory is empty; set the directory of the grain state file (default './data').");
            }

            if (string.IsNullOrWhiteSpace(_options.FileName) || _options.FileName.IndexOfAny(['/', '\\']) >= 0)
            {
                throw Invalid($"FileName '{_options.FileName}' must be a plain file name (put the directory in DataDirectory).");
            }
        }

        if (_options.BusyTimeout < TimeSpan.Zero || _options.BusyTimeout > TimeSpan.FromHours(1))
        {
            throw Invalid($"BusyTimeout {_options.BusyTimeout} is outside 0..1 hour.");
        }

        if (_options.GrainStorageSerializer is null)
        {
            throw Invalid("GrainStorageSerializer is not set.");
        }
    }

    private OrleansConfigurationException Invalid(string problem) =>
        new($"SQLite grain storage '{_name}': {problem}");
}
