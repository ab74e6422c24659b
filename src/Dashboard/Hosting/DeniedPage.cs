using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace LiveWatch.Dashboard.Hosting;

/// <summary>A logged-in user without the role a page needs gets a 403 with a short page, not a redirect.</summary>
internal static class DeniedPage
{
    public static async Task WriteAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status403Forbidden;
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed - LiveWatch</title>" +
            "<link rel=\"stylesheet\" href=\"/dashboard/assets/site.css\"></head><body><main class=\"narrow\">" +
            "<h1>Not allowed</h1><p>Your role does not include this page. Ask an Admin of your tenant if you need it.</p>" +
            "<p><a href=\"/dashboard\">Back to the queue</a></p></main></body></html>").ConfigureAwait(false);
    }
}
