package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// crashWriterEnv names the database a child process writes to until it is
// killed; see TestKillDuringWritesLosesNothingAcknowledged.
const crashWriterEnv = "HINDSIGHT_TEST_CRASH_WRITER_DB"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashWriterEnv); path != "" {
		crashWriter(path)
		return
	}
	os.Exit(m.Run())
}

// crashWriter creates and updates incidents as fast as it can, printing
// "ack INC-n" after each save returns, until it is killed.
func crashWriter(path string) {
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	ctx := context.Background()
	out := bufio.NewWriter(os.Stdout)
	for k := 0; ; k++ {
		in := validInput()
		in.Title = fmt.Sprintf("crash test %d", k)
		in.Summary = strings.Repeat("long summary text ", 200)
		i, err := s.CreateIncident(ctx, in)
		if err != nil {
			fmt.Println("create:", err)
			os.Exit(1)
		}
		in.Title += " (updated)"
		if _, err := s.UpdateIncident(ctx, i.ID, in, i.Version); err != nil {
			fmt.Println("update:", err)
			os.Exit(1)
		}
		fmt.Fprintf(out, "ack %s\n", i.Ref())
		out.Flush()
	}
}

func TestKillDuringWritesLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashWriterEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[string]bool{}
	sc := bufio.NewScanner(stdout)
	deadline := time.Now().Add(60 * time.Second)
	for sc.Scan() {
		line := sc.Text()
		ref, ok := strings.CutPrefix(line, "ack ")
		if !ok {
			t.Fatalf("writer said %q", line)
		}
		acked[ref] = true
		if len(acked) == 60 || time.Now().After(deadline) {
			// Kill mid-write: the writer is already inside its next
			// transaction.
			cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	cmd.Wait()
	if len(acked) < 10 {
		t.Fatalf("only %d saves acknowledged before the kill", len(acked))
	}

	s := mustOpenAt(t, path)
	ctx := context.Background()
	if got, err := s.Pragma(ctx, "integrity_check"); err != nil || got != "ok" {
		t.Fatalf("integrity_check = %q, %v; want ok", got, err)
	}
	for ref := range acked {
		i, err := s.GetIncident(ctx, ref)
		if err != nil {
			t.Errorf("acknowledged %s is missing after kill -9: %v", ref, err)
			continue
		}
		if !strings.HasSuffix(i.Title, "(updated)") {
			t.Errorf("acknowledged update of %s is missing: title %q", ref, i.Title)
		}
	}
	// The store still works after the crash.
	if _, err := s.CreateIncident(ctx, validInput()); err != nil {
		t.Errorf("create after crash: %v", err)
	}
	p, _ := s.ListIncidents(ctx, domain.IncidentFilter{Query: "crash"})
	if p.Total < len(acked) {
		t.Errorf("full-text index lists %d crash incidents, want at least %d", p.Total, len(acked))
	}
}
