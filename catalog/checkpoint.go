package catalog

import (
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// checkpointEvery is how often, at most, a program that keeps writing
// signs the chain's head; it signs once more when it closes the case.
const checkpointEvery = 2 * time.Second

// CheckpointMessage returns the bytes a checkpoint's Ed25519 signature
// covers: the case, how many entries the chain holds, the newest one's
// hash and when it was signed.
func CheckpointMessage(caseID string, count int64, head, at string) []byte {
	return []byte("exhibit-checkpoint/1\ncase " + caseID + "\ncount " + strconv.FormatInt(count, 10) + "\nhead " + head + "\nat " + at + "\n")
}

// checkpointState is what a Case remembers of its own signing.
type checkpointState struct {
	mu     sync.Mutex
	last   time.Time // when this program last signed
	dirty  bool      // entries written since
	timer  *time.Timer
	closed bool
}

// signTx signs the chain's head inside tx (which has written its entries).
func (c *Case) signTx(ctx context.Context, tx *sql.Tx) error {
	head, err := readHead(ctx, tx)
	if err != nil {
		return err
	}
	if head.Count == 0 {
		return nil
	}
	at := timestamp(time.Now())
	sig := c.signer.Sign(CheckpointMessage(c.id, head.Count, head.Hash, at))
	_, err = tx.ExecContext(ctx, `INSERT INTO checkpoints(at, count, head, key, actor, session, signature) VALUES(?,?,?,?,?,?,?)`,
		at, head.Count, head.Hash, c.signer.Fingerprint(), *c.actor.Load(), c.session, base64.StdEncoding.EncodeToString(sig))
	if err != nil {
		return fmt.Errorf("sign the chain's head: %w", err)
	}
	return nil
}

// afterEntries is called inside a write transaction that wrote entries:
// it signs the head there when this program has not signed for a while,
// else leaves it for the timer or Close. It reports whether it signed.
func (c *Case) afterEntries(ctx context.Context, tx *sql.Tx) (bool, error) {
	c.cp.mu.Lock()
	due := time.Since(c.cp.last) >= checkpointEvery
	c.cp.mu.Unlock()
	if !due {
		return false, nil
	}
	return true, c.signTx(ctx, tx)
}

// afterCommit notes what a committed write left to sign.
func (c *Case) afterCommit(signed bool) {
	c.cp.mu.Lock()
	defer c.cp.mu.Unlock()
	if signed {
		c.cp.last, c.cp.dirty = time.Now(), false
		return
	}
	c.cp.dirty = true
	if c.cp.timer == nil && !c.cp.closed {
		c.cp.timer = time.AfterFunc(checkpointEvery, func() {
			c.cp.mu.Lock()
			c.cp.timer = nil
			closed := c.cp.closed
			c.cp.mu.Unlock()
			if !closed {
				c.Checkpoint(context.Background())
			}
		})
	}
}

// Checkpoint signs the chain's head now when this program wrote entries
// that no checkpoint covers yet. Close calls it; so does a timer a few
// seconds after the last write.
func (c *Case) Checkpoint(ctx context.Context) error {
	c.cp.mu.Lock()
	dirty := c.cp.dirty
	c.cp.mu.Unlock()
	if !dirty {
		return nil
	}
	tx, err := c.begin(ctx)
	if err != nil {
		return fmt.Errorf("sign the chain's head: %w", err)
	}
	if err := c.signTx(ctx, tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sign the chain's head: %w", err)
	}
	c.afterCommit(true)
	return nil
}

// stopCheckpoints signs what is left and stops the timer; Close calls it.
func (c *Case) stopCheckpoints(ctx context.Context) error {
	c.cp.mu.Lock()
	c.cp.closed = true
	if c.cp.timer != nil {
		c.cp.timer.Stop()
		c.cp.timer = nil
	}
	c.cp.mu.Unlock()
	return c.Checkpoint(ctx)
}
