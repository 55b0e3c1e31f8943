package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mainArgsEnv makes the test binary run main with these arguments instead
// of the tests, so the tests drive the real command without a second build.
const mainArgsEnv = "PRINTSTATION_TEST_MAIN_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(mainArgsEnv); args != "" {
		os.Args = append([]string{"printstation"}, strings.Fields(args)...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// command returns the test binary set up to run main with args.
func command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = os.Environ()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// Kill the whole group: xvfb-run starts the display and the program.
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	return cmd
}

func countFiles(t *testing.T, pattern string) int {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return len(files)
}

func TestDemoHeadless_PrintsSummaryAndExitsZero(t *testing.T) {
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := command(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(cmd.Env, mainArgsEnv+"=demo --headless --orders 40 --lang en --out "+out)

	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("demo --headless failed: %v\n%s", err, stdout)
	}
	for _, want := range []string{"Orders pulled: 40", "Labels printed: 40", "Write-backs confirmed: 40", "Time taken:"} {
		if !strings.Contains(string(stdout), want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	if got := countFiles(t, filepath.Join(out, "labels", "*.tspl")); got != 40 {
		t.Errorf("virtual printer holds %d TSPL jobs, want 40", got)
	}
	if got := countFiles(t, filepath.Join(out, "labels", "*.png")); got != 40 {
		t.Errorf("virtual printer holds %d previews, want 40", got)
	}
}

func TestWindowSmoke_DemoBatchUnderXvfb(t *testing.T) {
	xvfb, err := exec.LookPath("xvfb-run")
	if err != nil {
		t.Fatalf("xvfb-run not found (make test installs the xvfb package): %v", err)
	}
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := command(ctx, xvfb, "-a", "-s", "-screen 0 1280x800x24", os.Args[0], "-test.run=^$")
	cmd.Env = append(cmd.Env, mainArgsEnv+"=demo --orders 20 --lang zh --auto-batch --out "+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		cmd.Wait()
	}()

	done := false
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if lines.Text() == batchDoneLine {
			done = true
			break
		}
	}
	if !done {
		t.Fatalf("the window never reported its batch done (context: %v)", ctx.Err())
	}
	if got := countFiles(t, filepath.Join(out, "labels", "*.tspl")); got != 20 {
		t.Errorf("virtual printer holds %d TSPL jobs after the window's batch, want 20", got)
	}
}
