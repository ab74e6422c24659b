using LiveWatch.Contracts.Feed;
using LiveWatch.Contracts.Incidents;
using LiveWatch.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace LiveWatch.Storage.Stores;

/// <summary>
/// The rules of moderators' decisions and what each one writes: the incident, its audit entry, a feed event and the
/// webhook messages, all in the caller's transaction. Used by <see cref="IncidentStore.DecideAsync"/>.
/// </summary>
internal sealed class IncidentDecisions
{
    /// <summary>Name of the negative bank created for a tenant that has none when a dismissal asks for one.</summary>
    public const string NegativeBankName = "dismissed-false-positives";

    public const int MaxReasonLength = 2000;

    private const int EntityNamesLength = 200;

    private readonly LiveWatchDbContext _db;
    private readonly TimeProvider _time;

    public IncidentDecisions(LiveWatchDbContext db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    public static void Validate(IncidentDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Guard.TenantId(decision.TenantId);
        if (decision.Actor is null)
        {
            throw new ArgumentException("actor: a decision names who decides.", nameof(decision));
        }

        Guard.Text(decision.Actor.Id, EntityNamesLength, "actor.id");
        Guard.Text(decision.Actor.DisplayName, EntityNamesLength, "actor.displayName");
        Guard.Text(decision.Actor.Role, 50, "actor.role");
        if (!Enum.IsDefined(decision.Kind))
        {
            throw new ArgumentException($"decision: '{decision.Kind}' is not one of {string.Join(", ", Enum.GetNames<IncidentDecisionKind>())}.", nameof(decision));
        }

        Guard.OptionalText(decision.Reason, MaxReasonLength, "reason");
        Guard.OptionalText(decision.Assignee, Incident.MaxAssigneeLength, "assignee");
        if (decision.Kind == IncidentDecisionKind.Dismiss && string.IsNullOrWhiteSpace(decision.Reason))
        {
            throw new ArgumentException("reason: dismissing an incident as a false positive needs a reason.", nameof(decision));
        }

        if (decision.AddToNegativeBank && decision.Kind != IncidentDecisionKind.Dismiss)
        {
            throw new ArgumentException("addToNegativeBank: only a dismissal adds hashes to the negative bank.", nameof(decision));
        }

        if (decision.Kind == IncidentDecisionKind.RequestStreamAction && (decision.StreamAction is not { } action || !Enum.IsDefined(action)))
        {
            throw new ArgumentException($"action: a stream action is one of {string.Join(", ", Enum.GetNames<StreamActionKind>())}.", nameof(decision));
        }

        if (decision.ExpectedVersion is < 1)
        {
            throw new ArgumentException($"expectedVersion: versions start at 1, got {decision.ExpectedVersion}.", nameof(decision));
        }
    }

    public async Task<IncidentDecisionOutcome> ApplyAsync(Incident incident, IncidentDecision decision, CancellationToken ct)
    {
        var id = incident.Id;
        if (incident.State == IncidentState.Closed)
        {
            throw new EntityConflictException($"Incident {id} is closed; a closed incident takes no more decisions.");
        }

        // A decision already in place (a retried call, or a second click) changes nothing and is not refused.
        if (AlreadyInPlace(incident, decision))
        {
            return new IncidentDecisionOutcome(incident, false, null, 0);
        }

        if (decision.ExpectedVersion is { } expected && expected != incident.Version)
        {
            throw new ConcurrencyConflictException(
                $"Incident {id} changed since version {expected}: {WhatHappened(incident)} (now version {incident.Version}). Reload it and decide again.")
            {
                ExpectedVersion = expected,
                CurrentVersion = incident.Version,
            };
        }

        var now = _time.UtcNow();
        var previous = incident.State;
        var target = decision.Kind switch
        {
            IncidentDecisionKind.Confirm => IncidentState.Confirmed,
            IncidentDecisionKind.Dismiss => IncidentState.Dismissed,
            IncidentDecisionKind.Escalate => IncidentState.Escalated,
            _ => incident.State,
        };
        CheckTransition(incident, decision);
        switch (decision.Kind)
        {
            case IncidentDecisionKind.Assign:
                incident.AssignedTo = decision.Assignee;
                break;
            case IncidentDecisionKind.RequestStreamAction:
                incident.StreamAction = decision.StreamAction!.Value.ToString();
                incident.StreamActionAt = now;
                incident.DecidedBy = decision.Actor.Id;
                incident.DecidedByName = decision.Actor.DisplayName;
                incident.DecidedAt = now;
                break;
            default:
                incident.State = target;
                incident.DecidedBy = decision.Actor.Id;
                incident.DecidedByName = decision.Actor.DisplayName;
                incident.DecidedAt = now;
                break;
        }

        incident.UpdatedAt = now;
        incident.Version++;
        var verb = Verb(decision);
        var feedPayload = new { decision = verb, state = incident.State, previous, assignedTo = incident.AssignedTo, streamAction = incident.StreamAction, by = decision.Actor.Id };
        FeedStore.Stage(_db, incident.TenantId, FeedEventKind.IncidentUpdated, now, feedPayload, id, incident.StreamId);
        await _db.SaveChangesAsync(ct).ConfigureAwait(false);

        long? bankId = null;
        var added = 0;
        if (decision.AddToNegativeBank)
        {
            (bankId, added) = await AddToNegativeBankAsync(incident, decision, ct).ConfigureAwait(false);
        }

        var actor = new { id = decision.Actor.Id, displayName = decision.Actor.DisplayName, role = decision.Actor.Role };
        var audit = new AuditLog(_db, _time);
        await audit.AppendAsync(incident.TenantId, decision.Actor.Id, AuditAction(decision), "incident", id.ToString(), new
        {
            stream = incident.StreamId,
            actor,
            from = previous.ToString(),
            to = incident.State.ToString(),
            reason = decision.Reason,
            assignedTo = decision.Kind == IncidentDecisionKind.Assign ? decision.Assignee : null,
            streamAction = decision.Kind == IncidentDecisionKind.RequestStreamAction ? incident.StreamAction : null,
            negativeBankId = bankId,
            hashesAddedToNegativeBank = decision.AddToNegativeBank ? added : (int?)null,
            version = incident.Version,
        }, ct).ConfigureAwait(false);

        if (decision.Kind == IncidentDecisionKind.RequestStreamAction)
        {
            await OutboxStore.StageEventAsync(_db, _time, incident.TenantId, WebhookEventTypes.StreamAction, incident.StreamId,
                $"{WebhookEventTypes.StreamAction}:{id:N}:v{incident.Version}",
                new { streamId = incident.StreamId, incidentId = id, action = incident.StreamAction, reason = decision.Reason, requestedBy = actor, requestedAt = now, level = incident.Level },
                ct).ConfigureAwait(false);
        }
        else
        {
            await OutboxStore.StageEventAsync(_db, _time, incident.TenantId, WebhookEventTypes.IncidentDecided, incident.StreamId,
                $"{WebhookEventTypes.IncidentDecided}:{id:N}:v{incident.Version}",
                new
                {
                    decision = verb,
                    incident = IncidentStore.WebhookData(incident),
                    previousState = previous,
                    reason = decision.Reason,
                    decidedBy = actor,
                    decidedAt = now,
                    addedToNegativeBank = decision.AddToNegativeBank ? added : (int?)null,
                },
                ct).ConfigureAwait(false);
        }

        return new IncidentDecisionOutcome(incident, true, bankId, added);
    }

    private static bool AlreadyInPlace(Incident incident, IncidentDecision decision) => decision.Kind switch
    {
        IncidentDecisionKind.Assign => string.Equals(incident.AssignedTo, decision.Assignee, StringComparison.Ordinal),
        IncidentDecisionKind.RequestStreamAction => string.Equals(incident.StreamAction, decision.StreamAction?.ToString(), StringComparison.Ordinal),
        IncidentDecisionKind.Confirm => incident.State == IncidentState.Confirmed && incident.DecidedBy == decision.Actor.Id,
        IncidentDecisionKind.Dismiss => incident.State == IncidentState.Dismissed && incident.DecidedBy == decision.Actor.Id,
        IncidentDecisionKind.Escalate => incident.State == IncidentState.Escalated && incident.DecidedBy == decision.Actor.Id,
        _ => false,
    };

    private static void CheckTransition(Incident incident, IncidentDecision decision)
    {
        var allowed = decision.Kind switch
        {
            IncidentDecisionKind.Assign => true,
            IncidentDecisionKind.Confirm or IncidentDecisionKind.Dismiss => incident.State is IncidentState.Open or IncidentState.Escalated,
            IncidentDecisionKind.Escalate => incident.State == IncidentState.Open,
            IncidentDecisionKind.RequestStreamAction => incident.State is not IncidentState.Dismissed,
            _ => false,
        };
        if (!allowed)
        {
            var what = decision.Kind switch
            {
                IncidentDecisionKind.Confirm => $"Incident {incident.Id} cannot be confirmed",
                IncidentDecisionKind.Dismiss => $"Incident {incident.Id} cannot be dismissed",
                IncidentDecisionKind.Escalate => $"Incident {incident.Id} cannot be escalated",
                _ => $"No stream action can be asked on incident {incident.Id}",
            };
            throw new EntityConflictException($"{what}: {WhatHappened(incident)}.");
        }
    }

    // What a moderator whose decision was refused needs to know: the state, who decided and when.
    private static string WhatHappened(Incident incident)
    {
        var who = incident.DecidedByName is { } name ? $" by {name} ({incident.DecidedBy})" : string.Empty;
        var when = incident.DecidedAt is { } at ? $" at {at:O}" : string.Empty;
        var assigned = incident.AssignedTo is { } assignee ? $", assigned to {assignee}" : string.Empty;
        return incident.State switch
        {
            IncidentState.Open when incident.DecidedAt is null => $"it is still open{assigned}, with {incident.MatchCount} matches (updated at {incident.UpdatedAt:O})",
            IncidentState.Open => $"it is open{assigned}; the last decision{who}{when} asked the platform to {incident.StreamAction?.ToLowerInvariant() ?? "act on"} the stream",
            var state => $"it was {state.ToString().ToLowerInvariant()}{who}{when}{assigned}",
        };
    }

    private static string Verb(IncidentDecision decision) => decision.Kind switch
    {
        IncidentDecisionKind.Assign => decision.Assignee is null ? "unassign" : "assign",
        IncidentDecisionKind.Confirm => "confirm",
        IncidentDecisionKind.Dismiss => "dismiss",
        IncidentDecisionKind.Escalate => "escalate",
        IncidentDecisionKind.RequestStreamAction => "stream_action",
        _ => decision.Kind.ToString(),
    };

    private static string AuditAction(IncidentDecision decision) => decision.Kind switch
    {
        IncidentDecisionKind.Assign => decision.Assignee is null ? "incident.unassigned" : "incident.assigned",
        IncidentDecisionKind.Confirm => "incident.confirmed",
        IncidentDecisionKind.Dismiss => "incident.dismissed",
        IncidentDecisionKind.Escalate => "incident.escalated",
        _ => "stream.action_requested",
    };

    // The tenant's first enabled negative bank (created when it has none); the incident's matched frame hashes that
    // bank does not hold yet go in, labelled with the incident. The bank replicas pick the change up within seconds.
    private async Task<(long BankId, int Added)> AddToNegativeBankAsync(Incident incident, IncidentDecision decision, CancellationToken ct)
    {
        var banks = new BankStore(_db, _time);
        var bank = await _db.Banks.AsNoTracking()
            .Where(b => b.TenantId == incident.TenantId && b.DeletedAt == null && b.Kind == Contracts.Banks.BankKind.Negative && b.Enabled)
            .OrderBy(b => b.Id)
            .FirstOrDefaultAsync(ct).ConfigureAwait(false)
            ?? await banks.CreateBankAsync(incident.TenantId, NegativeBankName, Contracts.Banks.BankKind.Negative, cancellationToken: ct).ConfigureAwait(false);
        var hashes = await _db.IncidentMatches.AsNoTracking()
            .Where(m => m.IncidentId == incident.Id)
            .Select(m => m.FrameHash)
            .ToListAsync(ct).ConfigureAwait(false);
        var held = (await _db.BankEntries.AsNoTracking()
            .Where(e => e.BankId == bank.Id && e.RemovedAt == null)
            .Select(e => e.Hash)
            .ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
        var fresh = hashes.Distinct().Where(h => !held.Contains(h)).ToList();
        if (fresh.Count > 0)
        {
            var label = $"dismissed incident {incident.Id} by {decision.Actor.Id}";
            await banks.ImportAsync(incident.TenantId, bank.Id, fresh.Select(h => new NewBankEntry(h, null, label[..Math.Min(label.Length, BankEntry.MaxLabelLength)])).ToList(), ct)
                .ConfigureAwait(false);
        }

        return (bank.Id, fresh.Count);
    }
}
