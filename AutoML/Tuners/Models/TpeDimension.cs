using MLExt.Neural;

namespace MLExt.AutoML;

/// <summary>
/// One parameter as TPE models it: the good density l and the bad density g over the parameter's
/// values, with kernel-level access so that several parameters can form a joint (product-kernel) density.
/// Floats are scored by density, integers by the probability of their bin, choices by probability.
/// </summary>
internal sealed class TpeDimension
{
    private readonly ParameterDescriptor _descriptor;
    private readonly ParzenEstimator? _goodNumber, _badNumber;
    private readonly CategoricalParzenEstimator? _goodChoice, _badChoice;

    public TpeDimension(ParameterDescriptor descriptor, IReadOnlyList<object> good, double[] goodWeights, IReadOnlyList<object> bad, double[] badWeights, double priorWeight)
    {
        _descriptor = descriptor;
        if (descriptor.Kind == ParameterKind.Choice)
        {
            _goodChoice = new CategoricalParzenEstimator(good.Select(ChoiceIndex).ToArray(), goodWeights, descriptor.Choices.Count, priorWeight);
            _badChoice = new CategoricalParzenEstimator(bad.Select(ChoiceIndex).ToArray(), badWeights, descriptor.Choices.Count, priorWeight);
        }
        else
        {
            _goodNumber = new ParzenEstimator(good.Select(descriptor.Encode).ToArray(), goodWeights, priorWeight);
            _badNumber = new ParzenEstimator(bad.Select(descriptor.Encode).ToArray(), badWeights, priorWeight);
        }
    }

    public ParameterDescriptor Descriptor => _descriptor;

    /// <summary>The kernel weights of l (shared by every dimension built from the same trials).</summary>
    public KernelMixture Good => _goodChoice?.Mixture ?? _goodNumber!.Mixture;

    /// <summary>The kernel weights of g.</summary>
    public KernelMixture Bad => _badChoice?.Mixture ?? _badNumber!.Mixture;

    /// <summary>A value drawn from l's kernel <paramref name="kernel"/>.</summary>
    public object SampleGood(int kernel, RandomSource random) => _goodChoice is not null
        ? _descriptor.Choices[_goodChoice.SampleKernel(kernel, random)]
        : _descriptor.Decode(_goodNumber!.SampleKernel(kernel, random));

    /// <summary>Adds the log value of each of l's kernels at <paramref name="value"/> to <paramref name="into"/>.</summary>
    public void AddGood(object value, Span<double> into) => Add(_goodNumber, _goodChoice, value, into);

    /// <summary>Adds the log value of each of g's kernels at <paramref name="value"/> to <paramref name="into"/>.</summary>
    public void AddBad(object value, Span<double> into) => Add(_badNumber, _badChoice, value, into);

    private void Add(ParzenEstimator? number, CategoricalParzenEstimator? choice, object value, Span<double> into)
    {
        if (choice is not null)
        {
            choice.AddKernelLogProbabilities(ChoiceIndex(value), into);
        }
        else if (_descriptor.Kind == ParameterKind.Int)
        {
            var (a, b) = _descriptor.UnitBin((int)value);
            number!.AddKernelLogProbabilities(a, b, into);
        }
        else
        {
            number!.AddKernelLogDensities(_descriptor.Encode(value), into);
        }
    }

    private int ChoiceIndex(object value) => _descriptor.IndexOf((string)value);
}
