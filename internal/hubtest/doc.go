// Package hubtest starts, for tests, the servers a team case's hub needs:
// a PostgreSQL cluster of its own (initdb in a temporary folder, on a free
// local port) and SeaweedFS as the S3 store (built once from its module and
// cached in the user's cache folder). Each is stopped and removed when the
// test (or, for the shared ones, the test binary: see Main) ends. Where a
// server cannot start, the test is skipped with the reason, except under
// CI=true, where it fails.
package hubtest
