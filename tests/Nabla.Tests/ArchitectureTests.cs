using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Text;
using Nabla.Tests.TestSupport;

namespace Nabla.Tests;

/// <summary>
/// The core library's namespaces form layers: each uses only namespaces of lower layers, never one beside it or above
/// it. The dependencies are read from the compiled assembly (signatures and the IL of every method body), so a
/// reference the usings do not show, such as a fully qualified name, counts as well.
/// </summary>
public class ArchitectureTests
{
    /// <summary>
    /// The layers, lowest first: the one list docs/architecture.md copies. A namespace may use the namespaces of the
    /// layers before its own; the namespaces of one layer do not use each other.
    /// </summary>
    internal static readonly string[][] Layers =
    [
        ["Nabla", "Nabla.Sampling", "Nabla.Tensors"],
        ["Nabla.Activations"],
        ["Nabla.Losses", "Nabla.Metrics"],
        ["Nabla.Networks"],
        ["Nabla.Training"],
        ["Nabla.Estimators"],
        ["Nabla.Neurons", "Nabla.Linear", "Nabla.Bayes", "Nabla.Mlp"],
        ["Nabla.Data", "Nabla.Data.Preprocessing"],
        ["Nabla.Serialization"],
        ["Nabla.Models"],
    ];

    private static readonly Assembly Library = typeof(Nabla.Tensors.Matrix<>).Assembly;

    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void Every_namespace_uses_only_lower_layers()
    {
        var layerOf = LayerIndex();
        var offences = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var use in Uses())
        {
            if (use.From == use.To || !layerOf.TryGetValue(use.From, out int from) || !layerOf.TryGetValue(use.To, out int to) || to < from)
            {
                continue;
            }

            string edge = $"{use.From} → {use.To}";
            if (!offences.TryGetValue(edge, out var vias))
            {
                offences[edge] = vias = new SortedSet<string>(StringComparer.Ordinal);
            }

            vias.Add(use.Via);
        }

        var message = new StringBuilder();
        foreach (var (edge, vias) in offences)
        {
            foreach (string via in vias)
            {
                message.Append(CultureInfo.InvariantCulture, $"{edge} (via {via})").AppendLine();
            }
        }

