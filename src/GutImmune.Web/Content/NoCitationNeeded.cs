namespace GutImmune.Web.Content;

/// <summary>
/// An editor's judgement that a claim needs no citation (a definition, a question, advice to see a doctor), and why.
/// The claim is named by its text (<see cref="ContentChecks.ClaimText"/>): when the text changes, the mark no longer
/// applies and the claim is listed again, since a changed claim deserves a fresh look.
/// </summary>
public sealed record NoCitationNeeded(string Claim, string Reason);
