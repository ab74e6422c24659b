using LiveWatch.Sdk.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveWatch.Sdk.Tests.Client;

/// <summary>Options are checked before the first call, and the client comes out of dependency injection.</summary>
public sealed class LiveWatchClientOptionsTests
{
    [Fact]
    public void AddLiveWatchClient_resolves_a_client_over_the_http_client_factory()
    {
        var services = new ServiceCollection();
        services.AddLiveWatchClient(o => (o.BaseAddress, o.ApiKey) = (new Uri("https://livewatch.example/"), "lw_abc_secret"));
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<LiveWatchClient>());
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_option_named()
    {
        var services = new ServiceCollection();
        services.AddLiveWatchClient(o => (o.BaseAddress, o.ApiKey, o.MaxRetries) = (new Uri("https://livewatch.example/"), "lw_abc_secret", -1));
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<LiveWatchClient>());
        Assert.Contains("MaxRetries must be 0..20", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "ApiKey")]
    [InlineData("lw_a b", "ApiKey")]
    public void A_missing_or_spaced_api_key_is_refused(string apiKey, string option)
    {
        using var http = new HttpClient { BaseAddress = new Uri("https://livewatch.example/") };

        var refused = Assert.Throws<ArgumentException>(() => new LiveWatchClient(http, new LiveWatchClientOptions { ApiKey = apiKey }));

        Assert.Equal(option, refused.ParamName);
    }

    [Fact]
    public void Without_any_base_address_the_client_is_refused()
    {
        using var http = new HttpClient();

        var refused = Assert.Throws<ArgumentException>(() => new LiveWatchClient(http, new LiveWatchClientOptions { ApiKey = "lw_a_b" }));

        Assert.Contains("BaseAddress", refused.Message, StringComparison.Ordinal);
    }
}
