// Command release-archive writes a release archive byte for byte the same on
// every machine (tar and gzip headers fixed: owner 0, mode from the file's
// executable bit, times from -mtime, no gzip name or time), and a one-line
// SHA-256 file next to it in sha256sum's format. scripts/build-release calls
// it; GNU and BSD tar cannot be told to do the same with the same flags.
//
//	go run ./scripts/release-archive -o dist/migrate-lint_linux_amd64.tar.gz -mtime 0 migrate-lint=/tmp/x/migrate-lint
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	out := flag.String("o", "", "archive to write (.tar.gz); its checksum goes to the same path + .sha256")
	mtime := flag.Int64("mtime", 0, "modification time of every entry, in seconds since 1970 (SOURCE_DATE_EPOCH)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: release-archive -o OUT.tar.gz [-mtime SECONDS] NAME=PATH...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	sum, err := write(*out, time.Unix(*mtime, 0), flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "release-archive:", err)
		os.Exit(1)
	}
	fmt.Println(sum)
}

// write builds the archive in memory (a few tens of MB at most), then writes
// it and its checksum line; it returns that line.
func write(out string, mtime time.Time, entries []string) (string, error) {
	sort.Strings(entries)
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return "", err
	}
	tw := tar.NewWriter(zw)
	for _, entry := range entries {
		name, path, ok := strings.Cut(entry, "=")
		if !ok || name == "" || path == "" {
			return "", fmt.Errorf("entry %q: want NAME=PATH", entry)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		info, err := os.Stat(path)
		if err != nil {
			return "", err
		}
		mode := int64(0o644)
		if info.Mode()&0o111 != 0 {
			mode = 0o755
		}
		hdr := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     name,
			Mode:     mode,
			Size:     int64(len(data)),
			ModTime:  mtime,
			Format:   tar.FormatUSTAR,
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return "", fmt.Errorf("%s: %w", name, err)
		}
		if _, err := tw.Write(data); err != nil {
			return "", err
		}
	}
	if err := tw.Close(); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return "", err
	}
	digest := sha256.Sum256(buf.Bytes())
	line := hex.EncodeToString(digest[:]) + "  " + filepath.Base(out)
	return line, os.WriteFile(out+".sha256", []byte(line+"\n"), 0o644)
}
