using System.Collections.Concurrent;
using LiveWatch.Dashboard.Hosting;
using Microsoft.Extensions.Options;

namespace LiveWatch.Dashboard.Evidence;

/// <summary>
/// Which evidence frame each user has revealed, until when. One frame at a time: revealing another replaces the
/// grant. The frame itself is served only while its grant lasts (<see cref="DashboardOptions.RevealDuration"/>).
/// </summary>
public sealed class RevealGrants
{
    private readonly ConcurrentDictionary<string, (Guid EvidenceId, DateTimeOffset Until)> _grants = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IOptions<DashboardOptions> _options;

    public RevealGrants(TimeProvider time, IOptions<DashboardOptions> options)
    {
        _time = time;
        _options = options;
    }

    /// <summary>Grants <paramref name="userId"/> a look at <paramref name="evidenceId"/>; returns when it ends.</summary>
    public DateTimeOffset Grant(string userId, Guid evidenceId)
    {
        var until = _time.GetUtcNow() + _options.Value.RevealDuration;
        _grants[userId] = (evidenceId, until);
        return until;
    }

    /// <summary>Whether <paramref name="userId"/> may see <paramref name="evidenceId"/> now.</summary>
    public bool IsGranted(string userId, Guid evidenceId) =>
        _grants.TryGetValue(userId, out var grant) && grant.EvidenceId == evidenceId && grant.Until > _time.GetUtcNow();

    /// <summary>Ends the user's grant (re-blur).</summary>
    public void Revoke(string userId) => _grants.TryRemove(userId, out _);
}
