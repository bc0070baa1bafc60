namespace GutImmune.Web.Reading;

/// <summary>
/// Marks what answers for one article at its <c>slug</c> route value (the article's reader pages, its content API
/// documents): spelt with capitals, or at a former slug so spelt, it is sent with one 301 to the article's current
/// lower-case address (<see cref="CanonicalRedirect"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ArticleAddressAttribute : Attribute;
