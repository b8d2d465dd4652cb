package postgres

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
)

// The verifier a desk's password becomes must let the server check the
// client's proof and sign its answer: RFC 7677's exchange (user « user »,
// password « pencil ») checked against the verifier made from its salt.
func TestSCRAMVerifierMatchesRFC7677(t *testing.T) {
	salt, _ := base64.StdEncoding.DecodeString("W22ZaJ0SNY7soEsUEjb6gQ==")
	v, err := scramVerifierWith("pencil", salt)
	if err != nil {
		t.Fatal(err)
	}
	head, keys, _ := strings.Cut(v, "$")
	if head != "SCRAM-SHA-256" {
		t.Fatalf("verifier %q", v)
	}
	parts := strings.FieldsFunc(keys, func(r rune) bool { return r == '$' || r == ':' })
	if len(parts) != 4 || parts[0] != "4096" || parts[1] != "W22ZaJ0SNY7soEsUEjb6gQ==" {
		t.Fatalf("verifier %q", v)
	}
	stored, _ := base64.StdEncoding.DecodeString(parts[2])
	server, _ := base64.StdEncoding.DecodeString(parts[3])
	const nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
	auth := "n=user,r=rOprNGfwEbeRWgbNEkqO," + "r=" + nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096," + "c=biws,r=" + nonce
	if got := base64.StdEncoding.EncodeToString(hmacOf(server, auth)); got != "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=" {
		t.Errorf("server signature %s", got)
	}
	// The server's check of the client's proof: H(proof XOR HMAC(StoredKey, auth)) == StoredKey.
	proof, _ := base64.StdEncoding.DecodeString("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
	sig := hmacOf(stored, auth)
	for i := range proof {
		proof[i] ^= sig[i]
	}
	if h := sha256.Sum256(proof); !hmac.Equal(h[:], stored) {
		t.Error("the client's proof does not check against the stored key")
	}
}
