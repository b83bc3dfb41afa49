// Command tlogcheck checks a Stabilis log with the Go module mirror's own transparency-log code
// (golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog), written independently of the
// log's Java implementation:
//
//   - the checkpoint (C2SP tlog-checkpoint, signed-note) opens with the log's verifier key,
//     and signature lines of keys it does not know are ignored;
//   - with -witness VKEY (repeatable), note.Open also finds that witness's line by its name and
//     key ID and checks it as a C2SP tlog-cosignature (cosignature/v1, Ed25519, key type 0x04);
//   - every hash the checks below need is read from the log's C2SP tlog-tiles hash tiles through
//     tlog.TileHashReader, which authenticates each tile against the checkpoint's root;
//   - every entry bundle (tlog-tiles entries) and every entry of the JSON API hashes to the leaf
//     hash in the level-0 tiles (RFC 6962 leaf hash, tlog.RecordHash);
//   - inclusion and consistency proofs served by the JSON API verify (tlog.CheckRecord,
//     tlog.CheckTree) and equal the proofs tlog computes from the tiles.
//
// It prints one "ok:" line per check and finally "verified SIZE ROOT"; it exits 1 on the first
// failure, naming it.
//
// Usage: tlogcheck -url URL -token TOKEN -vkey VKEY [-witness VKEY]...
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// The C2SP tlog-tiles tile height: 256 hashes per full tile.
const height = 8

var (
	baseURL = flag.String("url", "", "the log's base URL, e.g. http://127.0.0.1:8080")
	token   = flag.String("token", "", "a bearer token (tiles, entries and proofs need one)")
	vkey    = flag.String("vkey", "", "the log's note verifier key, obtained out of band")
	client  = &http.Client{Timeout: 60 * time.Second}
	wvkeys  witnessKeys
)

type witnessKeys []string

func (w *witnessKeys) String() string     { return strings.Join(*w, ",") }
func (w *witnessKeys) Set(v string) error { *w = append(*w, v); return nil }

func init() {
	flag.Var(&wvkeys, "witness", "a witness's cosignature verifier key (repeatable)")
}

