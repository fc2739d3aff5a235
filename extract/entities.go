package extract

// FindEntities finds the people, organisations and places named in text,
// groups their mentions into entities ("Mark Rutte" and later "Rutte" are
// one person), and reads their roles. times are the time expressions of
// text, so that month and day names are not taken for names and role
// dates ("since Oct. 1, 2024") can be read.
//
// TODO(ner helper): implement.
func FindEntities(text string, sents []Sentence, times []Time) ([]Mention, []Entity) {
	return nil, nil
}
