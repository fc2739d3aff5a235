package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// kind is what a document turned out to be.
type kind int

const (
	kindText kind = iota
	kindHTML
	kindFeed
)

func (k kind) String() string {
	switch k {
	case kindHTML:
		return "HTML"
	case kindFeed:
		return "feed"
	}
	return "text"
}

// document is raw source bytes plus what we know about them.
type document struct {
	name        string   // file path or URL, for date and title inference
	url         *url.URL // final URL after redirects; nil for files
	contentType string   // media type as served, lower case; "" for files
	charset     string   // charset parameter as served
	kind        kind
	body        []byte

	// status and validators are the HTTP response's; notModified is set,
	// with no body, when a conditional GET was answered 304.
	status      int
	validators  Validators
	notModified bool
}

// readFile reads a local file under the size cap and classifies it by
// extension, falling back to sniffing its first bytes.
func (l *Loader) readFile(path string) (*document, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("file %s does not exist", path)
		}
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not a file", path)
	}
	if max := l.maxBytes(); st.Size() > max {
		return nil, fmt.Errorf("file is %s, over the %s cap", formatBytes(st.Size()), formatBytes(max))
	}
	// Stat can lie for special files and growing files, so cap the read too.
	return l.readDocument(path, f)
}

// readDocument reads a document named path from r under the size cap and
// classifies it by the name's extension, falling back to sniffing.
func (l *Loader) readDocument(path string, r io.Reader) (*document, error) {
	max := l.maxBytes()
	body, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("file is over the %s cap", formatBytes(max))
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("file %s is empty", path)
	}
	d := &document{name: path, body: body}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		d.kind = kindHTML
	case ".xml", ".rss", ".atom", ".rdf":
		d.kind = kindFeed
	default:
		d.kind = sniffKind(body, kindText)
	}
	return d, nil
}

// sniffKind looks at the first markup in body to tell HTML from feeds;
// anything else is fallback.
func sniffKind(body []byte, fallback kind) kind {
	head := body[:min(len(body), 1024)]
	head = bytes.TrimPrefix(head, utf8BOM)
	head = bytes.ToLower(bytes.TrimLeft(head, " \t\r\n"))
	switch {
	case bytes.HasPrefix(head, []byte("<!doctype html")), bytes.HasPrefix(head, []byte("<html")):
		return kindHTML
	case bytes.HasPrefix(head, []byte("<rss")), bytes.HasPrefix(head, []byte("<feed")),
		bytes.HasPrefix(head, []byte("<rdf:rdf")):
		return kindFeed
	case bytes.HasPrefix(head, []byte("<?xml")):
		if bytes.Contains(head, []byte("<html")) {
			return kindHTML
		}
		return kindFeed
	case bytes.HasPrefix(head, []byte("<head")), bytes.HasPrefix(head, []byte("<body")),
		bytes.HasPrefix(head, []byte("<!--")) && bytes.Contains(head, []byte("<html")):
		return kindHTML
	}
	return fallback
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText validates and normalises a plain-text body: BOM removed
// (UTF-16/32 with a BOM are converted), binary and invalid UTF-8 refused
// with the offending byte offset, line endings and Unicode normalised.
func decodeText(body []byte) (string, error) {
	body, err := decodeBOM(body)
	if err != nil {
		return "", err
	}
	if i := bytes.IndexByte(body, 0); i >= 0 {
		return "", fmt.Errorf("binary content (NUL byte at offset %d)", i)
	}
	if !utf8.Valid(body) {
		off := invalidUTF8Offset(body)
		if looksBinary(body) {
			return "", fmt.Errorf("binary content (not text; invalid UTF-8 at byte offset %d)", off)
		}
		return "", fmt.Errorf("invalid UTF-8 at byte offset %d (convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8)", off)
	}
	if looksBinary(body) {
		return "", errors.New("binary content (mostly control characters)")
	}
	text := normalizeText(string(body))
	if text == "" {
		return "", errors.New("empty text")
	}
	return text, nil
}

// decodeServedText is decodeText for bodies served with a charset: a
// declared legacy charset (ISO-8859-1, Windows-1252, …) is converted to
// UTF-8 first, since the server told us what the bytes mean.
func decodeServedText(body []byte, servedCharset string) (string, error) {
	switch servedCharset {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return decodeText(body)
	}
	if utf8.Valid(body) {
		// Mislabelled: legacy-charset text is practically never valid UTF-8.
		return decodeText(body)
	}
	enc, name := charset.Lookup(servedCharset)
	if enc == nil {
		return "", fmt.Errorf("unknown charset %q", servedCharset)
	}
	if name == "utf-8" {
		return decodeText(body)
	}
	if i := bytes.IndexByte(body, 0); i >= 0 && !strings.HasPrefix(name, "utf-16") {
		return "", fmt.Errorf("binary content (NUL byte at offset %d)", i)
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), body)
	if err != nil {
		return "", fmt.Errorf("decode %s text: %w", name, err)
	}
	return decodeText(out)
}

