package hub

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Roles are the roles a member may have, most powerful first.
var Roles = []string{"owner", "editor", "coder", "viewer"}

// AddMember makes pgUser a member of the hub at dbURL with role (owner,
// editor, coder or viewer): a PostgreSQL login role (with password, when
// given) in the group role exhibit_<role>, out of the others. Only an
// owner may; PostgreSQL checks it.
func AddMember(ctx context.Context, dbURL, pgUser, role, password string) error {
	ok := false
	for _, r := range Roles {
		ok = ok || r == role
	}
	if !ok {
		return fmt.Errorf("add member %s: no role %q (owner, editor, coder or viewer)", pgUser, role)
	}
	s, err := openSession(ctx, dbURL, nil)
	if err != nil {
		return err
	}
	defer s.close()
	var pw any
	if password != "" {
		pw = password
	}
	return s.do(ctx, "add member "+pgUser, func(conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, `SELECT exhibit_add_member($1, $2, $3)`, pgUser, role, pw)
		return err
	})
}
