using MLExt.Neural;

namespace MLExt.Cli.Images;

/// <summary>The hidden layers of each <see cref="ImageNetworkKind"/>; the trainer adds the flatten and output layers.</summary>
internal static class ImageNetworks
{
    /// <summary>Hidden layers for images of any size (at least 4×4 for the pooling networks).</summary>
    public static List<Layer> Create(ImageNetworkKind kind) => kind switch
    {
        ImageNetworkKind.Mlp => [Layer.Dense(256, Activation.Relu), Layer.Dropout(0.2f), Layer.Dense(128, Activation.Relu)],
        ImageNetworkKind.Cnn => Convolutional(Layer.Conv2D(64, 5, padding: Padding.Same, activation: Activation.Relu)),
        ImageNetworkKind.Separable => Convolutional(Layer.SeparableConv2D(64, 5, padding: Padding.Same, activation: Activation.Relu)),
        _ =>
        [
            new Conv2D(16, 3, padding: Padding.Same, useBias: false), Layer.BatchNormalization(), Layer.Activate(Activation.Relu),
            Layer.ResidualBlock(16), Layer.ResidualBlock(32, stride: 2), Layer.ResidualBlock(64, stride: 2), Layer.GlobalAveragePool2D(),
        ],
    };

    /// <summary>How the network is printed.</summary>
    public static string Describe(ImageNetworkKind kind) => kind switch
    {
        ImageNetworkKind.Mlp => "MLP dense 256 (dropout 0.2) – dense 128",
        ImageNetworkKind.Cnn => "CNN conv 5×5×32 – pool – conv 5×5×64 – pool – dense 128",
        ImageNetworkKind.Separable => "separable CNN conv 5×5×32 – pool – separable conv 5×5×64 – pool – dense 128",
        _ => "ResNet conv 3×3×16 – residual 16 – residual 32/2 – residual 64/2 – global average pool",
    };

    private static List<Layer> Convolutional(Layer second) =>
    [
        Layer.Conv2D(32, 5, padding: Padding.Same, activation: Activation.Relu), Layer.MaxPool2D(2),
        second, Layer.MaxPool2D(2),
        Layer.Dense(128, Activation.Relu),
    ];
}
