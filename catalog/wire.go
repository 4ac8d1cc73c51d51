package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// A row's content travels as JSON: an array of [column, type, value]
// triples in column-name order, every value a string so that nothing is
// lost on the way ("i" integer in decimal, "f" real in Go's shortest
// exact form, "s" text, "b" blob in hex, "n" null with value ""). The
// receiver rebuilds the row's canonical form from it and checks the hash
// the entry recorded, so a row changed on the way, on the hub or by the
// sender after signing does not pass.

// encodeRow returns a row's content as JSON.
func encodeRow(cols []string, order []int, vals []any) []byte {
	out := make([][3]string, 0, len(order))
	for _, i := range order {
		t, v := "s", ""
		switch x := vals[i].(type) {
		case nil:
			t = "n"
		case int64:
			t, v = "i", strconv.FormatInt(x, 10)
		case float64:
			t, v = "f", strconv.FormatFloat(x, 'g', -1, 64)
		case string:
			v = x
		case []byte:
			t, v = "b", hex.EncodeToString(x)
		case bool:
			t, v = "i", "0"
			if x {
				v = "1"
			}
		default:
			// appendValue's time.Time and other cases: as text, as the
			// canonical form has them.
			b := appendValue(nil, x)
			if s, ok := strings.CutPrefix(string(b), "s:"); ok {
				_, v, _ = strings.Cut(s, ":")
			} else {
				t, v = "?", string(b)
			}
		}
		out = append(out, [3]string{cols[i], t, v})
	}
	b, _ := json.Marshal(out)
	return b
}

// decodedRow is a row's content read back from JSON.
type decodedRow struct {
	cols []string
	vals []any
}

// decodeRow reads a row's content; the columns come out in name order.
func decodeRow(data []byte) (*decodedRow, error) {
	var in [][3]string
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, fmt.Errorf("read a row's content: %w", err)
	}
	r := &decodedRow{}
	for _, c := range in {
		var v any
		switch c[1] {
		case "n":
		case "i":
			n, err := strconv.ParseInt(c[2], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("read column %s: %w", c[0], err)
			}
			v = n
		case "f":
			f, err := strconv.ParseFloat(c[2], 64)
			if err != nil {
				return nil, fmt.Errorf("read column %s: %w", c[0], err)
			}
			v = f
		case "s":
			v = c[2]
		case "b":
			b, err := hex.DecodeString(c[2])
			if err != nil {
				return nil, fmt.Errorf("read column %s: %w", c[0], err)
			}
			v = b
		default:
			return nil, fmt.Errorf("read column %s: unknown type %q", c[0], c[1])
		}
		if strings.ContainsAny(c[0], "\x00\"") || c[0] == "" {
			return nil, fmt.Errorf("read a row's content: bad column name %q", c[0])
		}
		r.cols = append(r.cols, c[0])
		r.vals = append(r.vals, v)
	}
	if !sort.StringsAreSorted(r.cols) {
		return nil, fmt.Errorf("read a row's content: columns out of order")
	}
	return r, nil
}

// hash returns the content hash of the decoded row as a row of table.
func (r *decodedRow) hash(table string) string {
	order := make([]int, len(r.cols))
	for i := range order {
		order[i] = i
	}
	sum := sha256.Sum256(appendCanonical(nil, table, r.cols, order, r.vals))
	return hex.EncodeToString(sum[:])
}

// WireEntry is an audit entry as it travels between a case and its hub:
// everything its hash covers, its place in the chain, and the rows it
// created, changed or removed with their content.
type WireEntry struct {
	Hash, Prev                                                   string
	At, Actor, Key, Session, Action, Object, Details, RowsDigest string
	// Seq is the entry's depth in the chain: 1 + the greatest depth of its
	// prev and of the other heads a sync.merge entry joins.
	Seq  int64
	Rows []WireRow
}

// WireRow is one row an entry created, changed or removed.
type WireRow struct {
	// Ref names the row ("notes/12"); Hash is its content hash as the
	// entry left it, "" when the entry removed it.
	Ref, Hash string
	// Data is the row's content as the entry left it (see encodeRow); null
	// for a removed row and for entries written before the case joined its
	// hub (history, whose rows a later hub.join entry records again).
	Data json.RawMessage `json:",omitempty"`
}

// EntryMessage returns the bytes an entry's Ed25519 signature on the hub
// covers: the case and the entry's hash (which covers all the rest).
func EntryMessage(caseID, hash string) []byte {
	return []byte("exhibit-entry/1\ncase " + caseID + "\nentry " + hash + "\n")
}

// entry returns the entry as the chain hashes it.
func (e *WireEntry) entry() chainEntry {
	return chainEntry{Prev: e.Prev, At: e.At, Actor: e.Actor, Key: e.Key, Session: e.Session,
		Action: e.Action, Object: e.Object, Details: e.Details, RowsDigest: e.RowsDigest}
}

// Check recomputes the entry's hash, the digest of its rows and the hash
// of every row it carries content for, and says what does not hold.
func (e *WireEntry) Check() error {
	rows := make([]rowHash, len(e.Rows))
	for i, r := range e.Rows {
		rows[i] = rowHash{Ref: r.Ref, Hash: r.Hash}
	}
	if d := rowsDigest(rows); d != e.RowsDigest {
		return fmt.Errorf("entry %s (%s): its rows are not those it recorded", short(e.Hash), e.Action)
	}
	ce := e.entry()
	if h := ce.hash(); h != e.Hash {
		return fmt.Errorf("entry %s (%s): its content does not give its hash", short(e.Hash), e.Action)
	}
	for _, r := range e.Rows {
		table, _, ok := splitRef(r.Ref)
		if !ok {
			return fmt.Errorf("entry %s (%s): bad row name %q", short(e.Hash), e.Action, r.Ref)
		}
		if len(r.Data) == 0 || string(r.Data) == "null" {
			continue
		}
		if r.Hash == "" {
			return fmt.Errorf("entry %s (%s): %s is removed but carries content", short(e.Hash), e.Action, r.Ref)
		}
		d, err := decodeRow(r.Data)
		if err != nil {
			return fmt.Errorf("entry %s (%s), %s: %w", short(e.Hash), e.Action, r.Ref, err)
		}
		if d.hash(table) != r.Hash {
			return fmt.Errorf("entry %s (%s): the content of %s is not what the entry recorded", short(e.Hash), e.Action, r.Ref)
		}
	}
	return nil
}

// splitRef splits "notes/12" into its table and rowid.
func splitRef(ref string) (string, int64, bool) {
	t, id, ok := strings.Cut(ref, "/")
	if !ok || t == "" {
		return "", 0, false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	return t, n, err == nil
}
