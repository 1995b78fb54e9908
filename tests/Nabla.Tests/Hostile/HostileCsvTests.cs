using System.Text;
using static Nabla.Tests.Hostile.Tables;

namespace Nabla.Tests.Hostile;

/// <summary>
/// The battery of hostile CSV files: each one is generated here, written to a temporary directory, and given to every
/// command that reads it (train with --save and --plots, cv, tune with --save, predict with --output, evaluate). Each
/// must fail with exit code 1 and one line naming the file (and the line or column where the defect is), with nothing
/// written. Cases that a command legitimately accepts (a predict file without the target, a single class for
/// evaluate) leave that command out.
/// 120 files: empty 6, header-only 5, bom 5, ragged 8, unclosed-quote 4, quote-mid-field 3, control-char 9, header-name 2,
/// duplicate-header 4, header-line-break 2, non-utf8 5, non-finite-input 12, missing-input 10, bad-target 3, single-class 2,
/// all-missing 3, no-target 4, thousands 4, mixed-separators 4, lone-separator 3, separators-only 3, wide 2, line-limit 3,
/// column-limit 2, predict-columns 3, unseen-category 2, unknown-class 1, no-target-column 1, not-a-number 5.
/// </summary>
public sealed class HostileCsvTests(HostileFixture fixture) : IClassFixture<HostileFixture>
{
    /// <param name="Where">text the message must hold besides the file name (a line, a column), or null</param>
    /// <param name="Regression">a numeric table (trained as linear regression, predicted with the linear model) instead of the flowers</param>
    /// <param name="Extra">options given to every command (CSV limits)</param>
    /// <param name="Target">a --target for train, cv, tune and evaluate</param>
    /// <param name="Strict">the learning commands run with --impute none --unknown-categories error, predict and evaluate with a model trained so</param>
    public sealed record Case(string Family, string Name, byte[] Content, CsvCommands Commands = CsvCommands.All, string? Where = null,
                              bool Regression = false, string[]? Extra = null, string? Target = null, bool Strict = false);

    public static readonly IReadOnlyList<Case> Cases = Build();

