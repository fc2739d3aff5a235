package extract

import "testing"

// Eighth round (q8): quote speakers and event dates on unseen styles.
// Each case is an invented sentence of the class a rule serves, with
// names and wording of its own, not a sentence of a held-out article.

// hoQuoteSpeaker returns the speaker of the quote whose text starts
// with prefix, and whether there is one.
func hoQuoteSpeaker(doc *Document, prefix string) (string, bool) {
	for _, q := range doc.Quotes {
		if len(q.Text) >= len(prefix) && q.Text[:len(prefix)] == prefix {
			return q.Speaker, true
		}
	}
	return "", false
}

// hoTimeValue returns the value of the time expression written text.
func hoTimeValue(doc *Document, text string) string {
	for _, x := range doc.Times {
		if x.Text == text {
			return x.Value
		}
	}
	return ""
}

func TestQ8DescriptionSpeakers(t *testing.T) {
	tests := []struct {
		text, quote, want string
	}{
		// An age after "the" re-describes the person just named.
		{"Goalkeeper Marta Lindgren kept a clean sheet on her debut. \"I was shaking before kick-off,\" the 24-year-old said.",
			"I was shaking", "Marta Lindgren"},
		// So does an agent noun no role in the text resolves.
		{"Idris Okonkwo-Bell retired from the squad at the weekend. \"It was time to go,\" the striker said.",
			"It was time", "Idris Okonkwo-Bell"},
		{"Fenwick Arditi sang the closing number alone. \"I wrote it for my mother,\" the pianist added.",
			"I wrote it", "Fenwick Arditi"},
	}
	for _, tc := range tests {
		doc := hoExtract(t, "Headline\n\n"+tc.text, "2026-04-02")
		got, ok := hoQuoteSpeaker(doc, tc.quote)
		if !ok || got != tc.want {
			t.Errorf("%q: speaker %q (found %v), want %q", tc.text, got, ok, tc.want)
		}
	}
	// A source the text leaves unnamed stays unattributed, not given to
	// the person of the sentence before.
	doc := hoExtract(t, "Headline\n\nTomasz Rybak left the ministry in March. \"Nobody was surprised,\" the insider said.", "2026-04-02")
	if got, ok := hoQuoteSpeaker(doc, "Nobody was surprised"); ok && got == "Tomasz Rybak" {
		t.Errorf("an unnamed insider's quote went to %q", got)
	}
}

func TestQ8OpeningPhraseNotSubject(t *testing.T) {
	tests := []struct {
		text, quote, want string
	}{
		// A name inside an opening participial or prepositional phrase is
		// not the subject a pronoun goes back to.
		{"Speaking on Harbourline FM's Breakfast Hour show on Friday, Odile Marchetti said the pier would reopen. \"We are nearly there,\" she told listeners.",
			"We are nearly there", "Odile Marchetti"},
		{"Asked by host Benedikt Aurel whether fares would rise, Priya Castellano said no decision had been taken. \"Not this year,\" she said.",
			"Not this year", "Priya Castellano"},
		// A participle before a capitalised title is part of the subject.
		{"Outgoing Chairman Lars Pettersen thanked the staff. \"It has been an honour,\" he said.",
			"It has been an honour", "Lars Pettersen"},
	}
	for _, tc := range tests {
		doc := hoExtract(t, "Headline\n\n"+tc.text, "2026-04-02")
		got, ok := hoQuoteSpeaker(doc, tc.quote)
		if !ok || got != tc.want {
			t.Errorf("%q: speaker %q (found %v), want %q", tc.text, got, ok, tc.want)
		}
	}
}

func TestQ8TenseOfTimes(t *testing.T) {
	tests := []struct {
		text, pub, time, want string
	}{
		// "to" before a determiner is a preposition: the verb's past
		// tense places the weekday.
		{"Kestrel United climbed to the top of the table on Saturday.", "2026-05-10", "Saturday", "2026-05-09"},
		// A weekday opening a clause after ", and" takes that clause's
		// tense, not the verb before the comma's.
		{"The crew spent Monday clearing the site, and on Friday they will pour the concrete.", "2026-05-13", "Friday", "2026-05-15"},
		// A timetable told in the present lies ahead.
		{"The council said in June that new parking charges take effect on Oct. 3.", "2026-07-20", "Oct. 3", "2026-10-03"},
		{"Officials announced that the trial resumes on Tuesday.", "2026-07-16", "Tuesday", "2026-07-21"},
	}
	for _, tc := range tests {
		doc := hoExtract(t, "Headline\n\n"+tc.text, tc.pub)
		if got := hoTimeValue(doc, tc.time); got != tc.want {
			t.Errorf("%q: %q = %q, want %q", tc.text, tc.time, got, tc.want)
		}
	}
}

