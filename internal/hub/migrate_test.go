package hub

import (
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/exhibit-app/exhibit/internal/hubtest"
)

// TestPolicies drives the hub's tables in SQL, as each role: what
// PostgreSQL takes and refuses, whatever the client.
func TestPolicies(t *testing.T) {
	pg := hubtest.SharedPostgres(t)
	db := pg.NewDatabase(t)
	c := ctx(t)
	super, err := connect(c, pg.SuperURL(db))
	if err != nil {
		t.Fatal(err)
	}
	defer super.Close(c)
	if err := migrate(c, super); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if err := migrate(c, super); err != nil {
		t.Fatalf("migrate again: %v", err)
	}
	if _, err := super.Exec(c, `INSERT INTO hub_info (case_id, store) VALUES ('case', 'http://x/y')`); err != nil {
		t.Fatal(err)
	}
	as := func(name, role string) *pgx.Conn {
		user := name + "_" + db
		if err := AddMember(c, pg.SuperURL(db), user, role, "pw"); err != nil {
			t.Fatalf("add %s: %v", user, err)
		}
		conn, err := connect(c, pg.URL(user, "pw", db))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close(c) })
		if _, err := conn.Exec(c, `INSERT INTO keys (fingerprint, public_key_pem) VALUES ($1, 'pem')`, "key-"+name); err != nil {
			t.Fatalf("%s registers a key: %v", name, err)
		}
		return conn
	}
	editor, coder, viewer, owner := as("ed", "editor"), as("co", "coder"), as("vi", "viewer"), as("ow", "owner")
	n := 0
	push := func(conn *pgx.Conn, signer, author, rows, data string) error {
		n++
		_, err := conn.Exec(c, `INSERT INTO entries (hash, prev, depth, at, actor, key, session, action, object, details,
			rows_digest, rows, data, signer, signature) VALUES ($1, '', 1, '', '', $2, '', 'x', '', '', '', $3::jsonb, $4::json, $5, '')`,
			strings.Repeat("0", 60)+string(rune('a'+n%26))+string(rune('a'+n/26)), author, rows, data, signer)
		return err
	}
	tests := []struct {
		name                 string
		conn                 *pgx.Conn
		signer, author, rows string
		data                 string
		want                 string // "" for taken, else part of PostgreSQL's refusal
	}{
		{"editor, any row", editor, "key-ed", "key-ed", `{"images/1": "h", "notes/2": ""}`, `{"images/1": []}`, ""},
		{"owner, any row", owner, "key-ow", "key-ow", `{"sites/1": "h"}`, `{"sites/1": []}`, ""},
		{"coder, a note and a tag", coder, "key-co", "key-co", `{"notes/5": "h", "tags/3": "h", "site_codes/1": "h"}`, `{"notes/5": []}`, ""},
		{"coder, no rows", coder, "key-co", "key-co", `{}`, `{}`, ""},
		{"coder, a site", coder, "key-co", "key-co", `{"sites/1": "h"}`, `{"sites/1": []}`, "row-level security"},
		{"coder, a note removed", coder, "key-co", "key-co", `{"notes/5": ""}`, `{}`, "row-level security"},
		{"viewer", viewer, "key-vi", "key-vi", `{}`, `{}`, "permission denied"},
		{"editor, another's key", editor, "key-co", "key-co", `{}`, `{}`, "row-level security"},
		{"editor, an unknown key", editor, "nokey", "nokey", `{}`, `{}`, "row-level security"},
		{"editor, history by another author", editor, "key-ed", "key-old", `{"images/1": "h"}`, `{}`, ""},
		{"editor, a new entry as another author", editor, "key-ed", "key-co", `{"images/1": "h"}`, `{"images/1": []}`, "row-level security"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := push(tc.conn, tc.signer, tc.author, tc.rows, tc.data)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
	refused := []struct{ name, sql string }{
		{"update an entry", `UPDATE entries SET details = 'x'`},
		{"delete an entry", `DELETE FROM entries`},
		{"update a key", `UPDATE keys SET pg_role = current_user`},
		{"key for another role", `INSERT INTO keys (fingerprint, public_key_pem, pg_role) VALUES ('k2', 'pem', 'postgres')`},
		{"choose a member number", `INSERT INTO keys (fingerprint, public_key_pem, member) VALUES ('k3', 'pem', 99)`},
		{"a member added by an editor", `SELECT exhibit_add_member('eve', 'owner', 'pw')`},
	}
	for _, tc := range refused {
		for name, conn := range map[string]*pgx.Conn{"owner": owner, "editor": editor} {
			t.Run(tc.name+" as "+name, func(t *testing.T) {
				if tc.name == "a member added by an editor" && name == "owner" {
					return
				}
				if _, err := conn.Exec(c, tc.sql); err == nil {
					t.Errorf("%s: taken", tc.sql)
				}
			})
		}
	}
	newbie := "newbie_" + db
	if _, err := owner.Exec(c, `SELECT exhibit_add_member($1, 'coder', 'pw')`, newbie); err != nil {
		t.Errorf("an owner adds a member: %v", err)
	} else if conn, err := connect(c, pg.URL(newbie, "pw", db)); err != nil {
		t.Errorf("the new member connects: %v", err)
	} else {
		conn.Close(c)
	}
	for _, who := range []string{"postgres", "exhibit_owner", "pg_monitor"} {
		if _, err := owner.Exec(c, `SELECT exhibit_add_member($1, 'viewer', NULL)`, who); err == nil {
			t.Errorf("an owner made %s a member", who)
		}
	}
	if _, err := super.Exec(c, `DELETE FROM entries`); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("a superuser's DELETE: got %v, want the append-only trigger's refusal", err)
	}
}
