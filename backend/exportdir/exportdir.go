// Package exportdir writes a set of exported files into a folder the user
// chose: all targets checked before any is written, no overwrite without
// force, each file written whole (temporary file, sync, rename) and every
// step through an os.Root, so nothing lands outside the folder, even
// through a symbolic link. It also quotes strings for YAML front matter.
package exportdir

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// File is one file to write; Name is slash-separated, relative to the
// folder.
type File struct {
	Name string
	Data []byte
}

// Write writes files into dir and returns the names written. If a target
// exists and force is false it returns ECONFLICT naming it and writes
// nothing (the caller says how to overwrite: a flag, a button); ENOTFOUND
// if dir does not exist; EINVALID for a path that leads outside dir. A failure part way leaves the files already written, each
// whole.
func Write(dir string, files []File, force bool) ([]string, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, domain.Errorf(domain.ENOTFOUND, "the folder %s does not exist", dir)
		}
		return nil, fmt.Errorf("export: unable to open %s: %w", dir, err)
	}
	defer root.Close()
	var exist []string
	for _, f := range files {
		if _, err := root.Lstat(f.Name); err == nil {
			exist = append(exist, f.Name)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, pathError(dir, f.Name, err)
		}
	}
	if len(exist) > 0 && !force {
		more := ""
		if len(exist) > 1 {
			more = fmt.Sprintf(" (and %d other files)", len(exist)-1)
		}
		return nil, domain.Errorf(domain.ECONFLICT, "%s already exists in %s%s; nothing was written", exist[0], dir, more)
	}
	var written []string
	for _, f := range files {
		if err := writeAtomic(root, f.Name, f.Data); err != nil {
			return written, pathError(dir, f.Name, err)
		}
		written = append(written, f.Name)
	}
	return written, nil
}

// pathError turns an os.Root refusal into a message a person can act on.
func pathError(dir, name string, err error) error {
	if strings.Contains(err.Error(), "escapes from parent") || strings.Contains(err.Error(), "path escapes") {
		return domain.Errorf(domain.EINVALID, "%s in %s leads outside the folder (a symbolic link?); nothing is written there", name, dir)
	}
	return fmt.Errorf("export: unable to write %s in %s: %w", name, dir, err)
}

// writeAtomic writes data to name inside root: a temporary file beside it,
// synced, then renamed over the target, so a reader sees the old file or
// the new one, never half of one. A symlink at the target is replaced, not
// followed.
func writeAtomic(root *os.Root, name string, data []byte) error {
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	var rnd [8]byte
	rand.Read(rnd[:])
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+"."+hex.EncodeToString(rnd[:])+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		root.Remove(tmp)
	}
	return err
}

// YAMLString double-quotes s for YAML: backslash and quote escaped, and
// every character YAML does not allow as it is (controls, DEL, C1, the
// Unicode line and paragraph separators, the BOM) written as an escape.
// Invalid UTF-8 becomes U+FFFD.
func YAMLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\\' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
