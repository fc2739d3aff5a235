package suggest_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"briefbot/internal/suggest"
)

type conf struct {
	DB      string `json:"db"`
	Sources []int  `json:"sources"`
	Private bool   `json:"allow_private_urls,omitempty"`
	Skip    string `json:"-"`
}

func TestUnknownKey(t *testing.T) {
	for in, want := range map[string]string{
		`{"sorces": []}`:              `unknown key "sorces" (did you mean "sources"?)`,
		`{"databse": "x"}`:            `unknown key "databse" (known keys: db, sources, allow_private_urls)`,
		`{"allow_privat_urls": true}`: `unknown key "allow_privat_urls" (did you mean "allow_private_urls"?)`,
		`{"dbb": "x"}`:                `unknown key "dbb" (did you mean "db"?)`,
	} {
		var c conf
		dec := json.NewDecoder(bytes.NewReader([]byte(in)))
		dec.DisallowUnknownFields()
		err := suggest.UnknownKey(dec.Decode(&c), &c)
		if err == nil || err.Error() != want {
			t.Errorf("%s: %v, want %s", in, err, want)
		}
	}
	if err := suggest.UnknownKey(nil, &conf{}); err != nil {
		t.Errorf("nil error became %v", err)
	}
}
