package bag

import "strconv"

// The labels of bag-info.txt this package writes and reads, beside the
// standard Bagging-Date, Payload-Oxum, External-Identifier and
// Bag-Software-Agent.
const (
	LabelCaseID     = "Exhibit-Case-ID"
	LabelCaseName   = "Exhibit-Case-Name"
	LabelChainCount = "Exhibit-Chain-Count"
	LabelChainHead  = "Exhibit-Chain-Head"
	LabelSignedAt   = "Exhibit-Signed-At"
	LabelSigner     = "Exhibit-Signer"
	LabelSignature  = "Exhibit-Signature"
	LabelOriginals  = "Exhibit-Originals"
	LabelReports    = "Exhibit-Reports"
	LabelSheets     = "Exhibit-Sheets"
	LabelMissing    = "Exhibit-Missing"
)

// The tag files of a bag besides bagit.txt, bag-info.txt and the manifests.
const (
	SignerFile = "exhibit-signer.pem"
	SignedFile = "exhibit-signed.txt"
)

// SignedMessage returns the bytes a bag's Ed25519 signature covers: the
// case, the audit chain's count and head, when it was signed, and the
// SHA-256 (hex) of the bag's manifest-sha256.txt.
func SignedMessage(caseID string, count int64, head, at, manifestSHA256 string) []byte {
	return []byte("exhibit-bag/1\ncase " + caseID + "\ncount " + strconv.FormatInt(count, 10) + "\nhead " + head +
		"\nat " + at + "\nmanifest-sha256 " + manifestSHA256 + "\n")
}
