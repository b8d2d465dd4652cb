package gofpdf

import (
	"math/rand"
	"reflect"
	"testing"
)

// upstreamChecksum is generateChecksum as upstream wrote it, padding its input.
func upstreamChecksum(data []byte) []int {
	for len(data)%4 != 0 {
		data = append(data, 0)
	}
	answer := []int{0x0000, 0x0000}
	for i := 0; i < len(data); i += 4 {
		answer[0] += (int(data[i]) << 8) + int(data[i+1])
		answer[1] += (int(data[i+2]) << 8) + int(data[i+3])
		answer[0] += answer[1] >> 16
		answer[1] = answer[1] & 0xFFFF
		answer[0] = answer[0] & 0xFFFF
	}
	return answer
}

func TestChecksumWritesNothing(t *testing.T) {
	var u utf8FontFile
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 5000; i++ {
		buf := make([]byte, rng.Intn(40)+8)
		rng.Read(buf)
		data := buf[:rng.Intn(len(buf)-4)] // spare capacity after it, like a table in a file
		saved := append([]byte(nil), buf...)
		got := u.generateChecksum(data)
		if !reflect.DeepEqual(buf, saved) {
			t.Fatalf("generateChecksum a écrit dans son argument")
		}
		if want := upstreamChecksum(append([]byte(nil), data...)); !reflect.DeepEqual(got, want) {
			t.Fatalf("generateChecksum(%x) = %v, attendu %v", data, got, want)
		}
	}
}

// The same bytes, wherever they are, give the same parsed font; a font that is
// not TrueType is refused and not kept.
func TestParsedFontsByContent(t *testing.T) {
	if _, err := parsedUTF8Font([]byte("pas une police")); err == nil {
		t.Fatal("une police invalide est acceptée")
	}
	fontMu.Lock()
	n := len(fontCache)
	fontMu.Unlock()
	if n != 0 {
		t.Fatalf("%d polices en cache après un échec", n)
	}
}
