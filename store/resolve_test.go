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

func TestCompatibleFirst(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"mark", "mark", true}, {"m", "mark", true}, {"", "mark", true},
		{"tim", "timothy", true}, {"timothy", "tim", true}, {"chris", "christopher", true},
		{"anna", "eric", false}, {"jo", "john", false}, {"t", "mark", false}, {"timothy", "tom", false},
	} {
		if got := compatibleFirst(c.a, c.b); got != c.want {
			t.Errorf("compatibleFirst(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
