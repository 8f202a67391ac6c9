using NeuralOdeGen.Examples.Cli;

namespace NeuralOdeGen.Examples.Tests.Cli;

public sealed class ValueParsingTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void NonEmptyPath_EmptyOrBlank_ThrowsAUsageErrorNamingTheOption(string? value)
    {
        UsageException exception = Assert.Throws<UsageException>(() => ValueParsing.NonEmptyPath(value, "--checkpoint"));

        Assert.StartsWith("--checkpoint needs a path", exception.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void NonEmptyPath_AnyOtherText_IsReturnedUnchanged() =>
        Assert.Equal("out/run 1", ValueParsing.NonEmptyPath("out/run 1", "--out"));

    [Fact]
    public void SampleCount_MoreThanFit_ThrowsAUsageErrorNamingTheOptionAndTheLimit()
    {
        int fits = Dataset.MaxSampleCount(stateCount: 2, observationCount: 20);

        UsageException exception = Assert.Throws<UsageException>(() => ValueParsing.SampleCount(fits + 1, 2, 20, "--samples"));

        Assert.Contains($"--samples {fits + 1}", exception.Message, System.StringComparison.Ordinal);
        Assert.Contains($"at most {fits}", exception.Message, System.StringComparison.Ordinal);
        Assert.Equal(32, ValueParsing.SampleCount(32, 2, 20, "--samples"));
    }

    [Fact]
    public void CleanMessage_ArgumentExceptionInTheChain_DropsTheParameterSuffixAndActualValueLine()
    {
        var inner = new System.ArgumentOutOfRangeException("sampleCount", 7, "sampleCount = 7 is too large.");
        var outer = new System.IO.InvalidDataException("cannot resume: " + inner.Message, inner);

        Assert.Equal("sampleCount = 7 is too large.", NeuralOdeCli.CleanMessage(inner));
        Assert.Equal("cannot resume: sampleCount = 7 is too large.", NeuralOdeCli.CleanMessage(outer));
    }
}
