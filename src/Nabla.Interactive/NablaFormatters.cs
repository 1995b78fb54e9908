using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;
using Nabla.Estimators;
using Nabla.Metrics;
using Nabla.Networks;
using Nabla.Tensors;
using Nabla.Training;
using ScottPlot;

namespace Nabla.Interactive;

/// <summary>
/// Registers <see cref="NablaHtml"/> with .NET Interactive, so that a cell whose value is a Nabla object shows it as
/// HTML: matrices, classifiers and regressors (and every subclass), classification and regression reports, confusion
/// matrices, training histories, network traces and chain rules, and ScottPlot plots as inline SVG.
/// </summary>
/// <remarks>
/// <c>#r "nuget: Nabla.Interactive"</c> calls <see cref="Register"/> by itself (the package's
/// <c>interactive-extensions/dotnet/extension.dib</c>); after <c>#r "path/to/Nabla.Interactive.dll"</c> call it once.
/// </remarks>
public static class NablaFormatters
{
    /// <summary>The MIME type the formatters write: <c>text/html</c>.</summary>
    public const string MimeType = "text/html";

    /// <summary>Registers the formatters with <see cref="Formatter"/>. Calling it again registers them again, which changes nothing.</summary>
    public static void Register()
    {
        RegisterGeneric(typeof(Matrix<>), nameof(NablaHtml.Matrix), value => [value, null]);
        RegisterGeneric(typeof(Classifier<,>), nameof(NablaHtml.Model), value => [value]);
        RegisterGeneric(typeof(Regressor<>), nameof(NablaHtml.Model), value => [value]);
        RegisterGeneric(typeof(ClassificationReport<>), nameof(NablaHtml.Report), value => [value]);
        RegisterGeneric(typeof(ConfusionMatrix<>), nameof(NablaHtml.ConfusionMatrix), value => [value]);
        RegisterGeneric(typeof(NetworkTrace<>), nameof(NablaHtml.Trace), value => [value]);
        Formatter.Register<RegressionReport>(NablaHtml.Report, MimeType);
        Formatter.Register<TrainingHistory>(NablaHtml.History, MimeType);
        Formatter.Register<ChainRule>(NablaHtml.ChainRule, MimeType);
        Formatter.Register<Plot>(NablaHtml.Plot, MimeType);
    }

    // A formatter for every closed form of `definition` (and its subclasses): finds the closed type among the value's base
    // types and calls the generic NablaHtml method named `method` whose first parameter is of that generic type.
    private static void RegisterGeneric(Type definition, string method, Func<object, object?[]> arguments)
    {
        var generic = typeof(NablaHtml).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == method && m.IsGenericMethodDefinition
                && m.GetParameters()[0].ParameterType.IsGenericType
                && m.GetParameters()[0].ParameterType.GetGenericTypeDefinition() == definition);
        Formatter.Register(definition, (value, context) =>
        {
            var closed = ClosedBase(value.GetType(), definition);
            if (closed is null)
            {
                return false;
            }

            string html = (string)generic.MakeGenericMethod(closed.GetGenericArguments()).Invoke(null, arguments(value))!;
            context.Writer.Write(html);
            return true;
        }, MimeType);
    }

    private static Type? ClosedBase(Type type, Type definition)
    {
        for (Type? t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == definition)
            {
                return t;
            }
        }

        return null;
    }
}
