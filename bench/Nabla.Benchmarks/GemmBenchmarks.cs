using System.Numerics;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Nabla.Tensors;

namespace Nabla.Benchmarks;

/// <summary>Random square operands for the product benchmarks.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class SquareOperands<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates size × size operands A and B (values in [−0.5, 0.5)) and a result C.</summary>
    public SquareOperands(int size)
    {
        var random = new Random(42);
        Size = size;
        A = new T[size * size];
        B = new T[size * size];
        C = new T[size * size];
        for (int i = 0; i < A.Length; i++)
        {
            A[i] = T.CreateTruncating(random.NextDouble() - 0.5);
            B[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }
    }

    /// <summary>Rows and columns of every operand.</summary>
    public int Size { get; }

    /// <summary>Left operand.</summary>
    public T[] A { get; }

    /// <summary>Right operand.</summary>
    public T[] B { get; }

    /// <summary>Result.</summary>
    public T[] C { get; }
}

/// <summary>Nabla's matrix product C = A·B on square float and double matrices (2·n³ flops per operation).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class GemmBenchmarks
{
    private SquareOperands<float> _float = null!;
    private SquareOperands<double> _double = null!;

    /// <summary>Rows = columns = shared dimension.</summary>
    [Params(256, 512, 1024, 2048)]
    public int Size { get; set; }

    /// <summary>Allocates the operands.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _float = new SquareOperands<float>(Size);
        _double = new SquareOperands<double>(Size);
    }

    /// <summary>float32 product.</summary>
    [Benchmark]
    public void Float() => Gemm.Multiply<float>(false, false, Size, Size, Size, _float.A, _float.B, _float.C, false);

    /// <summary>float64 product.</summary>
    [Benchmark]
    public void Double() => Gemm.Multiply<double>(false, false, Size, Size, Size, _double.A, _double.B, _double.C, false);
}

/// <summary>Every transpose case of the float product at one size (512).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class GemmTransposeBenchmarks
{
    private SquareOperands<float> _operands = null!;

    /// <summary>Use Aᵀ.</summary>
    [Params(false, true)]
    public bool TransposeA { get; set; }

    /// <summary>Use Bᵀ.</summary>
    [Params(false, true)]
    public bool TransposeB { get; set; }

    /// <summary>Allocates the operands.</summary>
    [GlobalSetup]
    public void Setup() => _operands = new SquareOperands<float>(512);

    /// <summary>C = op(A)·op(B), 512 × 512 float.</summary>
    [Benchmark]
    public void Float512() => Gemm.Multiply<float>(TransposeA, TransposeB, 512, 512, 512, _operands.A, _operands.B, _operands.C, false);
}

/// <summary>
/// Nabla's product against two baselines at sizes where the baselines finish: the textbook triple loop, and
/// row-by-row vector updates with <see cref="TensorPrimitives"/> (the library's product before the packed kernel).
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class GemmBaselineBenchmarks
{
    private SquareOperands<float> _operands = null!;

    /// <summary>Rows = columns = shared dimension.</summary>
    [Params(256, 512)]
    public int Size { get; set; }

    /// <summary>Allocates the operands.</summary>
    [GlobalSetup]
    public void Setup() => _operands = new SquareOperands<float>(Size);

    /// <summary>Nabla's kernel.</summary>
    [Benchmark(Baseline = true)]
    public void Nabla() => Gemm.Multiply<float>(false, false, Size, Size, Size, _operands.A, _operands.B, _operands.C, false);

    /// <summary>c_ij = Σ_p a_ip·b_pj, one scalar at a time.</summary>
    [Benchmark]
    public void NaiveTripleLoop()
    {
        int n = Size;
        float[] a = _operands.A, b = _operands.B, c = _operands.C;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int p = 0; p < n; p++)
                {
                    sum += a[i * n + p] * b[p * n + j];
                }

                c[i * n + j] = sum;
            }
        }
    }

    /// <summary>Row i of C accumulates a_ip·(row p of B), vectorised by <see cref="TensorPrimitives.MultiplyAdd(ReadOnlySpan{float}, float, ReadOnlySpan{float}, Span{float})"/>.</summary>
    [Benchmark]
    public void RowAxpy()
    {
        int n = Size;
        var a = _operands.A.AsSpan();
        var b = _operands.B.AsSpan();
        var c = _operands.C.AsSpan();
        c.Clear();
        for (int i = 0; i < n; i++)
        {
            var ci = c.Slice(i * n, n);
            for (int p = 0; p < n; p++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), a[i * n + p], ci, ci);
            }
        }
    }
}