    public static TheoryData<string> Names() => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_command_refuses_the_file_and_writes_nothing(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        string file = fixture.Cli.PathOf(c.Name + ".csv");
        File.WriteAllBytes(file, c.Content);
        string learner = c.Regression ? "linear" : "logistic";
        string good = fixture.Models[(c.Regression ? "linear" : "mlp") + (c.Strict ? "-strict" : "")];
        string[] extra = c.Extra ?? [];
        string[] strict = c.Strict ? ["--impute", "none", "--unknown-categories", "error"] : [];
        string[] target = c.Target is null ? [] : ["--target", c.Target];
        string[] task = c.Regression ? ["--task", "regression"] : [];
        var runs = new List<string[]>();
        if (c.Commands.HasFlag(CsvCommands.Train))
        {
            runs.Add(["train", "--data", file, "--model", learner, .. Epochs(learner), .. task, "--quiet", "--save", "{O}/model.json", "--plots", "{O}/plots", .. target, .. extra, .. strict]);
        }

        if (c.Commands.HasFlag(CsvCommands.Cv))
        {
            runs.Add(["cv", "--data", file, "--model", learner, .. Epochs(learner), .. task, "--folds", "3", "--quiet", .. target, .. extra, .. strict]);
        }

        if (c.Commands.HasFlag(CsvCommands.Tune))
        {
            runs.Add(["tune", "--data", file, "--model", learner, .. Epochs(learner), .. task, "--folds", "3", "--grid", "l2=0.1,1", "--quiet", "--save", "{O}/model.json", .. target, .. extra, .. strict]);
        }

        if (c.Commands.HasFlag(CsvCommands.Predict))
        {
            runs.Add(["predict", "--model", good, "--data", file, "--output", "{O}/pred.csv", .. extra]);
        }

        if (c.Commands.HasFlag(CsvCommands.Evaluate))
        {
            runs.Add(["evaluate", "--model", good, "--data", file, .. target, .. extra]);
        }

        var problems = runs.Select(args => fixture.Check(c.Name, file, args, c.Where)).Where(p => p.Length > 0).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Predict_without_the_target_column_still_works()
    {
        string file = fixture.Cli.PathOf("no-target-predict.csv");
        File.WriteAllText(file, Flowers(l => [.. l.Select(r => r[..r.LastIndexOf(',')])]));
        var (code, output, error) = fixture.Cli.Run("predict", "--model", fixture.Models["mlp"], "--data", file);
        Assert.True(code == 0, error);
        Assert.StartsWith("petal,sepal,color,prediction", output, StringComparison.Ordinal);
    }

    private static string[] Epochs(string learner) => learner == "logistic" ? ["--epochs", "2"] : [];

    private static List<Case> Build()
    {
        var cases = new List<Case>();
        void Add(string family, string name, string text, CsvCommands commands = CsvCommands.All, string? where = null, bool regression = false, string[]? extra = null, string? target = null, bool strict = false) =>
            cases.Add(new Case(family, $"{family}-{name}", Utf8(text), commands, where, regression, extra, target, strict));
        void AddBytes(string family, string name, byte[] content, CsvCommands commands = CsvCommands.All, string? where = null) =>
            cases.Add(new Case(family, $"{family}-{name}", content, commands, where));

        string good = Flowers();
        byte[] bom = [0xEF, 0xBB, 0xBF];

        // Empty files, and files that hold nothing but blank lines or whitespace.
        foreach (var (n, t) in new[] { ("zero-bytes", ""), ("newline", "\n"), ("crlf", "\r\n"), ("blank-lines", "\n\n\n"), ("spaces", "   \n  \n"), ("tabs", "\t\n") })
        {
            Add("empty", n, t);
        }

        // A header and no rows.
        foreach (var (n, t) in new[] { ("bare", FlowersHeader), ("newline", FlowersHeader + "\n"), ("crlf", FlowersHeader + "\r\n"), ("blank-lines-after", FlowersHeader + "\n\n\n"), ("cr-only", FlowersHeader + "\r") })
        {
            Add("header-only", n, t);
        }

        // Byte-order marks: alone, before a header only, and UTF-8 BOM bytes inside a numeric cell.
        AddBytes("bom", "utf8-alone", bom);
        AddBytes("bom", "utf8-header-only", Concat(bom, Utf8(FlowersHeader + "\n")));
        AddBytes("bom", "utf16le-alone", [0xFF, 0xFE]);
        AddBytes("bom", "utf8-in-number", Utf8(FlowersWithCell(4, 0, "\uFEFF1.5")), where: "line 6");
        AddBytes("bom", "utf8-twice-then-empty", Concat(bom, bom));

        // Ragged rows: more or fewer cells than the header, at the first, a middle and the last row.
        foreach (int row in new[] { 0, 11, 23 })
        {
            Add("ragged", $"more-row{row}", Flowers(l => { l[row + 1] += ",extra"; return l; }), where: $"line {row + 2}");
            Add("ragged", $"fewer-row{row}", Flowers(l => { l[row + 1] = l[row + 1][..l[row + 1].LastIndexOf(',')]; return l; }), where: $"line {row + 2}");
        }

        Add("ragged", "one-cell-row", Flowers(l => { l[6] = "1.5"; return l; }), where: "line 7");
        Add("ragged", "trailing-separator", Flowers(l => { l[9] += ","; return l; }), where: "line 10");

        // Broken quoting: a quote that never closes, text after a closing quote, a quote in the middle of a cell.
        Add("unclosed-quote", "in-cell", Flowers(l => { l[3] = "\"1.5,0.2,red,setosa"; return l; }), where: "line 4");
        Add("unclosed-quote", "last-row", Flowers(l => { l[^1] += ",\"oops"; return l; }));
        Add("unclosed-quote", "header", "\"petal,sepal,color,species\n1,2,red,setosa\n");
        Add("unclosed-quote", "at-end", good + "\"");
        Add("quote-mid-field", "number", FlowersWithCell(5, 0, "1.2\"3"), where: "line 7");
        Add("quote-mid-field", "category", FlowersWithCell(5, 2, "re\"d\""), where: "line 7");
        Add("quote-mid-field", "after-closing", FlowersWithCell(5, 2, "\"red\"x"), where: "line 7");

        // NUL bytes and other control characters in numeric cells.
        foreach (var (n, ch) in new[] { ("nul", "\0"), ("soh", "\u0001"), ("bell", "\u0007"), ("esc", "\u001B"), ("del", "\u007F"), ("form-feed", "\f"), ("vertical-tab", "\v") })
        {
            Add("control-char", $"{n}-in-number", FlowersWithCell(7, 1, "0" + ch + "5"), where: "line 9");
        }

        Add("control-char", "nul-alone-in-number", FlowersWithCell(2, 0, "\0"), where: "line 4");
        Add("control-char", "nul-header-duplicate", "petal\0,petal\0,color,species\n" + string.Join('\n', FlowerRows()) + "\n");

        // Header names: very long and duplicated (the long name is also over a small line limit), duplicates after trimming.
        string longName = new('p', 100_000);
        Add("header-name", "long-duplicate", $"{longName},{longName},color,species\n" + string.Join('\n', FlowerRows()) + "\n");
        Add("header-name", "long-over-line-limit", $"{longName},sepal,color,species\n" + string.Join('\n', FlowerRows()) + "\n", extra: ["--max-line-length", "1000"], where: "line 1");
        Add("duplicate-header", "plain", "petal,petal,color,species\n" + string.Join('\n', FlowerRows()) + "\n");
        Add("duplicate-header", "after-trimming", "petal, petal ,color,species\n" + string.Join('\n', FlowerRows()) + "\n");
        Add("duplicate-header", "target-twice", "petal,species,color,species\n" + string.Join('\n', FlowerRows()) + "\n");
        Add("duplicate-header", "quoted-twin", "petal,\"petal\",color,species\n" + string.Join('\n', FlowerRows()) + "\n");
        Add("header-line-break", "quoted-duplicate", "\"pe\ntal\",\"pe\ntal\",color,species\n" + string.Join('\n', FlowerRows()) + "\n");
        Add("header-line-break", "unquoted", "petal,sep\nal,color,species\n" + string.Join('\n', FlowerRows()) + "\n", where: "line 2");

        // Bytes that are not UTF-8 in numeric cells.
        foreach (var (n, b) in new[] { ("ff", new byte[] { 0xFF }), ("lone-lead", new byte[] { 0xC3 }), ("latin1-e", new byte[] { 0xE9 }), ("overlong", new byte[] { 0xC0, 0xAF }), ("surrogate", new byte[] { 0xED, 0xA0, 0x80 }) })
        {
            string text = FlowersWithCell(8, 0, "1.5\u0001");
            byte[] bytes = Utf8(text);
            int at = Array.IndexOf(bytes, (byte)1);
            AddBytes("non-utf8", n, [.. bytes[..at], .. b, .. bytes[(at + 1)..]], where: "line 10");
        }

        // Infinities and out-of-range numbers in numeric inputs, at the first, a middle and the last row.
        string[] infinite = ["inf", "-inf", "+inf", "Infinity", "-Infinity", "INF", "1e400", "-1e400", "1e999", "1.8e308"];
        foreach (var v in infinite)
        {
            Add("non-finite-input", $"petal-{v}", FlowersWithCell(10, 0, v), where: "line 12");
        }

        foreach (int row in new[] { 0, 23 })
        {
            Add("non-finite-input", $"sepal-1e400-row{row}", FlowersWithCell(row, 1, "1e400"), where: $"line {row + 2}");
        }

        // Missing values in numeric inputs with --impute none, NaN in every spelling (the defaults fill them: TablesAsTheyComeTests).
        foreach (var v in new[] { "NaN", "-NaN", "+nan", "nan", "NA", "N/A", "null", "?", "-", "" })
        {
            Add("missing-input", v.Length == 0 ? "empty" : v.Replace("/", "-", StringComparison.Ordinal), FlowersWithCell(13, 1, v), where: "line 15", strict: true);
        }

        // Non-finite targets of a regression: the learning commands and evaluate read them, predict ignores the target. (A
        // missing target leaves its row out: TablesAsTheyComeTests.)
        foreach (var v in new[] { "inf", "-inf", "1e400" })
        {
            Add("bad-target", $"regression-{v}", LineWithCell(6, 2, v), CsvCommands.Learning | CsvCommands.Evaluate, where: "line 8", regression: true);
        }

        // One class only: nothing to learn (evaluate of one class is fine).
        Add("single-class", "all-setosa", Flowers(l => [l[0], .. l.Skip(1).Select(r => r[..r.LastIndexOf(',')] + ",setosa")]), CsvCommands.Learning);
        Add("single-class", "numeric-label", Flowers(l => [l[0], .. l.Skip(1).Select(r => r[..r.LastIndexOf(',')] + ",1")]), CsvCommands.Learning);

        // Columns with no value at all.
        Add("all-missing", "sepal-empty", Flowers(l => [l[0], .. l.Skip(1).Select(r => { var c = r.Split(','); c[1] = ""; return string.Join(',', c); })]), strict: true);
        Add("all-missing", "sepal-na", Flowers(l => [l[0], .. l.Skip(1).Select(r => { var c = r.Split(','); c[1] = "NA"; return string.Join(',', c); })]), strict: true);
        Add("all-missing", "target-empty", Flowers(l => [l[0], .. l.Skip(1).Select(r => r[..r.LastIndexOf(',')] + ",")]), CsvCommands.Learning | CsvCommands.Evaluate);

        // A --target that is not a column.
        foreach (var t in new[] { "Species", "nope", "petal,nope", "SPECIES" })
        {
            Add("no-target", t.Replace(',', '-'), good, CsvCommands.Learning | CsvCommands.Evaluate, target: t);
        }

        // Numbers with decimal commas or other digit grouping than commas in one cell of a numeric column (commas in threes,
        // "1,234.5", are read as numbers: TablesAsTheyComeTests).
        foreach (var (n, v) in new[] { ("space", "1 234"), ("decimal-comma", "\"1,5\""), ("apostrophe", "1'234"), ("dot-groups", "1.234.567") })
        {
            Add("thousands", n, FlowersWithCell(15, 0, v), where: "line 17");
        }

        // Separators mixed within the file.
        Add("mixed-separators", "semicolon-row", Flowers(l => { l[5] = l[5].Replace(',', ';'); return l; }), where: "line 6");
        Add("mixed-separators", "tab-row", Flowers(l => { l[5] = l[5].Replace(',', '\t'); return l; }), where: "line 6");
        Add("mixed-separators", "semicolon-header", Flowers(l => { l[0] = l[0].Replace(',', ';'); return l; }));
        Add("mixed-separators", "pipe-half", Flowers(l => [.. l.Select((r, i) => i > 12 ? r.Replace(',', '|') : r)]));

        // A lone separator, and rows of nothing but separators.
        Add("lone-separator", "comma", ",");
        Add("lone-separator", "comma-newline", ",\n");
        Add("lone-separator", "semicolon", ";\n");
        Add("separators-only", "one-row", Flowers(l => { l[4] = ",,,"; return l; }), CsvCommands.Predict, where: "line 5", strict: true);
        Add("separators-only", "all-rows", FlowersHeader + "\n,,,\n,,,\n,,,\n", strict: true);
        Add("separators-only", "header", ",,,\n" + string.Join('\n', FlowerRows()) + "\n");

        // A row of 10,000 cells, and a header of 10,000 columns, in a file of 3 rows.
        Add("wide", "row-10000-cells", FlowersHeader + "\n1,2,red,setosa\n" + string.Join(',', Enumerable.Repeat("1", 10_000)) + "\n2,1,white,virginica\n", where: "line 3");
        Add("wide", "header-10000-columns", string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"c{i}")) + "\n1,2,3\n4,5,6\n7,8,9\n", where: "line 2");

