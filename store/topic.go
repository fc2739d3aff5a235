package store

import "sort"

// topicMentions is how often an article must name an entity to be about
// it when its lead does not.
const topicMentions = 3

// insertTopics records the entities the source being loaded is about (see
// migration 030): those named in its lead (see leadEnd), or named
// topicMentions times or more. mentions counts each entity's mentions.
func (l *loader) insertTopics(mentions map[int64]int, inLead map[int64]bool) error {
	var ids []int64
	for id, n := range mentions {
		if n >= topicMentions || inLead[id] {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	args := make([]any, 0, 2*len(ids))
	for _, id := range ids {
		args = append(args, id, l.src)
	}
	return l.insertRowsThen(`source_topics (entity_id, source_id)`, 2, args, ` ON CONFLICT DO NOTHING`)
}
