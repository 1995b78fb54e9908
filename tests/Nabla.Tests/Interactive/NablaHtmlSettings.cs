namespace Nabla.Tests.Interactive;

/// <summary>The tests that read or change NablaHtml's shared settings and .NET Interactive's formatter registry run one at a time.</summary>
[CollectionDefinition(nameof(NablaHtmlSettings), DisableParallelization = true)]
public class NablaHtmlSettings;
