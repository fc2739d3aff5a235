package store

import "testing"

func TestCoreName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Apple Inc.", "Apple"}, {"The Ford Motor Company", "Ford Motor"}, {"Tollgate Holdings, Ltd.", "Tollgate Holdings"},
		{"Smith & Co.", "Smith"}, {"Apple", ""}, {"Company", ""}, {"Pennock & Hale", ""},
	} {
		if got := coreName(c.in); got != c.want {
			t.Errorf("coreName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
