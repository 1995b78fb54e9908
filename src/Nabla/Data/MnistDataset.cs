using System.Security.Cryptography;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// The MNIST handwritten digits from the four original IDX files: 60 000 training and 10 000 test images of 28 × 28 pixels,
/// as rows of 784 values scaled to [0, 1], with labels 0–9.
/// </summary>
public sealed class MnistDataset
{
    /// <summary>The four original file names with their SHA-256 digests (of the uncompressed files).</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte"] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        ["train-labels-idx1-ubyte"] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        ["t10k-images-idx3-ubyte"] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        ["t10k-labels-idx1-ubyte"] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    private MnistDataset(Matrix<float> trainImages, int[] trainLabels, Matrix<float> testImages, int[] testLabels)
    {
        TrainImages = trainImages;
        TrainLabels = trainLabels;
        TestImages = testImages;
        TestLabels = testLabels;
    }

    /// <summary>Pixels per image, 28 × 28.</summary>
    public const int Pixels = 784;

    /// <summary>Number of classes (digits).</summary>
    public const int Classes = 10;

    /// <summary>Training images, n × 784, pixel values / 255.</summary>
    public Matrix<float> TrainImages { get; }

    /// <summary>Training labels 0–9.</summary>
    public int[] TrainLabels { get; }

    /// <summary>Test images, n × 784, pixel values / 255.</summary>
    public Matrix<float> TestImages { get; }

    /// <summary>Test labels 0–9.</summary>
    public int[] TestLabels { get; }

    /// <summary>Loads the four files from <paramref name="directory"/>, checking headers and that images and labels agree.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is damaged or images and labels do not match.</exception>
    public static MnistDataset Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var (trainX, trainY) = LoadPair(directory, "train");
        var (testX, testY) = LoadPair(directory, "t10k");
        return new MnistDataset(trainX, trainY, testX, testY);
    }

    /// <summary>
    /// Checks the SHA-256 digest of each of the four files in <paramref name="directory"/> and returns the names of those that
    /// are missing or differ from the original (empty when all four are intact).
    /// </summary>
    public static IReadOnlyList<string> Verify(string directory)
    {
        var bad = new List<string>();
        foreach (var (name, digest) in Files)
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                bad.Add(name);
                continue;
            }

            using var stream = File.OpenRead(path);
            if (!Convert.ToHexStringLower(SHA256.HashData(stream)).Equals(digest, StringComparison.Ordinal))
            {
                bad.Add(name);
            }
        }

        return bad;
    }

    /// <summary>Reads an images file and a labels file into a matrix of scaled pixels and an array of labels.</summary>
    public static (Matrix<float> Images, int[] Labels) LoadPair(string directory, string prefix)
    {
        string imagesPath = Path.Combine(directory, $"{prefix}-images-idx3-ubyte");
        string labelsPath = Path.Combine(directory, $"{prefix}-labels-idx1-ubyte");
        var images = IdxFile.Read(imagesPath);
        var labels = IdxFile.Read(labelsPath);
        if (images.Dimensions.Count != 3)
        {
            throw new InvalidDataException($"'{imagesPath}' has {images.Dimensions.Count} dimensions; an MNIST image file has 3 (count, rows, columns).");
        }

        if (labels.Dimensions.Count != 1)
        {
            throw new InvalidDataException($"'{labelsPath}' has {labels.Dimensions.Count} dimensions; an MNIST label file has 1.");
        }

        int n = images.Dimensions[0];
        int pixels = images.Dimensions[1] * images.Dimensions[2];
        if (labels.Dimensions[0] != n)
        {
            throw new InvalidDataException($"'{imagesPath}' holds {n} images but '{labelsPath}' holds {labels.Dimensions[0]} labels; they must match.");
        }

        var x = new Matrix<float>(n, pixels);
        var data = x.AsSpan();
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = images.Values[i] / 255f;
        }

        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            int label = labels.Values[i];
            if (label >= Classes)
            {
                throw new InvalidDataException($"'{labelsPath}' has label {label} at position {i}; MNIST labels are 0–9.");
            }

            y[i] = label;
        }

        return (x, y);
    }
}
