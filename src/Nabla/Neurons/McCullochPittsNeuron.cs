using System.Globalization;
using System.Numerics;

namespace Nabla.Neurons;

/// <summary>
/// The McCulloch-Pitts (1943) neuron: d boolean inputs x⁽¹⁾, …, x⁽ᵈ⁾ ∈ {0, 1}, a hand-set integer threshold θ, and the
/// boolean output y = 1 if Σ x⁽ⁱ⁾ ≥ θ, else 0, where the sum runs over the excitatory inputs. As in the 1943 model an
/// input may instead be inhibitory: any active inhibitory input prevents firing, whatever the sum (absolute inhibition).
/// </summary>
/// <remarks>
/// Inputs are numbered from 0 in code (input i is x⁽ⁱ⁺¹⁾ of the notes). Truth tables list the 2ᵈ input rows in the
/// textbook order: in row r, input i is bit (d − 1 − i) of r, so x⁽¹⁾ is the most significant bit and the rows of two
/// inputs are (0,0), (0,1), (1,0), (1,1).
/// </remarks>
public sealed class McCullochPittsNeuron
{
    /// <summary>The most inputs a truth table (2ᵈ rows) or the realizability search handles.</summary>
    public const int MaxTableInputs = 16;

    private readonly bool[] _inhibitory;

