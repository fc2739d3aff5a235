package extract

// FindQuotes finds the direct quotes in text and attributes each to its
// speaker, using the mentions and entities found in text to resolve names,
// pronouns and roles. The Date and Source of the returned quotes are left
// for the caller to fill.
//
// TODO(quotes helper): implement.
func FindQuotes(text string, sents []Sentence, mentions []Mention, entities []Entity) []Quote {
	return nil
}
