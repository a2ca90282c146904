namespace MLExt.Cli.Images;

/// <summary>The networks <c>mlext images --network</c> offers.</summary>
internal enum ImageNetworkKind
{
    /// <summary>Dense 256 (ReLU, dropout 0.2) then dense 128 on the flattened pixels.</summary>
    Mlp,
    /// <summary>conv 5×5×32 – max pool – conv 5×5×64 – max pool – dense 128.</summary>
    Cnn,
    /// <summary>A small ResNet: conv 3×3×16 with batch norm, residual blocks of 16, 32 (stride 2) and 64 (stride 2) filters, global average pooling.</summary>
    Resnet,
    /// <summary>The CNN with its second convolution depthwise-separable.</summary>
    Separable,
}
