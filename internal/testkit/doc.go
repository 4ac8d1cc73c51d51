// Package testkit holds what the tests of several packages share: finding
// the shared corpus of real photos, and skipping only where a skip is
// honest. It is imported by tests only.
package testkit
