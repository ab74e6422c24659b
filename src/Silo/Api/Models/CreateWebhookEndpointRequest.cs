namespace LiveWatch.Silo.Api.Models;

/// <summary>A webhook endpoint to register.</summary>
/// <param name="Url">Where to POST events: https (or http), a public address unless an operator allowed the host.</param>
/// <param name="Description">What it is (at most 200 characters).</param>
public sealed record CreateWebhookEndpointRequest(string Url, string? Description = null);
