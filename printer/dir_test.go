package printer_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/printstation/printstation/printer"
)

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestDir_WritesJobAndPreview(t *testing.T) {
	path := filepath.Join(t.TempDir(), "labels", "out")
	d, err := printer.NewDir(path)
	if err != nil {
		t.Fatalf("NewDir: %v", err)
	}

	preview := []byte("\x89PNG fake")
	err = d.Send(context.Background(), printer.Job{
		ID: "SF123", Data: []byte(oneLabel), PNG: func() ([]byte, error) { return preview, nil },
	})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if err := d.Send(context.Background(), printer.Job{ID: "SF124", Data: []byte(oneLabel)}); err != nil {
		t.Fatalf("Send: %v", err)
	}

	want := []string{"000001-SF123.png", "000001-SF123.tspl", "000002-SF124.tspl"}
	if got := listDir(t, path); !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
	data, err := os.ReadFile(filepath.Join(path, "000001-SF123.tspl"))
	if err != nil || string(data) != oneLabel {
		t.Errorf("job file = %q, %v, want the job bytes", data, err)
	}
	png, _ := os.ReadFile(filepath.Join(path, "000001-SF123.png"))
	if string(png) != string(preview) {
		t.Errorf("preview file = %q, want %q", png, preview)
	}

	info, err := os.Stat(filepath.Join(path, "000002-SF124.tspl"))
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("job file mode = %v, %v, want 0644", info.Mode().Perm(), err)
	}
	info, err = os.Stat(path)
	if err != nil || info.Mode().Perm()&^0o022 != 0o755&^0o022 {
		t.Errorf("folder mode = %v, %v, want 0755 less umask", info.Mode().Perm(), err)
	}
	if d.Path() != path || d.String() != "dir:"+path {
		t.Errorf("Path()=%q String()=%q", d.Path(), d.String())
	}
}

func TestDir_RestartAppends(t *testing.T) {
	path := t.TempDir()
	os.WriteFile(filepath.Join(path, "000041-OLD.tspl"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(path, "notes.txt"), []byte("x"), 0o644)

	d, err := printer.NewDir(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Send(context.Background(), printer.Job{ID: "NEW", Data: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(path, "000042-NEW.tspl")); err != nil {
		t.Errorf("want 000042-NEW.tspl after 000041: %v (files %q)", err, listDir(t, path))
	}
}

func TestDir_SkipsFileWrittenByAnotherProcess(t *testing.T) {
	path := t.TempDir()
	d, err := printer.NewDir(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(path, "000001-A.tspl"), []byte("other"), 0o644)

	if err := d.Send(context.Background(), printer.Job{ID: "A", Data: []byte("mine")}); err != nil {
		t.Fatal(err)
	}
	other, _ := os.ReadFile(filepath.Join(path, "000001-A.tspl"))
	mine, _ := os.ReadFile(filepath.Join(path, "000002-A.tspl"))
	if string(other) != "other" || string(mine) != "mine" {
		t.Errorf("000001=%q 000002=%q, want the other file kept and ours as 000002", other, mine)
	}
}

func TestDir_ConcurrentSendsGetDistinctNumbers(t *testing.T) {
	path := t.TempDir()
	d, err := printer.NewDir(path)
	if err != nil {
		t.Fatal(err)
	}

	const jobs = 20
	var wg sync.WaitGroup
	for i := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := d.Send(context.Background(), printer.Job{ID: fmt.Sprint("J", i), Data: []byte("x")}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()

	seen := map[string]bool{}
	for _, name := range listDir(t, path) {
		seen[name[:6]] = true
	}
	if len(seen) != jobs {
		t.Errorf("got %d distinct numbers for %d jobs: %q", len(seen), jobs, listDir(t, path))
	}
}

func TestDir_UnsafeIDStaysInFolder(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "out")
	d, err := printer.NewDir(path)
	if err != nil {
		t.Fatal(err)
	}

	for _, id := range []string{"../escape", "a/b", `c:\d`, ".hidden", "", "顺丰"} {
		if err := d.Send(context.Background(), printer.Job{ID: id, Data: []byte("x")}); err != nil {
			t.Errorf("Send(ID %q): %v", id, err)
		}
	}

	if got := listDir(t, root); !slices.Equal(got, []string{"out"}) {
		t.Errorf("parent folder = %q, want only out", got)
	}
	want := []string{"000001-_._escape.tspl", "000002-a_b.tspl", "000003-c__d.tspl",
		"000004-_hidden.tspl", "000005-job.tspl", "000006-__.tspl"}
	if got := listDir(t, path); !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
}

func TestDir_FailingPreviewWritesNothing(t *testing.T) {
	path := t.TempDir()
	d, _ := printer.NewDir(path)
	renderErr := errors.New("no font")

	err := d.Send(context.Background(), printer.Job{
		ID: "A", Data: []byte("x"), PNG: func() ([]byte, error) { return nil, renderErr },
	})
	if !errors.Is(err, renderErr) {
		t.Errorf("Send error = %v, want the preview error", err)
	}
	if got := listDir(t, path); len(got) != 0 {
		t.Errorf("files = %q, want none", got)
	}
}

func TestDir_RejectsEmptyJobAndClosed(t *testing.T) {
	d, _ := printer.NewDir(t.TempDir())

	if err := d.Send(context.Background(), printer.Job{ID: "A"}); !errors.Is(err, printer.ErrEmptyJob) {
		t.Errorf("empty job error = %v, want ErrEmptyJob", err)
	}
	d.Close()
	if err := d.Send(context.Background(), printer.Job{ID: "A", Data: []byte("x")}); !errors.Is(err, printer.ErrClosed) {
		t.Errorf("Send after Close error = %v, want ErrClosed", err)
	}
}
