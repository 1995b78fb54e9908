using Nabla.Tensors;

namespace Nabla.Tests.TestSupport;

/// <summary>Theory data shared by the matrix-product tests.</summary>
internal static class GemmCases
{
    /// <summary>Every kernel kind of <paramref name="kinds"/> (by name, so that the test list stays readable) with every transpose case.</summary>
    public static TheoryData<string, bool, bool> KindsAndTransposes(IEnumerable<GemmKernelKind> kinds)
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var kind in kinds)
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    data.Add(kind.ToString(), ta, tb);
                }
            }
        }

        return data;
    }
}
