using LiveWatch.Grains.Evidence;
using LiveWatch.Storage.Secrets;

namespace LiveWatch.Grains.Tests.Evidence;

/// <summary>The store derives the webhook secrets' key from the evidence key: both must name the same setting.</summary>
public sealed class WebhookSecretKeyTests
{
    [Fact]
    public void The_webhook_secret_key_is_derived_from_the_setting_the_evidence_key_is_read_from()
    {
        Assert.Equal($"{EvidenceOptions.SectionName}:Key", WebhookSecretProtector.KeySetting);
    }
}
