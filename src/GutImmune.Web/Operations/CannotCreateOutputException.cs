namespace GutImmune.Web.Operations;

/// <summary>
/// A file a command was told to write (`backup --to`) that cannot be made where it was asked for: a folder is there, a
/// file stands where a folder should be, or the place is not writable. <see cref="StartRefusal"/> says so in one line
/// with exit code 73 (EX_CANTCREAT).
/// </summary>
public sealed class CannotCreateOutputException(string message, Exception? innerException = null) : Exception(message, innerException);
