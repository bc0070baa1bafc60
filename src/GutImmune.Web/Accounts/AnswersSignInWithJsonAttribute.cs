namespace GutImmune.Web.Accounts;

/// <summary>
/// Marks an endpoint that pages call from script (autosave): when the sign-in has expired it answers 401 with JSON
/// saying so, instead of redirecting to the sign-in page, so the page can keep what was typed and ask to sign in again.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class AnswersSignInWithJsonAttribute : Attribute
{
    public const string Message = "Your sign-in expired - sign in in a new tab, then continue.";
}
