using System.Numerics;
using Nabla.Neurons;

namespace Nabla.Tests.Neurons;

public class McCullochPittsNeuronTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void And_fires_only_when_every_input_is_active(int d)
    {
        var table = McCullochPittsNeuron.And(d).TruthTable();
        Assert.Equal(1 << d, table.Length);
        for (int row = 0; row < table.Length; row++)
        {
            Assert.Equal(row == (1 << d) - 1, table[row]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Or_fires_when_any_input_is_active(int d)
    {
        var table = McCullochPittsNeuron.Or(d).TruthTable();
        for (int row = 0; row < table.Length; row++)
        {
            Assert.Equal(row != 0, table[row]);
        }
    }

    [Fact]
    public void Two_input_truth_tables_are_the_notes_tables()
    {
        // Rows (0,0), (0,1), (1,0), (1,1).
        Assert.Equal([false, false, false, true], McCullochPittsNeuron.And(2).TruthTable());
        Assert.Equal([false, true, true, true], McCullochPittsNeuron.Or(2).TruthTable());
        Assert.Equal([true, false], McCullochPittsNeuron.Not().TruthTable());
        Assert.Equal(1, McCullochPittsNeuron.And(2).Output([1, 1]));
        Assert.Equal(0, McCullochPittsNeuron.And(2).Output([1, 0]));
        Assert.Equal(2, McCullochPittsNeuron.And(2).Threshold);
        Assert.Equal(1, McCullochPittsNeuron.Or(3).Threshold);
    }

    [Fact]
    public void Input_rows_put_x1_in_the_most_significant_bit()
    {
        Assert.Equal([false, true, true], McCullochPittsNeuron.InputRow(3, 3));
        Assert.Equal([true, false, false], McCullochPittsNeuron.InputRow(3, 4));
    }

    [Fact]
    public void Any_active_inhibitory_input_prevents_firing()
    {
        // θ = 1 over x1, x2 with x3 inhibitory: OR of x1, x2 unless x3.
        var neuron = new McCullochPittsNeuron(3, 1, [2]);
        Assert.True(neuron.Fires([true, true, false]));
        Assert.False(neuron.Fires([true, true, true]));
        Assert.False(neuron.Fires([false, false, false]));
        Assert.Equal([0, 1], neuron.ExcitatoryInputs);
        Assert.Equal([2], neuron.InhibitoryInputs);
        Assert.Equal("y = 1 if x1 + x2 ≥ 1 and x3 is not active", neuron.ToString());

        // Inhibition is absolute: even θ = 0 is silenced.
        Assert.False(new McCullochPittsNeuron(2, 0, [1]).Fires([true, true]));
    }

    [Fact]
    public void Search_finds_the_thresholds_of_and_or_nor()
    {
        var and = McCullochPittsNeuron.Find([false, false, false, true])!;
        Assert.Equal(2, and.Threshold);
        Assert.Empty(and.InhibitoryInputs);

        var or3 = McCullochPittsNeuron.Find(3, x => x.Any(b => b))!;
        Assert.Equal(1, or3.Threshold);
        Assert.Empty(or3.InhibitoryInputs);

        var nor = McCullochPittsNeuron.Find([true, false, false, false])!;
        Assert.Equal(0, nor.Threshold);
        Assert.Equal([0, 1], nor.InhibitoryInputs);

        var andNot = McCullochPittsNeuron.Find([false, false, true, false])!;
        Assert.Equal(1, andNot.Threshold);
        Assert.Equal([1], andNot.InhibitoryInputs);
    }

    [Fact]
    public void Xor_and_xnor_are_not_realizable()
    {
        Assert.Null(McCullochPittsNeuron.Find([false, true, true, false]));
        Assert.Null(McCullochPittsNeuron.Find([true, false, false, true]));
        Assert.Null(McCullochPittsNeuron.Find(3, x => x.Count(b => b) % 2 == 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Search_agrees_with_brute_force_on_every_boolean_function(int d)
    {
        int rows = 1 << d;
        int realizable = 0;
        for (int f = 0; f < 1 << rows; f++)
        {
            var table = Enumerable.Range(0, rows).Select(r => ((f >> r) & 1) == 1).ToArray();
            var found = McCullochPittsNeuron.Find(table);
            bool brute = BruteForceRealizable(table, d);
            Assert.Equal(brute, found is not null);
            if (found is not null)
            {
                Assert.Equal(table, found.TruthTable());
                realizable++;
            }
        }

        // Independently counted: each realizable function is fixed by its inhibitory set I and, on the rows with I silent,
        // a threshold over the d − |I| excitatory inputs (d − |I| + 2 distinct behaviours, "never" and "always" included),
        // except that with I non-empty "never" is the same function for every I (the constant 0).
        int expected = 1;
        for (int k = 0; k <= d; k++)
        {
            expected += Binomial(d, k) * (d - k + 1);
        }

        Assert.Equal(expected, realizable);
    }

    [Fact]
    public void Search_prefers_the_fewest_inhibitory_inputs()
    {
        // The constant 0: θ = d + 1 with every input excitatory, not "all inhibitory".
        var never = McCullochPittsNeuron.Find([false, false, false, false])!;
        Assert.Empty(never.InhibitoryInputs);
        Assert.Equal(3, never.Threshold);
    }

    [Fact]
    public void Bad_arguments_say_what_is_wrong()
    {
        Assert.Contains("at least one input", Assert.Throws<ArgumentOutOfRangeException>(() => new McCullochPittsNeuron(0, 1)).Message);
        Assert.Contains("must be 0 or more", Assert.Throws<ArgumentOutOfRangeException>(() => new McCullochPittsNeuron(2, -1)).Message);
        Assert.Contains("does not exist", Assert.Throws<ArgumentOutOfRangeException>(() => new McCullochPittsNeuron(2, 1, [2])).Message);
        Assert.Contains("has 2 inputs but got 3", Assert.Throws<ArgumentException>(() => McCullochPittsNeuron.And(2).Fires([true, true, true])).Message);
        Assert.Contains("0 or 1", Assert.Throws<ArgumentException>(() => McCullochPittsNeuron.And(2).Output([1, 2])).Message);
        Assert.Contains("2^d entries", Assert.Throws<ArgumentException>(() => McCullochPittsNeuron.Find([true, false, true])).Message);
    }

    private static bool BruteForceRealizable(bool[] table, int d)
    {
        for (int mask = 0; mask < 1 << d; mask++)
        {
            for (int theta = 0; theta <= d + 1; theta++)
            {
                bool all = true;
                for (int row = 0; row < table.Length && all; row++)
                {
                    bool fires = (row & mask) == 0 && BitOperations.PopCount((uint)row) >= theta;
                    all = fires == table[row];
                }

                if (all)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int Binomial(int n, int k)
    {
        int c = 1;
        for (int i = 0; i < k; i++)
        {
            c = c * (n - i) / (i + 1);
        }

        return c;
    }
}