    /// <summary>Creates a neuron with <paramref name="inputCount"/> inputs and threshold θ = <paramref name="threshold"/>.</summary>
    /// <param name="inputCount">d, at least 1.</param>
    /// <param name="threshold">θ, at least 0 (θ = 0 fires whenever no inhibitory input is active; θ above the number of excitatory inputs never fires).</param>
    /// <param name="inhibitoryInputs">Zero-based indices of the inhibitory inputs; the others are excitatory. None by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">d &lt; 1, θ &lt; 0, or an inhibitory index outside [0, d).</exception>
    public McCullochPittsNeuron(int inputCount, int threshold, IEnumerable<int>? inhibitoryInputs = null)
    {
        if (inputCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputCount), $"A McCulloch-Pitts neuron needs at least one input, not {inputCount}.");
        }

        if (threshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), $"The threshold θ counts active inputs, so it must be 0 or more, not {threshold} (θ = 0 already fires on every input).");
        }

        _inhibitory = new bool[inputCount];
        foreach (int i in inhibitoryInputs ?? [])
        {
            if ((uint)i >= (uint)inputCount)
            {
                throw new ArgumentOutOfRangeException(nameof(inhibitoryInputs), $"Inhibitory input {i} does not exist: inputs are numbered 0 to {inputCount - 1}.");
            }

            _inhibitory[i] = true;
        }

        InputCount = inputCount;
        Threshold = threshold;
        InhibitoryInputs = [.. Enumerable.Range(0, inputCount).Where(i => _inhibitory[i])];
        ExcitatoryInputs = [.. Enumerable.Range(0, inputCount).Where(i => !_inhibitory[i])];
    }

    /// <summary>d, the number of boolean inputs.</summary>
    public int InputCount { get; }

    /// <summary>θ: the neuron fires when at least θ excitatory inputs are active and no inhibitory one is.</summary>
    public int Threshold { get; }

    /// <summary>Zero-based indices of the inhibitory inputs, ascending.</summary>
    public IReadOnlyList<int> InhibitoryInputs { get; }

    /// <summary>Zero-based indices of the excitatory inputs, ascending.</summary>
    public IReadOnlyList<int> ExcitatoryInputs { get; }

    /// <summary>AND of <paramref name="inputCount"/> inputs: fires only when all are active, θ = d.</summary>
    public static McCullochPittsNeuron And(int inputCount) => new(inputCount, inputCount);

    /// <summary>OR of <paramref name="inputCount"/> inputs: fires when any is active, θ = 1.</summary>
    public static McCullochPittsNeuron Or(int inputCount) => new(inputCount, 1);

    /// <summary>NOT of one input: a single inhibitory input and θ = 0.</summary>
    public static McCullochPittsNeuron Not() => new(1, 0, [0]);

    /// <summary>True when the neuron fires on <paramref name="inputs"/> (one boolean per input).</summary>
    /// <exception cref="ArgumentException">The number of inputs is not d.</exception>
    public bool Fires(ReadOnlySpan<bool> inputs)
    {
        RequireLength(inputs.Length);
        int sum = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i])
            {
                if (_inhibitory[i])
                {
                    return false;
                }

                sum++;
            }
        }

        return sum >= Threshold;
    }

    /// <summary>The output y ∈ {0, 1} for inputs given as 0/1 integers, as in the notes.</summary>
    /// <exception cref="ArgumentException">The number of inputs is not d, or an input is neither 0 nor 1.</exception>
    public int Output(ReadOnlySpan<int> inputs)
    {
        RequireLength(inputs.Length);
        Span<bool> bits = inputs.Length <= 256 ? stackalloc bool[inputs.Length] : new bool[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            bits[i] = inputs[i] switch
            {
                0 => false,
                1 => true,
                _ => throw new ArgumentException($"Input {i} is {inputs[i]}: a McCulloch-Pitts neuron takes boolean inputs, 0 or 1.", nameof(inputs)),
            };
        }

        return Fires(bits) ? 1 : 0;
    }

    /// <summary>The output on every one of the 2ᵈ input rows, in the textbook order (see the remarks on the class).</summary>
    /// <exception cref="InvalidOperationException">d is above <see cref="MaxTableInputs"/>.</exception>
    public bool[] TruthTable()
    {
        if (InputCount > MaxTableInputs)
        {
            throw new InvalidOperationException($"A truth table of {InputCount} inputs has 2^{InputCount} rows; tables stop at {MaxTableInputs} inputs.");
        }

        int inhibitoryMask = Mask(_inhibitory);
        var table = new bool[1 << InputCount];
        for (int row = 0; row < table.Length; row++)
        {
            table[row] = (row & inhibitoryMask) == 0 && BitOperations.PopCount((uint)row) >= Threshold;
        }

        return table;
    }

    /// <summary>Input row <paramref name="row"/> of a truth table of <paramref name="inputCount"/> inputs, as booleans.</summary>
    public static bool[] InputRow(int inputCount, int row)
    {
        if (inputCount < 1 || inputCount > MaxTableInputs)
        {
            throw new ArgumentOutOfRangeException(nameof(inputCount), $"Truth tables have 1 to {MaxTableInputs} inputs, not {inputCount}.");
        }

        if ((uint)row >= (1u << inputCount))
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"A truth table of {inputCount} inputs has rows 0 to {(1 << inputCount) - 1}, not {row}.");
        }

        var x = new bool[inputCount];
        for (int i = 0; i < inputCount; i++)
        {
            x[i] = ((row >> (inputCount - 1 - i)) & 1) == 1;
        }

        return x;
    }

    /// <summary>
    /// Searches for one McCulloch-Pitts neuron that computes the boolean function with this truth table (2ᵈ entries in the
    /// textbook order). Returns it, or null when no choice of θ and of inhibitory inputs realizes the function (XOR, for one).
    /// Every input is connected, as excitatory or inhibitory. Among the neurons that work, the one with the fewest inhibitory
    /// inputs is returned (ties: the set that is smaller as a binary number with x⁽¹⁾ as its lowest bit), with the smallest θ that works.
    /// </summary>
    /// <exception cref="ArgumentException">The table's length is not a power of two 2ᵈ with 1 ≤ d ≤ <see cref="MaxTableInputs"/>.</exception>
    public static McCullochPittsNeuron? Find(IReadOnlyList<bool> truthTable)
    {
        ArgumentNullException.ThrowIfNull(truthTable);
        int n = truthTable.Count;
        int d = BitOperations.Log2((uint)Math.Max(n, 1));
        if (n < 2 || n != 1 << d || d > MaxTableInputs)
        {
            throw new ArgumentException($"A truth table of d inputs has 2^d entries (2, 4, 8, …, 2^{MaxTableInputs}); this one has {n}.", nameof(truthTable));
        }

        // An input can be inhibitory only if the function is 0 on every row where it is active.
        int candidates = 0;
        for (int i = 0; i < d; i++)
        {
            int bit = 1 << (d - 1 - i);
            bool allZero = true;
            for (int row = 0; row < n && allZero; row++)
            {
                allZero = (row & bit) == 0 || !truthTable[row];
            }

            if (allZero)
            {
                candidates |= bit;
            }
        }

        // Inhibitory sets that are subsets of the candidates, fewest inputs first, then in binary order.
        var masks = new List<int>();
        for (int mask = candidates; ; mask = (mask - 1) & candidates)
        {
            masks.Add(mask);
            if (mask == 0)
            {
                break;
            }
        }

        masks.Sort((a, b) =>
        {
            int byCount = BitOperations.PopCount((uint)a).CompareTo(BitOperations.PopCount((uint)b));
            return byCount != 0 ? byCount : ReverseBits(a, d).CompareTo(ReverseBits(b, d));
        });

        foreach (int mask in masks)
        {
            int? theta = ThresholdFor(truthTable, mask);
            if (theta is int t)
            {
                var inhibitory = Enumerable.Range(0, d).Where(i => (mask & (1 << (d - 1 - i))) != 0);
                return new McCullochPittsNeuron(d, t, inhibitory);
            }
        }

        return null;
    }

    /// <summary>Searches for a neuron computing <paramref name="function"/> of <paramref name="inputCount"/> inputs; see <see cref="Find(IReadOnlyList{bool})"/>.</summary>
    public static McCullochPittsNeuron? Find(int inputCount, Func<bool[], bool> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (inputCount < 1 || inputCount > MaxTableInputs)
        {
            throw new ArgumentOutOfRangeException(nameof(inputCount), $"The search handles 1 to {MaxTableInputs} inputs, not {inputCount}.");
        }

        var table = new bool[1 << inputCount];
        for (int row = 0; row < table.Length; row++)
        {
            table[row] = function(InputRow(inputCount, row));
        }

        return Find(table);
    }

    /// <summary>The rule as text, for example <c>y = 1 if x1 + x2 ≥ 2 and x3 is not active</c>.</summary>
    public override string ToString()
    {
        static string Name(int i) => "x" + (i + 1).ToString(CultureInfo.InvariantCulture);
        var conditions = new List<string>();
        if (Threshold > 0)
        {
            string sum = ExcitatoryInputs.Count == 0 ? "0" : string.Join(" + ", ExcitatoryInputs.Select(Name));
            conditions.Add($"{sum} ≥ {Threshold.ToString(CultureInfo.InvariantCulture)}");
        }

        if (InhibitoryInputs.Count == 1)
        {
            conditions.Add($"{Name(InhibitoryInputs[0])} is not active");
        }
        else if (InhibitoryInputs.Count > 1)
        {
            conditions.Add($"none of {string.Join(", ", InhibitoryInputs.Select(Name))} is active");
        }

        return conditions.Count == 0 ? "y = 1 always" : "y = 1 if " + string.Join(" and ", conditions);
    }

    // On the rows where no inhibitory input is active, the function must be [count of active inputs ≥ θ]: every row
    // that fires must have a larger count than every row that does not. The smallest such θ is (largest silent count) + 1.
    private static int? ThresholdFor(IReadOnlyList<bool> table, int inhibitoryMask)
    {
        int maxSilent = -1, minFiring = int.MaxValue;
        for (int row = 0; row < table.Count; row++)
        {
            if ((row & inhibitoryMask) != 0)
            {
                continue;
            }

            int count = BitOperations.PopCount((uint)row);
            if (table[row])
            {
                minFiring = Math.Min(minFiring, count);
            }
            else
            {
                maxSilent = Math.Max(maxSilent, count);
            }
        }

        return maxSilent < minFiring ? maxSilent + 1 : null;
    }

    private static int ReverseBits(int mask, int d)
    {
        // Bit (d − 1 − i) holds input i; reversing makes input 0 the least significant, so {x1} sorts before {x2}.
        int r = 0;
        for (int i = 0; i < d; i++)
        {
            if ((mask & (1 << (d - 1 - i))) != 0)
            {
                r |= 1 << i;
            }
        }

        return r;
    }

    private static int Mask(bool[] inputs)
    {
        int mask = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i])
            {
                mask |= 1 << (inputs.Length - 1 - i);
            }
        }

        return mask;
    }

    private void RequireLength(int length)
    {
        if (length != InputCount)
        {
            throw new ArgumentException($"This McCulloch-Pitts neuron has {InputCount} inputs but got {length} values: give one boolean per input.");
        }
    }
}
