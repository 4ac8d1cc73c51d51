// Package bag writes a case as a BagIt bag (RFC 8493) to hand it over, and
// validates such a bag.
//
// A bag written by Write holds:
//
//	bagit.txt                the BagIt declaration (version 1.0, UTF-8)
//	bag-info.txt             Bagging-Date, Payload-Oxum, External-Identifier
//	                         (exhibit-case:<case id>), and Exhibit-* labels:
//	                         the case, the audit chain's head (hash and count)
//	                         and the signature of the bag (see SignedMessage)
//	exhibit-signer.pem       the signer's Ed25519 public key (PEM)
//	exhibit-signed.txt       the exact bytes the signature covers
//	manifest-sha256.txt      every payload file's SHA-256
//	tagmanifest-sha256.txt   the SHA-256 of every tag file above
//	data/originals/          the originals, byte for byte, as
//	                         <first 16 hex digits of the SHA-256>_<file name>
//	data/reports/            the reports' current files, named the same way
//	data/sheets/             the comparison sheets asked for
//	data/case/               the case as JSON: one <table>.json per table the
//	                         audit chain tracks (images.json, locations.json,
//	                         reports.json, excerpts.json, links.json,
//	                         notes.json, tags.json, pairs.json,
//	                         annotations.json, exports.json, ...), each an
//	                         array of rows (column: value, plus "rowid");
//	                         case_info.json; keys.json (the public keys of
//	                         everyone who signed in the case); audit.jsonl
//	                         (every audit entry with every field, see
//	                         catalog.AuditRecord) and checkpoints.jsonl (one
//	                         JSON object a line); payload.json (which file of
//	                         the bag is which original, report or sheet, and
//	                         where it was copied from); missing.json (the
//	                         originals and reports left out, when allowed)
//
// The signature, by the user's key (catalog.Signer), covers the case id,
// the chain's head and count, the signing time and the SHA-256 of
// manifest-sha256.txt: so every payload file, and the chain up to the head.
// The bag is written in a hidden folder beside the target, flushed to disk,
// then renamed: an interrupted bag leaves nothing under the target's name.
// It is recorded in the case's exports (kind "bag") with the path and the
// SHA-256 of its tagmanifest-sha256.txt, which covers every other file of
// the bag through the manifests.
package bag
