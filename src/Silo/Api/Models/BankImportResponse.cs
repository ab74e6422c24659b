namespace LiveWatch.Silo.Api.Models;

/// <summary>What an import added; <see cref="ChangeSequence"/> is the store sequence replicas apply it at.</summary>
public sealed record BankImportResponse(int Imported, long? FirstEntryId, long? LastEntryId, long ChangeSequence);
