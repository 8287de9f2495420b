package export

import (
	"crypto/sha1"
	"encoding/hex"
)

// uuid5 is the name-based UUID of RFC 9562 §5.5 (SHA-1, version 5): the
// same namespace and name always give the same id, which is what makes
// STIX re-exports stable.
func uuid5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return u
}

// formatUUID writes u as 8-4-4-4-12 lower-case hex digits.
func formatUUID(u [16]byte) string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}

// parseUUID reads a UUID written as formatUUID writes it; it panics on
// anything else (it is only used on constants).
func parseUUID(s string) [16]byte {
	var u [16]byte
	if len(s) != 36 {
		panic("export: bad uuid " + s)
	}
	raw := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	if _, err := hex.Decode(u[:], []byte(raw)); err != nil {
		panic("export: bad uuid " + s)
	}
	return u
}

// nsURL is RFC 9562's namespace for names that are URLs.
var nsURL = parseUUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")

// stixNamespace is the namespace of every id marsad gives a STIX object:
// the version-5 UUID of the URL of this exporter.
var stixNamespace = uuid5(nsURL, "https://github.com/marsad/marsad/export/stix")

// stixID is the deterministic STIX identifier of an object of type typ
// known by key (a document id and event index, a place ref, an actor ref).
func stixID(typ, key string) string {
	return typ + "--" + formatUUID(uuid5(stixNamespace, typ+"\x00"+key))
}
