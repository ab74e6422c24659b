using LiveWatch.Storage.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LiveWatch.Dashboard.Pages;

/// <summary>Email and password; locks the account after too many wrong passwords (<c>LiveWatch:Dashboard:MaxFailedLogins</c>).</summary>
public sealed class LoginModel : PageModel
{
    private readonly SignInManager<DashboardUser> _signIn;

    public LoginModel(SignInManager<DashboardUser> signIn)
    {
        _signIn = signIn;
    }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Error = "Enter your email and password.";
            return Page();
        }

        var result = await _signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/dashboard");
        }

        Error = result.IsLockedOut
            ? "This account is locked after too many failed attempts. Try again later, or ask an Admin."
            : "Wrong email or password.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
