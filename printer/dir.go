package printer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Dir is a virtual printer: a folder that receives each job as
// "<seq>-<ID>.tspl" and, when the job has a preview, "<seq>-<ID>.png".
// seq is a six-digit counter that continues after the highest number already
// in the folder, so a restarted program appends. Dir is safe for concurrent
// use within one process.
type Dir struct {
	path string

	mu     sync.Mutex
	next   int
	closed bool
}

// NewDir opens the virtual printer at path, creating the folder (mode 0755)
// if it does not exist.
func NewDir(path string) (*Dir, error) {
	if path == "" {
		return nil, fmt.Errorf("open virtual printer: empty folder path: %w", ErrBadAddress)
	}
	path = filepath.Clean(path)

	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("open virtual printer: create folder: %w", err)
	}

	last, err := lastSeq(path)
	if err != nil {
		return nil, fmt.Errorf("open virtual printer %s: %w", path, err)
	}
	return &Dir{path: path, next: last + 1}, nil
}

// Path returns the folder the jobs are written to.
func (d *Dir) Path() string { return d.path }

// String returns "dir:" followed by the folder.
func (d *Dir) String() string { return "dir:" + d.path }

// Close makes later calls to Send fail with ErrClosed.
func (d *Dir) Close() error {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	return nil
}

// Send writes the job to the folder. It renders the preview first, so a
// failing preview leaves no file behind. The .tspl file is written last,
// because a reader that watches the folder treats it as the printed label.
func (d *Dir) Send(ctx context.Context, job Job) error {
	if len(job.Data) == 0 {
		return fmt.Errorf("send job %q to %s: %w", job.ID, d, ErrEmptyJob)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("send job %q to %s: %w", job.ID, d, err)
	}

	var png []byte
	if job.PNG != nil {
		var err error
		if png, err = job.PNG(); err != nil {
			return fmt.Errorf("send job %q to %s: render preview: %w", job.ID, d, err)
		}
	}

	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return fmt.Errorf("send job %q to %s: %w", job.ID, d, ErrClosed)
	}

	base, err := d.reserve(fileID(job.ID))
	if err != nil {
		return fmt.Errorf("send job %q to %s: %w", job.ID, d, err)
	}
	if png != nil {
		if err := writeNew(base+".png", png); err != nil {
			return fmt.Errorf("send job %q to %s: %w", job.ID, d, err)
		}
	}
	if err := writeNew(base+".tspl", job.Data); err != nil {
		return fmt.Errorf("send job %q to %s: %w", job.ID, d, err)
	}
	return nil
}

// reserve returns the path without extension for the next job. It skips
// numbers whose files already exist, for example written by another process
// since NewDir scanned the folder.
func (d *Dir) reserve(id string) (string, error) {
	for range 1000 {
		seq := d.next
		d.next++
		base := filepath.Join(d.path, fmt.Sprintf("%06d-%s", seq, id))

		_, errTSPL := os.Lstat(base + ".tspl")
		_, errPNG := os.Lstat(base + ".png")
		if errors.Is(errTSPL, fs.ErrNotExist) && errors.Is(errPNG, fs.ErrNotExist) {
			return base, nil
		}
	}
	return "", fmt.Errorf("no free file name after %06d", d.next)
}

// writeNew creates name with mode 0644 and fails if it already exists. It
// writes to a temporary file and renames it, so a watcher never reads half a
// job.
func writeNew(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".job-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())

	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}

	// Link fails if name exists, unlike Rename, so another process's file
	// is never replaced.
	if err := os.Link(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(name), err)
	}
	return nil
}

// lastSeq returns the highest job number in the folder, or 0.
func lastSeq(path string) (int, error) {
	entries, err := os.ReadDir(path)
	if err != nil {
		return 0, err
	}

	last := 0
	for _, e := range entries {
		digits, _, ok := strings.Cut(e.Name(), "-")
		if !ok || len(digits) < 6 {
			continue
		}
		n, err := strconv.Atoi(digits)
		if err != nil || n < 0 {
			continue
		}
		last = max(last, n)
	}
	return last, nil
}

// fileID makes a job ID safe as part of a file name on every platform by
// replacing anything but ASCII letters, digits, '-', '_' and '.' with '_'.
func fileID(id string) string {
	if id == "" {
		return "job"
	}

	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == '.' && b.Len() > 0:
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}