func TestQ8ClockTimeTakesFollowingDay(t *testing.T) {
	// "at 9.15pm on 12 October 2024": the clock time is on the day named
	// after it, day before month, not on the publication date.
	doc := hoExtract(t, "Headline\n\nThe witness said the van left the yard at about 9pm on 12 October 2024.", "2026-02-03")
	if got := hoTimeValue(doc, "about 9pm"); got != "2024-10-12T21:00" {
		t.Errorf("about 9pm = %q, want 2024-10-12T21:00", got)
	}
}

func TestQ8AYearLater(t *testing.T) {
	// "A year later" after a date is a year on from it; "a year" after a
	// figure compared "from" stays a comparison, and "a year" after an
	// amount is a rate.
	doc := hoExtract(t, "Headline\n\nThe Orvel plant opened in March 2019. A year later it doubled its staff.", "2026-02-03")
	if got := hoTimeValue(doc, "A year later"); got != "2020" {
		t.Errorf("A year later = %q, want 2020", got)
	}
	doc = hoExtract(t, "Headline\n\nSales in the third quarter rose to $12 million, from $9 million a year earlier.", "2026-11-03")
	if got := hoTimeValue(doc, "a year earlier"); got != "" {
		t.Errorf("a compared \"a year earlier\" was dated %q", got)
	}
}

func TestQ8IndefiniteSubjectIsNew(t *testing.T) {
	// "A former treasurer of the club, NAME," brings in someone new: the
	// pronoun after goes to the name, not to the treasurer named before.
	text := "Headline\n\nThe club's treasurer, Oskar Venn, presented the accounts on Monday.\n\n" +
		"A former treasurer of the club, Dmitri Halloway, who kept its books for a decade, said the figures were wrong. \"Nobody checked the ledger,\" he said."
	doc := hoExtract(t, text, "2026-04-02")
	if got, ok := hoQuoteSpeaker(doc, "Nobody checked"); !ok || got != "Dmitri Halloway" {
		t.Errorf("speaker %q (found %v), want Dmitri Halloway", got, ok)
	}
}

func TestQ8ClockTimeTakesDayJustTold(t *testing.T) {
	// A clock time with no day of its own, in the sentence after one that
	// told a day, is on that day, not on the publication date.
	doc := hoExtract(t, "Headline\n\nThe polls closed on Thursday, Oct. 8. The last ballot box reached the count at about 11pm.", "2026-10-10")
	if got := hoTimeValue(doc, "about 11pm"); got != "2026-10-08T23:00" {
		t.Errorf("about 11pm = %q, want 2026-10-08T23:00", got)
	}
}

func TestQ8PossessiveBeforeNameNotItsGender(t *testing.T) {
	// "Her agent, NAME, declined": the "her" is someone else, so it does
	// not make NAME a woman that a later "he" cannot refer to.
	text := "Headline\n\nThe singer Livia Marchetti cancelled the tour on Friday. Her agent, Gustav Brenner, declined to give a reason at first. \"She needs rest,\" he said."
	doc := hoExtract(t, text, "2026-04-02")
	if got, ok := hoQuoteSpeaker(doc, "She needs rest"); !ok || got != "Gustav Brenner" {
		t.Errorf("speaker %q (found %v), want Gustav Brenner", got, ok)
	}
}

func TestQ8AddresseeIsNoSpeaker(t *testing.T) {
	// A paper or programme someone told or spoke to does not speak for
	// "the company" later.
	text := "Headline\n\nOlwen Brisk told the Harbour Ledger that the yard would close. \"It is a sad day,\" she said.\n\n" +
		"\"Every worker will be paid in full,\" the company said in a statement."
	doc := hoExtract(t, text, "2026-04-02")
	if got, ok := hoQuoteSpeaker(doc, "Every worker"); ok && got == "Harbour Ledger" {
		t.Errorf("the company's quote went to the paper it was told to")
	}
}

func TestQ8AgeDescriptionFindsThatAge(t *testing.T) {
	// "the 29-year-old" is the person the text gave that age, even when
	// someone else is the subject of the sentence before.
	text := "Headline\n\nMiriam Achterhof, 29, won the women's race. Runner-up Selam Gebre said the heat was brutal. \"I have waited six years for this,\" the 29-year-old said."
	doc := hoExtract(t, text, "2026-04-02")
	if got, ok := hoQuoteSpeaker(doc, "I have waited"); !ok || got != "Miriam Achterhof" {
		t.Errorf("speaker %q (found %v), want Miriam Achterhof", got, ok)
	}
}

func TestQ8ThePreviousMonth(t *testing.T) {
	// "the previous month" counts back from the date last named, as "the
	// following year" counts on from it.
	doc := hoExtract(t, "Headline\n\nThe depot flooded on 9 November 2023. Staff had warned about the drains the previous month.", "2026-02-03")
	if got := hoTimeValue(doc, "the previous month"); got != "2023-10" {
		t.Errorf("the previous month = %q, want 2023-10", got)
	}
}

