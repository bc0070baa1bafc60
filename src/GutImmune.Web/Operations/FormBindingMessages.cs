using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace GutImmune.Web.Operations;

/// <summary>
/// What a form field says when what was sent cannot be read as its type (an emptied number box, a box sent with a value
/// it never sends): the site's own sentence instead of the framework's "The value '' is invalid." or "The value 'x' is
/// not valid for FocalX.". A field with a range says its range's message (what to enter); others say what kind of value
/// they take. Set once for every form (<see cref="Use"/>).
/// </summary>
public sealed class FormBindingMessages : IBindingMetadataProvider
{
    public const string Checkbox = "This box was sent with a value it does not have: tick it or leave it empty, then send the form again.";
    public const string WholeNumber = "Enter a whole number in digits, e.g. 12.";
    public const string Number = "Enter a number in digits, e.g. 12.5.";
    public const string Date = "Enter a date (and time) as the field shows it.";
    public const string Choice = "Choose one of the options the form offers.";
    public const string Other = "This value cannot be read: check it, then send the form again.";

    public static void Use(MvcOptions options)
    {
        SetAll(options.ModelBindingMessageProvider, Other);
        options.ModelMetadataDetailsProviders.Add(new FormBindingMessages());
    }

    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        // Each property's and parameter's messages are its own copy of the ones set on the options (MVC makes it so).
        if (context.Key.MetadataKind is not (ModelMetadataKind.Property or ModelMetadataKind.Parameter)
            || context.BindingMetadata.ModelBindingMessageProvider is not { } messages)
            return;
        var type = Nullable.GetUnderlyingType(context.Key.ModelType) ?? context.Key.ModelType;
        var range = context.Attributes.OfType<RangeAttribute>().FirstOrDefault(r => r.ErrorMessage is not null);
        var name = context.Attributes.OfType<DisplayAttribute>().FirstOrDefault()?.GetName() ?? context.Key.Name ?? "";
        SetAll(messages, range?.FormatErrorMessage(name) ?? MessageFor(type));
    }

    private static string MessageFor(Type type) =>
        type == typeof(bool) ? Checkbox
        : type.IsEnum ? Choice
        : type == typeof(int) || type == typeof(long) || type == typeof(short) ? WholeNumber
        : type == typeof(decimal) || type == typeof(double) || type == typeof(float) ? Number
        : type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(TimeOnly) ? Date
        : Other;

    private static void SetAll(DefaultModelBindingMessageProvider messages, string message)
    {
        messages.SetValueMustNotBeNullAccessor(_ => message);
        messages.SetAttemptedValueIsInvalidAccessor((_, _) => message);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => message);
        messages.SetUnknownValueIsInvalidAccessor(_ => message);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => message);
        messages.SetValueIsInvalidAccessor(_ => message);
        messages.SetValueMustBeANumberAccessor(_ => message);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => message);
    }
}
