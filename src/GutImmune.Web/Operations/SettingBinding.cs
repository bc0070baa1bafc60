namespace GutImmune.Web.Operations;

/// <summary>
/// How the site's own settings are read: a name under one of its sections that no setting has (a misspelling such as
/// ReaderCache:OutputCacheMB) refuses the start as a value out of its range does (StartRefusal), instead of being
/// ignored while the default applies.
/// </summary>
public static class SettingBinding
{
    public static void RefuseUnknownNames(BinderOptions binder) => binder.ErrorOnUnknownConfiguration = true;
}
