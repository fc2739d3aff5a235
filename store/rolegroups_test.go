package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"briefbot/extract"
	"briefbot/store"
)

// checkRoleGroups fails the test unless role_groups holds exactly the
// fold of roles: one row per (entity, title, organisation, dates) with
// its first and last source and row count.
func checkRoleGroups(t *testing.T, db *store.DB, when string) {
	t.Helper()
	got, err := db.QueryRows(`SELECT entity_id, title, org, since, until, first_source, last_source, n, first_published, last_published FROM role_groups ORDER BY 1, 2, 3, 4, 5`)
	if err != nil {
		t.Fatal(err)
	}
	want, err := db.QueryRows(`SELECT g.*, COALESCE((SELECT published FROM sources WHERE id = g.lo), ''), COALESCE((SELECT published FROM sources WHERE id = g.hi), '')
		FROM (SELECT entity_id, title, org, since, until, MIN(source_id) AS lo, MAX(source_id) AS hi, COUNT(*) FROM roles
			GROUP BY entity_id, title, org, since, until) g ORDER BY 1, 2, 3, 4, 5`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s: role_groups\n%s\nwant\n%s", when, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRoleGroups_Kept loads, reloads (changed) and removes articles whose
// people hold a few offices, some of them under a bare surname first and
// their full name later (which folds entities together), and checks
// after each step that role_groups is the fold of roles.
func TestRoleGroups_Kept(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	rng := rand.New(rand.NewPCG(7, 9))
	people := []string{"Mark Rutte", "Lena Ortiz", "Tom Baker", "Ada Stone"}
	offices := []extract.Role{{Title: "Secretary General", Org: "NATO"}, {Title: "Chief executive", Org: "Harrow Motors"},
		{Title: "Chief executive", Org: "Harrow Motors", Until: "PAST_REF"}, {Title: "Minister", Org: "Defence", Since: "2024-10-01"}, {Title: "Chairman"}}
	article := func(n, version int) store.SourceInput {
		var b strings.Builder
		var ents []ent
		for i := range 3 {
			p := people[rng.IntN(len(people))]
			name := p
			if rng.IntN(3) == 0 {
				name = strings.Fields(p)[1] // a bare surname
			}
			fmt.Fprintf(&b, "%s spoke on day %d of version %d, sentence %d.\n", name, n, version, i)
			r := offices[rng.IntN(len(offices))]
			ents = append(ents, ent{name: name, kind: extract.Person, roles: []extract.Role{r}})
		}
		text := b.String()
		return store.SourceInput{Name: fmt.Sprintf("a%d", n), Title: "A", Published: fmt.Sprintf("2025-10-%02d", 1+n%28), Text: text,
			Doc: buildDoc(text, ents, nil, nil)}
	}
	for n := range 40 {
		if _, err := db.LoadSource(ctx, article(n, 0)); err != nil {
			t.Fatal(err)
		}
	}
	checkRoleGroups(t, db, "after loads")
	var batch []store.SourceInput
	for n := 30; n < 50; n++ {
		batch = append(batch, article(n, 1))
	}
	if _, err := db.LoadSources(ctx, batch); err != nil {
		t.Fatal(err)
	}
	checkRoleGroups(t, db, "after a batch with reloads")
	for _, n := range []int{0, 39, 7, 45, 12} {
		if err := db.RemoveSource(ctx, fmt.Sprintf("a%d", n)); err != nil {
			t.Fatal(err)
		}
		checkRoleGroups(t, db, fmt.Sprintf("after removing a%d", n))
	}
}

// TestRoleGroups_Migrate opens a database of the schema before
// role_groups, with roles in it, and checks that the migration folds
// them, and that profiles read roles from them.
func TestRoleGroups_Migrate(t *testing.T) {
	ctx := context.Background()
	db := openUpgraded(t, func(old *store.DB) { mustLoad(t, old) }, "053", "056")
	ents, _, err := db.FindEntities(ctx, store.EntityFilter{Name: "rutte"})
	if err != nil || len(ents) == 0 {
		t.Fatal(ents, err)
	}
	checkRoleGroups(t, db, "after the migration")
	if n, err := db.QueryRows(`SELECT COUNT(*) FROM role_groups`); err != nil || n[0] == "0" {
		t.Fatalf("role_groups empty after the migration: %v %v", n, err)
	}
	p, err := db.Profile(ctx, ents[0].ID, "")
	if err != nil || len(p.Roles) != 1 || p.Roles[0].Title != "Secretary General" || p.Roles[0].Org != "NATO" {
		t.Fatalf("Rutte's roles after the migration: %+v, %v", p, err)
	}
}