func main() {
	flag.Parse()
	if *baseURL == "" || *vkey == "" {
		fail("usage: tlogcheck -url URL -token TOKEN -vkey VKEY")
	}
	verifier, err := note.NewVerifier(*vkey)
	check(err, "parse the verifier key")

	known := []note.Verifier{verifier}
	for _, k := range wvkeys {
		known = append(known, newCosignatureVerifier(k))
	}
	raw := get("/api/v1/log/checkpoint", false)
	n, err := note.Open(raw, note.VerifierList(known...))
	check(err, "open the checkpoint with the log's key")
	origin, size, root := parseCheckpoint(n.Text)
	if origin != verifier.Name() {
		fail("checkpoint origin %q is not the key name %q", origin, verifier.Name())
	}
	if len(n.Sigs) == 0 || n.Sigs[0].Name != origin || n.Sigs[0].Hash != verifier.KeyHash() {
		fail("the checkpoint's signatures that verify do not include the log's")
	}
	for _, w := range known[1:] {
		found := false
		for _, sig := range n.Sigs {
			found = found || (sig.Name == w.Name() && sig.Hash == w.KeyHash())
		}
		if !found {
			fail("no cosignature by witness %s on the checkpoint", w.Name())
		}
		fmt.Printf("ok: cosignature/v1 by witness %s verified\n", w.Name())
	}
	fmt.Printf("ok: checkpoint of %s, size %d, signed by the log's key (%d other signature lines ignored)\n",
		origin, size, len(n.UnverifiedSigs))

	tree := tlog.Tree{N: size, Hash: root}
	tiles := &tileReader{}
	hashes := tlog.TileHashReader(tree, tiles)
	th, err := tlog.TreeHash(size, hashes)
	check(err, "compute the tree hash from the tiles")
	if th != root {
		fail("root from the tiles %s differs from the checkpoint's %s", th, root)
	}
	fmt.Printf("ok: root recomputed from %d hash tiles (%s)\n", tiles.fetched, strings.Join(tiles.levels(), ", "))

	leaves := make([]tlog.Hash, size)
	for i := int64(0); i < size; i += 256 {
		w := size - i
		if w > 256 {
			w = 256
		}
		h, err := hashes.ReadHashes(storedLeafIndexes(i, i+w))
		check(err, "read the leaf hashes of bundle %d", i/256)
		copy(leaves[i:], h)
	}

	bundles := 0
	for i := int64(0); i < size; i += 256 {
		w := size - i
		if w > 256 {
			w = 256
		}
		t := tlog.Tile{H: height, L: 0, N: i / 256, W: int(w)}
		bundle := get(entriesPath(t), true)
		for j := int64(0); j < w; j++ {
			if len(bundle) < 2 {
				fail("entry bundle %s ends before entry %d", entriesPath(t), i+j)
			}
			l := int(binary.BigEndian.Uint16(bundle))
			if len(bundle) < 2+l {
				fail("entry bundle %s: entry %d is cut short", entriesPath(t), i+j)
			}
			if tlog.RecordHash(bundle[2:2+l]) != leaves[i+j] {
				fail("entry %d of bundle %s does not hash to the tile's leaf", i+j, entriesPath(t))
			}
			bundle = bundle[2+l:]
		}
		if len(bundle) != 0 {
			fail("entry bundle %s holds %d bytes after its %d entries", entriesPath(t), len(bundle), w)
		}
		bundles++
	}
	fmt.Printf("ok: %d entries in %d entry bundles hash to the tiles' leaves\n", size, bundles)

	for start := int64(0); start < size; start += 1000 {
		end := start + 1000
		if end > size {
			end = size
		}
		var page struct {
			Entries []struct {
				Index int64  `json:"index"`
				Data  string `json:"data"`
			} `json:"entries"`
		}
		getJSON(fmt.Sprintf("/api/v1/log/entries?start=%d&end=%d", start, end), &page)
		if int64(len(page.Entries)) != end-start {
			fail("entries %d..%d: got %d", start, end, len(page.Entries))
		}
		for k, e := range page.Entries {
			data, err := base64.StdEncoding.DecodeString(e.Data)
			check(err, "decode entry %d", e.Index)
			if e.Index != start+int64(k) || tlog.RecordHash(data) != leaves[e.Index] {
				fail("entry %d of the JSON API does not hash to the tiles' leaf", e.Index)
			}
		}
	}
	fmt.Printf("ok: %d entries of /api/v1/log/entries hash to the tiles' leaves\n", size)

	indexes := sample(size)
	for _, i := range indexes {
		var p struct {
			Index int64    `json:"index"`
			Size  int64    `json:"size"`
			Path  []string `json:"path"`
		}
		getJSON(fmt.Sprintf("/api/v1/log/proof/inclusion?index=%d&size=%d", i, size), &p)
		proof := decodeProof(p.Path, "inclusion proof of %d", i)
		check(tlog.CheckRecord(tlog.RecordProof(proof), size, root, i, leaves[i]), "inclusion proof of entry %d", i)
		mine, err := tlog.ProveRecord(size, i, hashes)
		check(err, "compute the inclusion proof of %d", i)
		if !equal(mine, proof) {
			fail("inclusion proof of %d differs from the one computed from the tiles", i)
		}
	}
	fmt.Printf("ok: inclusion proofs of %d entries verify against the checkpoint and equal tlog's\n", len(indexes))

	olds := sample(size)
	for _, m := range olds {
		m++ // a size from 1 to size
		oldRoot, err := tlog.TreeHash(m, hashes)
		check(err, "compute the root of size %d from the tiles", m)
		var p struct {
			From int64    `json:"from"`
			To   int64    `json:"to"`
			Path []string `json:"path"`
		}
		getJSON(fmt.Sprintf("/api/v1/log/proof/consistency?from=%d&to=%d", m, size), &p)
		proof := decodeProof(p.Path, "consistency proof from %d", m)
		check(tlog.CheckTree(tlog.TreeProof(proof), size, root, m, oldRoot), "consistency proof from %d to %d", m, size)
		mine, err := tlog.ProveTree(size, m, hashes)
		check(err, "compute the consistency proof from %d", m)
		if !equal(mine, proof) {
			fail("consistency proof from %d differs from the one computed from the tiles", m)
		}
	}
	fmt.Printf("ok: consistency proofs from %d earlier sizes verify and equal tlog's\n", len(olds))
	fmt.Printf("verified %d %s\n", size, base64.StdEncoding.EncodeToString(root[:]))
}

// cosignatureVerifier checks C2SP tlog-cosignature "cosignature/v1" lines; note.Open finds them by
// name and key ID, as it does the log's own, and hands over the note body and the signature bytes.
type cosignatureVerifier struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

// newCosignatureVerifier parses a vkey "<name>+<hex key ID>+<base64(0x04 || public key)>".
func newCosignatureVerifier(vkey string) *cosignatureVerifier {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 {
		fail("witness key %q is not a vkey", vkey)
	}
	typed, err := base64.StdEncoding.DecodeString(parts[2])
	check(err, "decode witness key %s", parts[0])
	if len(typed) != 1+ed25519.PublicKeySize || typed[0] != 0x04 {
		fail("witness key %s is not an Ed25519 cosignature key (type 0x04)", parts[0])
	}
	// tlog-cosignature: key ID = SHA-256(name || "\n" || 0x04 || public key)[:4]
	id := sha256.Sum256(append([]byte(parts[0]+"\n"), typed...))
	hash := binary.BigEndian.Uint32(id[:4])
	if fmt.Sprintf("%08x", hash) != parts[1] {
		fail("witness key %s: key ID %s is not %08x", parts[0], parts[1], hash)
	}
	return &cosignatureVerifier{parts[0], hash, ed25519.PublicKey(typed[1:])}
}

