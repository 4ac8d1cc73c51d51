package catalog

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/exhibit-app/exhibit/catalog/reportparse"
)

// SearchHit is one excerpt or image note matching a search.
type SearchHit struct {
	// Excerpt is set for a hit in a report excerpt.
	Excerpt *Excerpt
	// Note is set for a hit in an image's note.
	Note *Note
	// Snippet is the best-matching part of the text with the matched words
	// between ** and **, and … where text was left out.
	Snippet string
	// Rank orders hits: lower is better (SQLite FTS5 bm25).
	Rank float64
}

// queryTerm is a word of a query, normalised, for highlighting.
type queryTerm struct {
	word   string
	prefix bool
}

// ftsQuery turns a user's query into an FTS5 query over normalised text:
// words (all must match), "exact phrases", prefixes (strik*), and the
// operators OR and NOT (in capitals). It returns the words to highlight.
// Control characters count as spaces (FTS5 would not take a NUL), and an
// operator right after another is dropped: what it builds is always a
// query FTS5 accepts (FuzzFTSQuery).
func ftsQuery(q string) (string, []queryTerm, error) {
	var b queryBuilder
	rs := []rune(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, q))
	for i := 0; i < len(rs); {
		switch r := rs[i]; {
		case unicode.IsSpace(r) || r == '(' || r == ')':
			i++
		case r == '"':
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			b.phrase(string(rs[i+1 : j]))
			i = j + 1
		default:
			j := i
			for j < len(rs) && !isQueryBreak(rs[j]) {
				j++
			}
			b.word(string(rs[i:j]))
			i = j
		}
	}
	// Operators need operands on both sides (none is first: see word).
	for len(b.out) > 0 && isOperator(b.out[len(b.out)-1]) {
		b.out = b.out[:len(b.out)-1]
	}
	if len(b.terms) == 0 {
		return "", nil, errors.New("the query has no words to search for")
	}
	return strings.Join(b.out, " "), b.terms, nil
}

// queryBuilder collects the FTS5 query ftsQuery builds, and its terms.
type queryBuilder struct {
	out   []string
	terms []queryTerm
}

// isQueryBreak reports whether r ends a word of a query.
func isQueryBreak(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '(' || r == ')' }

// phrase adds the words between quotes, as a phrase.
func (b *queryBuilder) phrase(text string) {
	words := strings.Fields(reportparse.Normalize(text))
	if len(words) == 0 {
		return
	}
	for _, w := range words {
		b.terms = append(b.terms, queryTerm{word: w})
	}
	b.out = append(b.out, `"`+strings.ReplaceAll(strings.Join(words, " "), `"`, "")+`"`)
}

// word adds an operator (unless first or after another) or a word, a
// prefix when it ends in *.
func (b *queryBuilder) word(word string) {
	if isOperator(word) {
		if len(b.out) > 0 && !isOperator(b.out[len(b.out)-1]) {
			b.out = append(b.out, word)
		}
		return
	}
	prefix := strings.HasSuffix(word, "*")
	norm := strings.Fields(reportparse.Normalize(strings.TrimRight(word, "*")))
	if len(norm) == 0 {
		return
	}
	for k, w := range norm {
		b.terms = append(b.terms, queryTerm{word: w, prefix: prefix && k == len(norm)-1})
	}
	t := `"` + strings.Join(norm, " ") + `"`
	if prefix {
		t += "*"
	}
	b.out = append(b.out, t)
}

func isOperator(s string) bool { return s == "OR" || s == "NOT" || s == "AND" }

// Search finds excerpts and image notes matching query, best first. It
// folds case and diacritics (Latin accents, Arabic harakat), and supports
// "phrases", prefix* and OR / NOT.
func (c *Case) Search(ctx context.Context, query string, limit int) ([]*SearchHit, error) {
	fq, terms, err := ftsQuery(query)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	if limit <= 0 {
		limit = 100
	}
	var hits []*SearchHit
	rows, err := c.rd.QueryContext(ctx, `SELECT `+excerptColumns+`, bm25(excerpts_fts) FROM excerpts_fts
		JOIN excerpts e ON e.id = excerpts_fts.rowid JOIN reports r ON r.id = e.report_id
		WHERE excerpts_fts MATCH ? ORDER BY bm25(excerpts_fts) LIMIT ?`, fq, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	for rows.Next() {
		var h SearchHit
		var er excerptRow
		if err := rows.Scan(append(er.dest(), &h.Rank)...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		h.Excerpt = er.excerpt()
		h.Snippet = snippet(h.Excerpt.Text, terms, 32)
		hits = append(hits, &h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}

	rows, err = c.rd.QueryContext(ctx, `SELECT n.id, n.image_id, n.text, n.created_at, bm25(notes_fts) FROM notes_fts
		JOIN notes n ON n.id = notes_fts.rowid WHERE notes_fts MATCH ? AND n.deleted_at IS NULL
		ORDER BY bm25(notes_fts) LIMIT ?`, fq, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	for rows.Next() {
		var h SearchHit
		var n Note
		var at string
		if err := rows.Scan(&n.ID, &n.ImageID, &n.Text, &at, &h.Rank); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		n.CreatedAt = parseTimestamp(at)
		h.Note = &n
		h.Snippet = snippet(n.Text, terms, 32)
		hits = append(hits, &h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Rank < hits[j].Rank })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// span is a word of a text: its byte offsets.
type span struct{ start, end int }

// words splits text into words as the full-text index does: runs of
// letters, digits and combining marks.
func words(text string) []span {
	var out []span
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(text)})
	}
	return out
}

// snippet returns the window of about n words of text with the most
// matches of terms, the matches between ** and **.
func snippet(text string, terms []queryTerm, n int) string {
	ws := words(text)
	if len(ws) == 0 {
		return text
	}
	hit := make([]bool, len(ws))
	for i, w := range ws {
		norm := reportparse.Normalize(text[w.start:w.end])
		for _, t := range terms {
			if norm == t.word || t.prefix && strings.HasPrefix(norm, t.word) {
				hit[i] = true
				break
			}
		}
	}
	best, bestCount := 0, -1
	for s := 0; s == 0 || s+n <= len(ws); s++ {
		count := 0
		for i := s; i < min(s+n, len(ws)); i++ {
			if hit[i] {
				count++
			}
		}
		if count > bestCount {
			best, bestCount = s, count
		}
		if s+n >= len(ws) {
			break
		}
	}
	end := min(best+n, len(ws))
	var b strings.Builder
	from := ws[best].start
	if best > 0 {
		b.WriteString("…")
	} else {
		from = 0
	}
	to := ws[end-1].end
	if end == len(ws) {
		to = len(text)
	}
	pos := from
	for i := best; i < end; i++ {
		if !hit[i] {
			continue
		}
		b.WriteString(text[pos:ws[i].start])
		b.WriteString("**" + text[ws[i].start:ws[i].end] + "**")
		pos = ws[i].end
	}
	b.WriteString(text[pos:to])
	if end < len(ws) {
		b.WriteString("…")
	}
	return b.String()
}