        Assert.True(offences.Count == 0, $"{offences.Count} edge(s) between namespaces go sideways or up the layers of ArchitectureTests.Layers, each with the members that make it:{Environment.NewLine}{message}");
    }

    [Fact]
    public void The_layers_name_every_namespace_once()
    {
        var actual = Library.GetTypes().Select(OwnerNamespace).OfType<string>().Where(IsNabla).ToHashSet(StringComparer.Ordinal);
        var listed = Layers.SelectMany(l => l).ToList();
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(actual.Except(listed).Order(StringComparer.Ordinal));
        Assert.Empty(listed.Except(actual).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_reader_sees_uses_inside_method_bodies()
    {
        // Classifier.Score names ClassificationMetrics only in its body, and SyntheticData's densities only in bodies and closures:
        // a reader of signatures alone would miss both, and the layering would pass for the wrong reason.
        var uses = Uses();
        Assert.Contains(uses, u => u.From == "Nabla.Estimators" && u.To == "Nabla.Metrics" && u.Via.StartsWith("Classifier.Score ", StringComparison.Ordinal));
        Assert.Contains(uses, u => u.From == "Nabla.Data" && u.To == "Nabla.Bayes");
    }

    [Fact]
    public void The_architecture_document_shows_the_same_layers()
    {
        // docs/architecture.md's table rows: "| 0 foundations | `Nabla`, `Nabla.Sampling`, … | … |", lowest first.
        var rows = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "architecture.md"))
            .Where(l => l.Length > 2 && l.StartsWith("| ", StringComparison.Ordinal) && char.IsAsciiDigit(l[2]))
            .Select(l => string.Join(", ", l.Split('|')[2].Split(',', StringSplitOptions.TrimEntries).Select(n => n.Trim('`'))))
            .ToList();
        Assert.Equal(Layers.Select(l => string.Join(", ", l)), rows);
    }

    private static Dictionary<string, int> LayerIndex()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Layers.Length; i++)
        {
            foreach (string ns in Layers[i])
            {
                index[ns] = i;
            }
        }

        return index;
    }

    private static bool IsNabla(string ns) => ns == "Nabla" || ns.StartsWith("Nabla.", StringComparison.Ordinal);

    /// <summary>A nested type, closures and state machines included, belongs to the namespace of its outermost declaring type.</summary>
    private static string? OwnerNamespace(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.Namespace;
    }

    /// <summary>The outermost type written in source, so a closure's uses read as its method's.</summary>
    private static Type SourceType(Type type)
    {
        while (type.DeclaringType is { } outer && IsGenerated(type))
        {
            type = outer;
        }

        return type;
    }

    private static bool IsGenerated(MemberInfo member) =>
        member.Name.Contains('<', StringComparison.Ordinal) || member.IsDefined(typeof(CompilerGeneratedAttribute), false);

    /// <summary>"Trainer.Train" for a member, and for a lambda's or iterator's generated method the method it was written in.</summary>
    private static string Describe(Type type, string member)
    {
        var source = SourceType(type);
        if (source != type && type.Name.StartsWith('<') && type.Name.IndexOf('>', StringComparison.Ordinal) > 1)
        {
            member = type.Name[1..type.Name.IndexOf('>', StringComparison.Ordinal)];
        }
        else if (member.StartsWith('<') && member.IndexOf('>', StringComparison.Ordinal) > 1)
        {
            member = member[1..member.IndexOf('>', StringComparison.Ordinal)];
        }

        return $"{Name(source)}.{member}";
    }

    private static string Name(Type type)
    {
        int tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        string name = tick < 0 ? type.Name : type.Name[..tick];
        return type.DeclaringType is { } outer ? $"{Name(outer)}.{name}" : name;
    }

    private sealed record Use(string From, string To, string Via);

    private static List<Use> Uses()
    {
        var uses = new List<Use>();
        foreach (var type in Library.GetTypes())
        {
            if (OwnerNamespace(type) is not { } from || !IsNabla(from))
            {
                continue;
            }

            void Add(Type? used, string member)
            {
                foreach (var t in Expand(used))
                {
                    if (t.Assembly == Library && OwnerNamespace(t) is { } to && IsNabla(to))
                    {
                        uses.Add(new Use(from, to, $"{Describe(type, member)} using {Name(t)}"));
                    }
                }
            }

            Add(type.BaseType, "base type");
            foreach (var i in type.GetInterfaces())
            {
                Add(i, "interface");
            }

            foreach (var g in type.IsGenericTypeDefinition ? type.GetGenericArguments() : [])
            {
                foreach (var c in g.GetGenericParameterConstraints())
                {
                    Add(c, "constraint");
                }
            }

            foreach (var f in type.GetFields(Declared))
            {
                Add(f.FieldType, f.Name);
            }

            foreach (var p in type.GetProperties(Declared))
            {
                Add(p.PropertyType, p.Name);
            }

            foreach (var e in type.GetEvents(Declared))
            {
                Add(e.EventHandlerType, e.Name);
            }

            foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                if (m is MethodInfo method)
                {
                    Add(method.ReturnType, m.Name);
                }

                foreach (var p in m.GetParameters())
                {
                    Add(p.ParameterType, m.Name);
                }

                foreach (var used in BodyUses(m))
                {
                    Add(used, m.Name);
                }
            }
        }

        return uses;
    }

    /// <summary>A type with the types it is made of: generic arguments, array and pointer elements.</summary>
    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()))
            {
                yield return t;
            }

            yield break;
        }

        yield return type;
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var t in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return t;
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

    /// <summary>
    /// The types a method body names: the declaring types (and generic arguments) of the methods it calls and the fields
    /// it reads or writes, and the types of newobj, castclass, isinst, box, newarr, initobj, ldtoken and the like.
    /// </summary>
    private static IEnumerable<Type> BodyUses(MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        // Tokens inside a generic type or method resolve only with its generic arguments.
        Type[]? typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int pc = 0;
        while (pc < il.Length)
        {
            short value = il[pc++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[pc++]));
            }

            var op = OpCodesByValue[value];
            int size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, pc)),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType)
            {
                int token = BitConverter.ToInt32(il, pc);
                foreach (var t in Resolve(method.Module, token, typeArgs, methodArgs))
                {
                    yield return t;
                }
            }

            pc += size;
        }
    }

    private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArgs, Type[]? methodArgs)
    {
        MemberInfo? member;
        try
        {
            member = module.ResolveMember(token, typeArgs, methodArgs);
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException)
        {
            member = null;
        }

        switch (member)
        {
            case Type t:
                yield return t;
                break;
            case MethodInfo m:
                yield return m.DeclaringType!;
                foreach (var g in m.IsGenericMethod ? m.GetGenericArguments() : [])
                {
                    yield return g;
                }

                break;
            case MemberInfo m when m.DeclaringType is { } declaring:
                yield return declaring;
                break;
        }
    }
}