func TestQ8ColonHandsTheFloor(t *testing.T) {
	// A sentence ending in a colon introduces the quotation of the next
	// paragraph, whatever its verb.
	text := "Headline\n\nHarbourmaster Ottilie Vane summed up the week in one line:\n\n\"We have never seen tides like it.\""
	doc := hoExtract(t, text, "2026-04-02")
	if got, ok := hoQuoteSpeaker(doc, "We have never seen"); !ok || got != "Ottilie Vane" {
		t.Errorf("speaker %q (found %v), want Ottilie Vane", got, ok)
	}
}

func TestQ8ObjectPronounNotItsGender(t *testing.T) {
	// "NAME sided with him": the object is someone else, so NAME is not
	// taken for a man whom a later "she" cannot be.
	text := "Headline\n\nThe treasurer resigned on Monday. Councillor Ruth Adeyemi-Lowe sided with him at first. " +
		"The vote was close. \"We owe the town an apology,\" she said."
	doc := hoExtract(t, text, "2026-04-02")
	if got, ok := hoQuoteSpeaker(doc, "We owe the town"); !ok || got != "Ruth Adeyemi-Lowe" {
		t.Errorf("speaker %q (found %v), want Ruth Adeyemi-Lowe", got, ok)
	}
}

func TestQ8QuoteAfterGestureInParagraph(t *testing.T) {
	// A quotation standing alone in the paragraph of a sentence about one
	// person, with no verb of saying ("shrugs", "laughs"), is theirs; in
	// a paragraph of its own it is not given to the last person named.
	text := "Headline\n\nAsked about the rumours, Casimir Oduya shrugs. \"People talk. I bake.\"\n\nThe shop opened in 1998.\n\n\"Nobody remembers that,\""
	doc := hoExtract(t, text, "2026-04-02")
	if got, ok := hoQuoteSpeaker(doc, "People talk"); !ok || got != "Casimir Oduya" {
		t.Errorf("speaker %q (found %v), want Casimir Oduya", got, ok)
	}
}

func TestQ8HalfOfSomethingElse(t *testing.T) {
	// "the first half of the season" is no calendar half; "the second
	// half of the year" is.
	doc := hoExtract(t, "Headline\n\nThe winger missed the first half of the season with a broken toe.", "2026-04-02")
	if got := hoTimeValue(doc, "the first half"); got != "" {
		t.Errorf("the first half (of the season) = %q, want no date", got)
	}
	doc = hoExtract(t, "Headline\n\nThe brewer expects sales to recover in the second half of the year.", "2026-04-02")
	if got := hoTimeValue(doc, "the second half of the year"); got != "2026-H2" {
		t.Errorf("the second half of the year = %q, want 2026-H2", got)
	}
}

func TestQ8FutureInPastFromTheTelling(t *testing.T) {
	// A weekday that "would" come, told on a day named earlier in the
	// sentence, is the first such weekday after the telling.
	doc := hoExtract(t, "Headline\n\nThe board said on Tuesday that it would announce the new chief on Friday.", "2026-06-13")
	if got := hoTimeValue(doc, "Friday"); got != "2026-06-12" {
		t.Errorf("Friday = %q, want 2026-06-12", got)
	}
	// Told as still ahead ("will"), it counts from publication.
	doc = hoExtract(t, "Headline\n\nThe board said on Tuesday that it will announce the new chief on Friday.", "2026-06-13")
	if got := hoTimeValue(doc, "Friday"); got != "2026-06-19" {
		t.Errorf("Friday (will) = %q, want 2026-06-19", got)
	}
}

func TestQ8CouldLooksAhead(t *testing.T) {
	// "could" before a verb is a possibility ahead, even after a past
	// participle opening the sentence.
	doc := hoExtract(t, "Headline\n\nAsked whether the ferry could run again in September, the operator declined to say.", "2026-07-20")
	if got := hoTimeValue(doc, "September"); got != "2026-09" {
		t.Errorf("September (could run) = %q, want 2026-09", got)
	}
}

func TestQ8OpeningWithVerbKeepsSubject(t *testing.T) {
	// A prepositional opening with no comma before the verb is no
	// adverbial to skip: the subject stands inside it.
	text := "Headline\n\nMarta Kolar opened a café in 2015. In 2019 Anouk Verhaegen founded the bakery, which now employs 40 people. \"I started with one oven,\" she said."
	doc := hoExtract(t, text, "2026-04-02")
	if got, ok := hoQuoteSpeaker(doc, "I started with"); !ok || got != "Anouk Verhaegen" {
		t.Errorf("speaker %q (found %v), want Anouk Verhaegen", got, ok)
	}
}