// decodeBOM strips a UTF-8 BOM and converts UTF-16/32 text that announces
// itself with a BOM, so Windows "Unicode" exports load too.
func decodeBOM(body []byte) ([]byte, error) {
	var t transform.Transformer
	switch {
	case bytes.HasPrefix(body, utf8BOM):
		return body[len(utf8BOM):], nil
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE, 0, 0}):
		t = utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(body, []byte{0, 0, 0xFE, 0xFF}):
		t = utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		t = xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		t = xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder()
	default:
		return body, nil
	}
	out, _, err := transform.Bytes(t, body)
	if err != nil {
		return nil, fmt.Errorf("decode UTF-16/32 text: %w", err)
	}
	return out, nil
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// looksBinary samples the start of b: more than 10% invalid bytes or
// control characters (other than whitespace) means it is not prose.
func looksBinary(b []byte) bool {
	sample := b[:min(len(b), 8192)]
	bad, total := 0, 0
	for i := 0; i < len(sample); {
		r, n := utf8.DecodeRune(sample[i:])
		i += n
		total++
		if r == utf8.RuneError && n <= 1 {
			// A multi-byte rune cut by the sample boundary is not evidence.
			if len(sample)-i < 4 && len(sample) < len(b) {
				continue
			}
			bad++
			continue
		}
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			bad++
		}
	}
	return total > 0 && bad*10 > total
}

var (
	crlf         = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n", "\u2028", "\n", "\u2029", "\n\n")
	manyNewlines = lazyRegexp(`\n{3,}`)
)

// sameLength maps the line breaks normalizeText rewrites to strings of
// the same byte length, so that offsets into the result index the input.
var sameLength = strings.NewReplacer("\r\n", " \n", "\r", "\n", "\f", "\n", "\u2028", "  \n", "\u2029", " \n\n", "\ufeff", "   ")

// ExactText decodes a plain-text input with the checks every source gets
// (UTF-8, not binary, not empty) but keeps every byte where it was: line
// breaks become spaces and newlines of the same length, a byte-order mark
// becomes spaces, nothing is trimmed. Offsets the extractor computes on
// it index the input exactly as given, which `briefbot extract` promises.
// It reports false when the text would load differently as a source (it
// is not plain text, e.g. HTML), so offsets could not match; loaded is
// the text the loader stored, normalised or exact.
func ExactText(body []byte, loaded string) (string, bool) {
	if _, err := decodeText(body); err != nil || !utf8.Valid(body) {
		return "", false
	}
	text := sameLength.Replace(string(body))
	if normalizeText(text) != normalizeText(loaded) {
		return "", false
	}
	return text, true
}

// normalizeText is applied to every Article.Text: NFC, LF line endings,
// no trailing spaces, at most one blank line between paragraphs.
func normalizeText(s string) string {
	s = norm.NFC.String(crlf.Replace(s))
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		lines[i] = strings.TrimRightFunc(ln, unicode.IsSpace)
	}
	s = strings.Join(lines, "\n")
	s = manyNewlines().ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}

// formatBytes prints sizes the way the errors quote them: "12 MiB",
// "10.5 MiB", "900 bytes".
func formatBytes(n int64) string {
	const (
		kib = 1 << 10
		mib = 1 << 20
		gib = 1 << 30
	)
	f := func(v float64, unit string) string {
		s := fmt.Sprintf("%.1f", v)
		s = strings.TrimSuffix(s, ".0")
		return s + " " + unit
	}
	switch {
	case n >= gib:
		return f(float64(n)/gib, "GiB")
	case n >= mib:
		return f(float64(n)/mib, "MiB")
	case n >= kib:
		return f(float64(n)/kib, "KiB")
	}
	return fmt.Sprintf("%d bytes", n)
}

// lazyRegexp compiles expr on first use: package-level MustCompile would
// cost every process start, including those that never load a source.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
