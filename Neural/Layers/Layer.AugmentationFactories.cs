namespace MLExt.Neural;

public abstract partial class Layer
{
    /// <summary>Training-only random mirroring of images (identity at inference).</summary>
    public static Layer RandomFlip(bool horizontal = true, bool vertical = false) => new RandomFlip(horizontal, vertical);

    /// <summary>Training-only random shift of images by up to <paramref name="maxShift"/> pixels each way, zero fill (identity at inference).</summary>
    public static Layer RandomTranslation(Size2D maxShift) => new RandomTranslation(maxShift);

    /// <summary>
    /// Training-only random crop with padding: pad each image by <paramref name="padding"/> pixels of zeros and crop
    /// back to its size at a random offset — the same as a random translation of up to ±padding (identity at inference).
    /// </summary>
    public static Layer RandomCrop(int padding) => new RandomTranslation(padding);

    /// <summary>Training-only random rotation of images by up to ±<paramref name="maxDegrees"/> (identity at inference).</summary>
    public static Layer RandomRotation(float maxDegrees) => new RandomRotation(maxDegrees);

    /// <summary>Training-only random scaling of images by a factor in [<paramref name="minScale"/>, <paramref name="maxScale"/>] (identity at inference).</summary>
    public static Layer RandomZoom(float minScale = 0.9f, float maxScale = 1.1f) => new RandomZoom(minScale, maxScale);

    /// <summary>Training-only additive Gaussian noise of standard deviation <paramref name="standardDeviation"/> (identity at inference).</summary>
    public static Layer GaussianNoise(float standardDeviation) => new GaussianNoise(standardDeviation);

    /// <summary>Training-only random brightness shift of up to ±<paramref name="maxDelta"/> per sample (identity at inference).</summary>
    public static Layer RandomBrightness(float maxDelta) => new RandomBrightness(maxDelta);

    /// <summary>Training-only random contrast factor in [<paramref name="lower"/>, <paramref name="upper"/>] per image (identity at inference).</summary>
    public static Layer RandomContrast(float lower = 0.8f, float upper = 1.2f) => new RandomContrast(lower, upper);
}
