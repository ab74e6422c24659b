using System.Text;
using LiveWatch.Sdk.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace LiveWatch.Sdk.Tests.Webhooks;

/// <summary>LiveWatch-Signature: what verifies, and the reason for everything that does not.</summary>
public sealed class WebhookVerifierTests
{
    private const string Secret = "whsec_current";
    private static readonly DateTimeOffset SentAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"kind":"IncidentOpened","incidentId":"0b7c…","streamId":"live-42"}""");

    private readonly FakeTimeProvider _time = new(SentAt.AddSeconds(30));

    [Fact]
    public void A_signed_body_verifies()
    {
        var header = WebhookVerifier.Sign(Body, SentAt, Secret);

        var result = Verifier(Secret).Verify(header, Body);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(WebhookVerificationFailure.None, result.Failure);
        Assert.Equal(SentAt, result.Timestamp);
        Assert.Matches("^t=1772366400,v1=[0-9a-f]{64}$", header);
    }

    [Fact]
    public void A_tampered_body_has_no_matching_signature()
    {
        var header = WebhookVerifier.Sign(Body, SentAt, Secret);
        var tampered = Body.ToArray();
        tampered[^2] ^= 1;

        var result = Verifier(Secret).Verify(header, tampered);

        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, result.Failure);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void A_signature_with_another_secret_does_not_match()
    {
        var header = WebhookVerifier.Sign(Body, SentAt, "whsec_someone_else");

        var result = Verifier(Secret).Verify(header, Body);

        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, result.Failure);
        Assert.Contains("none of the 1 v1 signature(s)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_timestamp_does_not_match_because_it_is_signed()
    {
        var header = WebhookVerifier.Sign(Body, SentAt, Secret).Replace("t=1772366400", "t=1772366401", StringComparison.Ordinal);

        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, Verifier(Secret).Verify(header, Body).Failure);
    }

    [Fact]
    public void A_timestamp_older_than_the_tolerance_is_refused()
    {
        var header = WebhookVerifier.Sign(Body, SentAt, Secret);
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = Verifier(Secret).Verify(header, Body);

        Assert.Equal(WebhookVerificationFailure.TimestampOutOfTolerance, result.Failure);
        Assert.StartsWith("timestamp too old", result.Reason, StringComparison.Ordinal);
        Assert.Equal(SentAt, result.Timestamp);
    }

    [Fact]
    public void A_timestamp_far_in_the_future_is_refused()
    {
        var header = WebhookVerifier.Sign(Body, _time.GetUtcNow().AddMinutes(6), Secret);

        var result = Verifier(Secret).Verify(header, Body);

        Assert.Equal(WebhookVerificationFailure.TimestampOutOfTolerance, result.Failure);
        Assert.StartsWith("timestamp in the future", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tolerance_is_configurable()
    {
        var header = WebhookVerifier.Sign(Body, SentAt, Secret);
        var strict = new WebhookVerifier([Secret], TimeSpan.FromSeconds(10), _time);

        Assert.Equal(WebhookVerificationFailure.TimestampOutOfTolerance, strict.Verify(header, Body).Failure);
    }

    [Fact]
    public void During_a_rotation_either_secret_verifies_a_header_signed_with_both()
    {
        var header = WebhookVerifier.Sign(Body, SentAt, "whsec_old", "whsec_new");

        Assert.Equal(2, header.Split(",v1=").Length - 1);
        Assert.True(Verifier("whsec_old").Verify(header, Body).IsValid);
        Assert.True(Verifier("whsec_new").Verify(header, Body).IsValid);
        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, Verifier("whsec_other").Verify(header, Body).Failure);
    }

    [Fact]
    public void A_receiver_may_accept_several_secrets_of_its_own()
    {
        var header = WebhookVerifier.Sign(Body, SentAt, "whsec_new");
        var receiver = new WebhookVerifier(["whsec_old", "whsec_new"], WebhookVerifier.DefaultTolerance, _time);

        Assert.True(receiver.Verify(header, Body).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_header_is_refused(string? header)
    {
        var result = Verifier(Secret).Verify(header, Body);

        Assert.Equal(WebhookVerificationFailure.MissingHeader, result.Failure);
        Assert.Equal("no LiveWatch-Signature header", result.Reason);
    }

    [Theory]
    [InlineData("v1=00", "is not 64 hex digits")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000", "is not a unix time")]
    [InlineData("t=1772366400", "no v1= signature")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000", "no t= timestamp")]
    [InlineData("t=1772366400,t=1772366400,v1=0000000000000000000000000000000000000000000000000000000000000000", "more than one t=")]
    [InlineData("t=1772366400,garbage", "is not key=value")]
    [InlineData("t=1772366400,v1=zz00000000000000000000000000000000000000000000000000000000000000", "is not 64 hex digits")]
    public void A_malformed_header_is_refused_with_what_is_wrong(string header, string reason)
    {
        var result = Verifier(Secret).Verify(header, Body);

        Assert.Equal(WebhookVerificationFailure.MalformedHeader, result.Failure);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_signature_versions_are_ignored()
    {
        var header = WebhookVerifier.Sign(Body, SentAt, Secret) + ",v2=anything";

        Assert.True(Verifier(Secret).Verify(header, Body).IsValid);
    }

    private WebhookVerifier Verifier(string secret) => new([secret], WebhookVerifier.DefaultTolerance, _time);
}
