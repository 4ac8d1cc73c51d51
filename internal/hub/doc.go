// Package hub shares a case within a team. Each laptop keeps its own
// SQLite case and works offline; the team's copy is a hub: a PostgreSQL
// database holding the case's audit entries, each signed by the key of the
// laptop that pushed it, and an S3-compatible store holding the originals
// and report files under their SHA-256.
//
// Sync pulls the others' entries (checking each one's signature, hash and
// row data before the case replays it), then pushes the case's new entries
// and the originals the store lacks. What a member may push is enforced by
// PostgreSQL itself (grants and row-level security, migrations/), never by
// this client.
package hub
