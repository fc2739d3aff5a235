package extract

import "time"

// FindTimes finds the time expressions in text and normalises them against
// the publication date. sents are the sentences of text, used to read the
// tense that decides the direction of "Wednesday" or "on Monday".
//
// TODO(timex helper): implement.
func FindTimes(text string, sents []Sentence, published time.Time) []Time {
	return nil
}
