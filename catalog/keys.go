package catalog

import (
	"context"
	"fmt"
)

// KeyInfo is a public key the case knows: whose, and since when.
type KeyInfo struct {
	// Fingerprint is the SHA-256 of the key's SubjectPublicKeyInfo, hex;
	// PublicKeyPEM the key itself.
	Fingerprint, PublicKeyPEM string
	// Actor is who first used it ("user@computer, program"); FirstAt when.
	Actor, FirstAt string
}

// Keys returns the public keys of everyone who signed in this case.
func (c *Case) Keys(ctx context.Context) ([]KeyInfo, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT fingerprint, public_key, actor, first_at FROM keys ORDER BY first_at, fingerprint`)
	if err != nil {
		return nil, fmt.Errorf("read the case's keys: %w", err)
	}
	defer rows.Close()
	var out []KeyInfo
	for rows.Next() {
		var k KeyInfo
		if err := rows.Scan(&k.Fingerprint, &k.PublicKeyPEM, &k.Actor, &k.FirstAt); err != nil {
			return nil, fmt.Errorf("read the case's keys: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// AddKeys records keys learned from the hub. Each must be a valid Ed25519
// public key whose fingerprint is the one given.
func (c *Case) AddKeys(ctx context.Context, keys []KeyInfo) error {
	for _, k := range keys {
		pub, err := ParsePublicKeyPEM([]byte(k.PublicKeyPEM))
		if err != nil {
			return fmt.Errorf("add the key of %s: %w", k.Actor, err)
		}
		if got := KeyFingerprint(pub); got != k.Fingerprint {
			return fmt.Errorf("add the key of %s: its fingerprint is %s, not %s", k.Actor, short(got), short(k.Fingerprint))
		}
	}
	tx, err := c.wr.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("add keys: %w", err)
	}
	defer tx.Rollback()
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO keys(fingerprint, public_key, actor, first_at) VALUES(?,?,?,?)`,
			k.Fingerprint, k.PublicKeyPEM, k.Actor, k.FirstAt); err != nil {
			return fmt.Errorf("add the key of %s: %w", k.Actor, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("add keys: %w", err)
	}
	return nil
}
