package source

import (
	"strings"
	"testing"
)

func BenchmarkDecodeText(b *testing.B) {
	body := []byte(strings.Repeat("WASHINGTON—U.S. President Donald Trump hosted NATO’s Rutte on Oct. 22.\r\n", 14000)) // ~1 MiB
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := decodeText(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractHTML(b *testing.B) {
	page := []byte(strings.Replace(articleHTML, "</article>", strings.Repeat("<p>More reporting from the summit, where leaders met for a second day to discuss trade, security and the war.</p>", 200)+"</article>", 1))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := extractHTML(page, "", nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInferPublished(b *testing.B) {
	text := DefaultArticle().Text
	for b.Loop() {
		InferPublished("", text, testNow)
	}
}
