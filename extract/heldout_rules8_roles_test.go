package extract

import "testing"

// The tests below pin down the role classes of the eighth round of issue
// 11, each on invented sentences with names and wording of their own (not
// those of dev articles 143-152), so that a rule fitting only those
// articles fails here.

type r8Role struct {
	person, title, org string
	former             bool
}

// r8CheckRoles reports each wanted role that text does not give its
// person, matching title, organisation and whether it has ended.
func r8CheckRoles(t *testing.T, text string, want ...r8Role) {
	t.Helper()
	doc := hoExtract(t, text, "2026-05-12")
	for _, w := range want {
		e := hoEntity(doc, w.person)
		if e == nil || e.Kind != Person {
			t.Errorf("%q: no person %q in %v", text, w.person, hoNames(doc))
			continue
		}
		ok := false
		for _, r := range e.Roles {
			if r.Title == w.title && r.Org == w.org && (r.Until != "") == w.former {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: %q roles %+v, want %+v", text, w.person, e.Roles, w)
		}
	}
}

// TestR8TitleWords covers general newsroom titles the lexicon lacked:
// law-firm partners, a regent, an undersheriff, a shop steward, a vet and
// medical posts.
func TestR8TitleWords(t *testing.T) {
	r8CheckRoles(t, "Orla Pennick, a senior partner at Gaunt Royce, said the case was weak.", r8Role{"Orla Pennick", "Senior Partner", "Gaunt Royce", false})
	r8CheckRoles(t, "Meridale Regent Yusuf Hartanto opened the clinic on Monday.", r8Role{"Yusuf Hartanto", "Regent", "Meridale", false})
	r8CheckRoles(t, "Undersheriff Carla Dunne said the jail was full.", r8Role{"Carla Dunne", "Undersheriff", "", false})
	r8CheckRoles(t, "Pete Harrop, a shop steward at the depot, called the vote.", r8Role{"Pete Harrop", "Shop Steward", "", false})
	r8CheckRoles(t, "Dr Lise Amundsen, a consultant obstetrician, will act for now.", r8Role{"Lise Amundsen", "Consultant Obstetrician", "", false})
}

// TestR8Successions covers a leaver named only as the one a taker
// succeeds, replaces or takes over from: the leaver held the post the
// taker takes, which has ended unless the handover is still to come.
func TestR8Successions(t *testing.T) {
	r8CheckRoles(t, "Kelso Mills has appointed Ruth Anand as its finance director. She replaces Colin Burt, who left in April.",
		r8Role{"Colin Burt", "Finance Director", "Kelso Mills", true})
	r8CheckRoles(t, "Tom Hale was elected president of the Ferrier Rowing Club on Monday. He will succeed Amos Grey, who is retiring after a decade.",
		r8Role{"Amos Grey", "President", "Ferrier Rowing Club", false})
	// A post the taker already holds, told in an apposition, is not
	// the one taken.
	r8CheckRoles(t, "The Orme Trust named Dr Bea Kaur as interim director on Friday. Dr Kaur, who has been the trust's head of research since 2020, took over from Lionel Fry.",
		r8Role{"Lionel Fry", "Director", "Orme Trust", true})
}

// TestR8Appointments covers appointments told around an apposition or a
// description: the appointing body before an apposition, a second verb
// coordinated with the first, "promoted NAME to TITLE", a description
// of the person between the verb and the name.
func TestR8Appointments(t *testing.T) {
	r8CheckRoles(t, "Pellam Foods, the dairy cooperative, has appointed Jo Reyes as chair.", r8Role{"Jo Reyes", "Chair", "Pellam Foods", false})
	r8CheckRoles(t, "Harwick Legal has promoted Ana Brill to counsel and named Sam Ode, formerly a senior associate at Dray & Co, as a partner.",
		r8Role{"Ana Brill", "Counsel", "Harwick Legal", false},
		r8Role{"Sam Ode", "Partner", "Harwick Legal", false},
		r8Role{"Sam Ode", "Senior Associate", "Dray & Co", true})
	r8CheckRoles(t, "Korvel Studio has named the Dutch architect Pim Zwart as its design director.", r8Role{"Pim Zwart", "Design Director", "Korvel Studio", false})
}

// TestR8FormerAndUnits covers "previously"/"formerly"/"retired" before an
// apposition's title, a relative clause after the apposition, and a
// title over a lower-case unit of a body named by its common noun.
func TestR8FormerAndUnits(t *testing.T) {
	r8CheckRoles(t, "Lena Marsh, previously head of sales at Orbin Ltd, who left to become chief executive of Tallis Foods, spoke.",
		r8Role{"Lena Marsh", "Head of Sales", "Orbin Ltd", true},
		r8Role{"Lena Marsh", "Chief Executive", "Tallis Foods", false})
	r8CheckRoles(t, "Ivo Prent, a retired chief constable of Norland Police, chaired it.", r8Role{"Ivo Prent", "Chief Constable", "Norland Police", true})
	r8CheckRoles(t, "Castmere Group reported profits. Ruth Vane, chief executive of the group's hotels division, said so.", r8Role{"Ruth Vane", "Chief Executive", "Castmere Group", false})
	r8CheckRoles(t, "Tova Lind, who heads the tax practice at rival Brand Maule LLP, left.", r8Role{"Tova Lind", "Head of the tax practice", "Brand Maule LLP", false})
}

// TestR8PossessorAndCoordinated covers "Her deputy, NAME," taking the
// organisation of the person the pronoun refers to, and two posts joined
// by "and" before a name, each a role of its own.
func TestR8PossessorAndCoordinated(t *testing.T) {
	r8CheckRoles(t, "Mira Solberg, finance director of Tollan Shipping, will leave in May. Her deputy, Owen Clay, will take over.",
		r8Role{"Owen Clay", "Deputy", "Tollan Shipping", false})
	r8CheckRoles(t, "Harrow Mills Ltd said sales fell. Its president and chief executive, Dana Lusk, was calm.",
		r8Role{"Dana Lusk", "President", "Harrow Mills Ltd", false},
		r8Role{"Dana Lusk", "Chief Executive", "Harrow Mills Ltd", false})
}

// TestR8OrgShapes covers an adviser's body after "to", a head of a
// lower-case field "at the authority", a deputy officer of a union or
// firm in a story about it, and a post held "under" a superior.
func TestR8OrgShapes(t *testing.T) {
	r8CheckRoles(t, "Salma Idris, who now serves as an adviser to the Tarrow Water Board, declined to comment.",
		r8Role{"Salma Idris", "Adviser", "Tarrow Water Board", false})
	r8CheckRoles(t, "The Kessock Port Authority opened a terminal. Ivo Rask, head of customer relations at the authority, said it was busy.",
		r8Role{"Ivo Rask", "Head of Customer Relations", "Kessock Port Authority", false})
	r8CheckRoles(t, "The Amalgamated Bakers' Union elected a leader on Monday. Deputy general secretary Rhona Gill said turnout was low.",
		r8Role{"Rhona Gill", "Deputy General Secretary", "Amalgamated Bakers' Union", false})
	r8CheckRoles(t, "Ben Arlow, now an assistant coach under head coach Tam Reid, said the squad was ready.",
		r8Role{"Ben Arlow", "Assistant Coach", "", false})
}

// TestR8JoinedAndUntil covers "joined ORG as TITLE" (also after an
// apposition, and with the body named by its common noun), "was until T
// the TITLE at ORG", and a place's name describing an organisation
// ("the Lisbon label X").
func TestR8JoinedAndUntil(t *testing.T) {
	r8CheckRoles(t, "Judge Colm Ferris has joined the mediation service Northgate Chambers as an associate member.",
		r8Role{"Colm Ferris", "Associate Member", "Northgate Chambers", false})
	r8CheckRoles(t, "The Penrose Trust met on Monday. Aled Voss, a retired headteacher, joined the trust's board as a trustee in 2019.",
		r8Role{"Aled Voss", "Trustee", "Penrose Trust", false})
	r8CheckRoles(t, "Mara Lind, 39, was until last year the head of menswear at the Lisbon label Casa Verdal.",
		r8Role{"Mara Lind", "Head of Menswear", "Casa Verdal", true})
}

// TestR8CompanyNoun covers "the company's former TITLE, NAME," (the
// marker between the possessive and a lower-case title) and "the
// company's" after a sentence naming a firm by its legal form, when the
// story is about another body.
func TestR8CompanyNoun(t *testing.T) {
	r8CheckRoles(t, "The Port Commission approved the plan. Work will be done by Delmore Dredging Ltd. The company's former safety manager, Ines Kraal, said the site was sound.",
		r8Role{"Ines Kraal", "Safety Manager", "Delmore Dredging Ltd.", true})
}

// TestR8ColonList covers a plural title before a colon listing its
// holders, each item opened by a name.
func TestR8ColonList(t *testing.T) {
	r8CheckRoles(t, "Bramwell Housing Trust has named two directors: Ayo Bankole, a surveyor; and Kit Marsh, who ran a letting agency.",
		r8Role{"Ayo Bankole", "Director", "Bramwell Housing Trust", false},
		r8Role{"Kit Marsh", "Director", "Bramwell Housing Trust", false})
}

// TestR8SuccessorApposition covers "His successor, NAME," taking the
// post the person the pronoun refers to has left.
func TestR8SuccessorApposition(t *testing.T) {
	r8CheckRoles(t, "Pell Robotics' founder, Arne Voll, who stepped down as chief executive in 2024, sold his shares. His successor, Dina Roux, said the firm would grow.",
		r8Role{"Dina Roux", "Chief Executive", "Pell Robotics", false})
}

// TestR8CopulaAfterApposition covers a copula after an apposition ("Dr
// NAME, a consultant X, will act as medical director") and a hospital's
// medical director taking the story's trust.
func TestR8CopulaAfterApposition(t *testing.T) {
	r8CheckRoles(t, "The Vale Hospitals Trust lost its chief executive on Monday. Dr Omar Sade, a consultant radiologist, will act as medical director.",
		r8Role{"Omar Sade", "Medical Director", "Vale Hospitals Trust", false})
}