        // Over a small --max-line-length or --max-columns.
        Add("line-limit", "long-row", Flowers(l => { l[10] = l[10].Replace("red", new string('r', 200), StringComparison.Ordinal).Replace("white", new string('w', 200), StringComparison.Ordinal); return l; }), extra: ["--max-line-length", "100"], where: "line 11");
        Add("line-limit", "header", good, extra: ["--max-line-length", "10"], where: "line 1");
        Add("line-limit", "no-line-break", new string('1', 5000), extra: ["--max-line-length", "64"], where: "line 1");
        Add("column-limit", "3", good, extra: ["--max-columns", "3"]);
        Add("column-limit", "1", good, extra: ["--max-columns", "1"]);

        // Data for a model: a column it needs is missing, a category it never saw, a class it does not know.
        Add("predict-columns", "no-petal", Flowers(l => [.. l.Select(r => r[(r.IndexOf(',') + 1)..])]), CsvCommands.Predict | CsvCommands.Evaluate);
        Add("predict-columns", "no-color", Flowers(l => [.. l.Select(r => { var c = r.Split(','); return $"{c[0]},{c[1]},{c[3]}"; })]), CsvCommands.Predict | CsvCommands.Evaluate);
        Add("predict-columns", "renamed-sepal", Flowers(l => { l[0] = "petal,Sepal,color,species"; return l; }), CsvCommands.Predict | CsvCommands.Evaluate);
        Add("unseen-category", "green", FlowersWithCell(3, 2, "green"), CsvCommands.Predict | CsvCommands.Evaluate, where: "line 5", strict: true);
        Add("unseen-category", "case-Red", FlowersWithCell(3, 2, "Red"), CsvCommands.Predict | CsvCommands.Evaluate, where: "line 5", strict: true);
        Add("unknown-class", "daisy", FlowersWithCell(3, 3, "daisy"), CsvCommands.Evaluate, where: "line 5");
        Add("no-target-column", "evaluate", Flowers(l => [.. l.Select(r => r[..r.LastIndexOf(',')])]), CsvCommands.Evaluate);

        // A word in a numeric column, and a number that is not one.
        foreach (var (n, v) in new[] { ("word", "abc"), ("hex", "0x1F"), ("two-dots", "1..5"), ("unicode-minus", "\u22121.5"), ("fullwidth-digit", "\uFF11") })
        {
            Add("not-a-number", n, FlowersWithCell(17, 0, v), where: "line 19");
        }

        return cases;
    }
}
