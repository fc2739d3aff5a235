package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"briefbot/extract"
	"briefbot/store"
)

// TestRoleFold loads articles whose people hold and leave single-holder
// and other offices, each article giving an end day of its own (as a
// recurring story's relative dates do), some under other spellings, with
// ends given as months, as "PAST_REF", and as a day that does not exist,
// and checks that every profile's roles (and every role's first source)
// are the same whether the groups of a role that differ only in their
// end day are folded or read one by one.
func TestRoleFold(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	rng := rand.New(rand.NewPCG(3, 11))
	people := []string{"Mark Rutte", "Lena Ortiz", "Tom Baker", "Ada Stone", "Rick Wagoner"}
	offices := []extract.Role{{Title: "Chief executive", Org: "Harrow Motors"}, {Title: "Chief Executive", Org: "Harrow Motor"},
		{Title: "Chairman", Org: "Harrow Motors"}, {Title: "Secretary General", Org: "NATO"}, {Title: "Minister", Org: "Defence", Since: "2024-10-01"},
		{Title: "Adviser", Org: "Harrow Motors"}, {Title: "Chairman"}}
	ends := func(n int) string {
		switch rng.IntN(9) {
		case 0:
			return ""
		case 1:
			return "PAST_REF"
		case 2:
			return fmt.Sprintf("2025-%02d", 1+n%12)
		case 3:
			return "2025-02-31"
		}
		// A few days, each given by several articles published on
		// other days.
		return fmt.Sprintf("2025-%02d-%02d", 1+rng.IntN(4), 1+rng.IntN(6))
	}
	article := func(n int) store.SourceInput {
		var b strings.Builder
		var ents []ent
		for i := range 3 {
			p := people[rng.IntN(len(people))]
			fmt.Fprintf(&b, "%s spoke on day %d, sentence %d.\n", p, n, i)
			r := offices[rng.IntN(len(offices))]
			r.Until = ends(n)
			ents = append(ents, ent{name: p, kind: extract.Person, roles: []extract.Role{r}})
		}
		text := b.String()
		pub := fmt.Sprintf("2025-%02d-%02d", 1+n%12, 1+n%28)
		if n%17 == 0 {
			pub = "" // no publication day
		}
		return store.SourceInput{Name: fmt.Sprintf("a%d", n), Title: "A", Published: pub, Text: text, Doc: buildDoc(text, ents, nil, nil)}
	}
	var batch []store.SourceInput
	for n := range 300 {
		batch = append(batch, article(n))
	}
	if _, err := db.LoadSources(ctx, batch); err != nil {
		t.Fatal(err)
	}
	ids, err := db.QueryRows(`SELECT entity_id FROM role_groups GROUP BY entity_id HAVING COUNT(*) > 20`)
	if err != nil || len(ids) < 3 {
		t.Fatalf("entities with many role groups: %v %v", ids, err)
	}
	roles := func(id int64) string {
		p, err := db.Profile(ctx, id, "")
		if err != nil {
			t.Fatal(err)
		}
		buf, err := json.Marshal(p.Roles)
		if err != nil {
			t.Fatal(err)
		}
		return string(buf)
	}
	ended := 0
	for _, s := range ids {
		var id int64
		fmt.Sscan(s, &id)
		folded := roles(id)
		restore := store.SetRoleFold(false)
		want := roles(id)
		restore()
		if folded != want {
			t.Errorf("entity %d: roles with the fold\n%s\nwant\n%s", id, folded, want)
		}
		ended += strings.Count(want, `"ended":true`)
	}
	if ended == 0 {
		t.Error("no ended role to fold")
	}
}