func (v *cosignatureVerifier) Name() string    { return v.name }
func (v *cosignatureVerifier) KeyHash() uint32 { return v.hash }

// Verify checks timestamp (u64, big-endian) || Ed25519 signature over
// "cosignature/v1\ntime <timestamp>\n" followed by the checkpoint body.
func (v *cosignatureVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig)
	if t > 1<<63-1 {
		return false
	}
	signed := append([]byte(fmt.Sprintf("cosignature/v1\ntime %d\n", t)), msg...)
	return ed25519.Verify(v.key, signed, sig[8:])
}

// parseCheckpoint reads the C2SP tlog-checkpoint body: origin, decimal size, base64 root, and no
// extension lines (SPEC §2.7: Stabilis checkpoints carry none). tlog.ParseTree is for the Go
// checksum database's own origin line, so it is not used.
func parseCheckpoint(text string) (string, int64, tlog.Hash) {
	lines := strings.Split(text, "\n")
	if len(lines) != 4 || lines[3] != "" {
		fail("checkpoint body is not three lines: %q", text)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 1 || strconv.FormatInt(size, 10) != lines[1] {
		fail("checkpoint size %q is not a positive decimal", lines[1])
	}
	root, err := tlog.ParseHash(lines[2])
	check(err, "parse the checkpoint's root")
	return lines[0], size, root
}

// tileReader fetches hash tiles over HTTP. tlog names a tile "tile/H/L/N[.p/W]"; C2SP tlog-tiles
// has no height element ("tile/L/N[.p/W]", height 8 fixed), so the path is rebuilt from L and
// the N and W encoding tlog shares with it.
type tileReader struct {
	fetched int
	perLvl  map[int]int
}

func (r *tileReader) Height() int { return height }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data := get(hashTilePath(t), true)
		if len(data) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("tile %s: %d bytes, want %d", hashTilePath(t), len(data), t.W*tlog.HashSize)
		}
		out[i] = data
		r.fetched++
		if r.perLvl == nil {
			r.perLvl = map[int]int{}
		}
		r.perLvl[t.L]++
	}
	return out, nil
}

func (r *tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

func (r *tileReader) levels() []string {
	var s []string
	for l := 0; l < 64; l++ {
		if c, ok := r.perLvl[l]; ok {
			s = append(s, fmt.Sprintf("level %d: %d", l, c))
		}
	}
	return s
}

func hashTilePath(t tlog.Tile) string {
	goPath := t.Path()
	prefix := fmt.Sprintf("tile/%d/", height)
	if t.H != height || t.L < 0 || !strings.HasPrefix(goPath, prefix) {
		fail("unexpected tile %s", goPath)
	}
	return "/api/v1/log/tile/" + strings.TrimPrefix(goPath, prefix)
}

// entriesPath is the C2SP entry bundle of the level-0 tile t; tlog's own data tiles
// ("tile/8/data/N") hold the checksum database's records, not length-prefixed entries.
func entriesPath(t tlog.Tile) string {
	return "/api/v1/log/tile/entries/" + strings.TrimPrefix(hashTilePath(t), "/api/v1/log/tile/0/")
}

func storedLeafIndexes(lo, hi int64) []int64 {
	var ix []int64
	for i := lo; i < hi; i++ {
		ix = append(ix, tlog.StoredHashIndex(0, i))
	}
	return ix
}

// sample picks indexes below n: the first, the last, tile edges and a spread between.
func sample(n int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	add := func(i int64) {
		if i >= 0 && i < n && !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	for _, i := range []int64{0, 1, 254, 255, 256, 257, 511, 512, n / 2, n - 2, n - 1} {
		add(i)
	}
	for i := int64(0); i < n; i += n/17 + 1 {
		add(i)
	}
	return out
}

func decodeProof(path []string, what string, args ...interface{}) []tlog.Hash {
	var p []tlog.Hash
	for _, s := range path {
		h, err := tlog.ParseHash(s)
		check(err, what, args...)
		p = append(p, h)
	}
	return p
}

func equal(a, b []tlog.Hash) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func get(path string, auth bool) []byte {
	req, err := http.NewRequest("GET", strings.TrimSuffix(*baseURL, "/")+path, nil)
	check(err, "request %s", path)
	if auth && *token != "" {
		req.Header.Set("Authorization", "Bearer "+*token)
	}
	resp, err := client.Do(req)
	check(err, "GET %s", path)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	check(err, "read %s", path)
	if resp.StatusCode != 200 {
		fail("GET %s: HTTP %d: %s", path, resp.StatusCode, bytes.TrimSpace(body))
	}
	return body
}

func getJSON(path string, v interface{}) {
	check(json.Unmarshal(get(path, true), v), "decode %s", path)
}

func check(err error, what string, args ...interface{}) {
	if err != nil {
		fail("%s: %v", fmt.Sprintf(what, args...), err)
	}
}

func fail(format string, args ...interface{}) {
	fmt.Printf("FAILED: "+format+"\n", args...)
	os.Exit(1)
}
