package hub

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/exhibit-app/exhibit/catalog"
)

// hubKey is a key registered on the hub.
type hubKey struct {
	KeyInfo
	PGRole string
	Member int64
}

// registerKeys registers on the hub this laptop's key, for the connected
// role, and the other keys the case knows that the hub lacks; it returns
// this laptop's member number. It fails when the laptop's key is
// registered to another role.
func (s *session) registerKeys(ctx context.Context, local Local) (int64, error) {
	signer := local.Signer()
	known, err := local.Keys(ctx)
	if err != nil {
		return 0, fmt.Errorf("read the case's keys: %w", err)
	}
	own := KeyInfo{Fingerprint: signer.Fingerprint(), PublicKeyPEM: string(signer.PublicKeyPEM())}
	for _, k := range known {
		if k.Fingerprint == own.Fingerprint {
			own = k
		}
	}
	var member int64
	var role, me string
	err = s.do(ctx, "register this laptop's key on the hub", func(conn *pgx.Conn) error {
		return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			for _, k := range append([]KeyInfo{own}, known...) {
				if _, err := tx.Exec(ctx, `INSERT INTO keys (fingerprint, public_key_pem, actor, first_at)
					VALUES ($1, $2, $3, $4) ON CONFLICT (fingerprint) DO NOTHING`,
					k.Fingerprint, k.PublicKeyPEM, k.Actor, k.FirstAt); err != nil {
					return err
				}
			}
			return tx.QueryRow(ctx, `SELECT member, pg_role, current_user FROM keys WHERE fingerprint = $1`,
				own.Fingerprint).Scan(&member, &role, &me)
		})
	})
	if err != nil {
		return 0, err
	}
	if role != me {
		return 0, fmt.Errorf("this laptop's key %s is registered on the hub to role %s, not %s: connect as %s", own.Fingerprint, role, me, role)
	}
	return member, nil
}

// hubKeys reads every key registered on the hub, checking that each one's
// fingerprint is that of its public key.
func (s *session) hubKeys(ctx context.Context) (map[string]hubKey, error) {
	out := map[string]hubKey{}
	err := s.do(ctx, "read the hub's keys", func(conn *pgx.Conn) error {
		rows, err := conn.Query(ctx, `SELECT fingerprint, public_key_pem, actor, first_at, pg_role, member FROM keys`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k hubKey
			if err := rows.Scan(&k.Fingerprint, &k.PublicKeyPEM, &k.Actor, &k.FirstAt, &k.PGRole, &k.Member); err != nil {
				return err
			}
			out[k.Fingerprint] = k
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	for fp, k := range out {
		pub, err := catalog.ParsePublicKeyPEM([]byte(k.PublicKeyPEM))
		if err != nil {
			return nil, fmt.Errorf("the hub's key %s: %w", fp, err)
		}
		if got := catalog.KeyFingerprint(pub); got != fp {
			return nil, fmt.Errorf("the hub's key %s: its public key has fingerprint %s", fp, got)
		}
	}
	return out, nil
}
