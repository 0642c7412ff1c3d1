package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// binary is the clinicflow command built once for the tests that run it.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "clinicflow-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "clinicflow")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build clinicflow:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary did.
type result struct {
	code        int
	out, errOut string
}

// clinicflow runs the binary with a clean environment plus env, feeding
// stdin, and waits for it.
func clinicflow(t *testing.T, env []string, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(cleanEnv(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run clinicflow %v: %v", args, err)
	}
	return result{code: code, out: out.String(), errOut: errOut.String()}
}

// cleanEnv is the test's environment without any CLINICFLOW_ setting.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CLINICFLOW_") {
			env = append(env, kv)
		}
	}
	return env
}

func TestVersionAndUsage(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
		wantOut  string
	}{
		{[]string{"version"}, exitOK, "clinicflow "},
		{[]string{"version", "extra"}, exitUsage, ""},
		{[]string{"serve", "--no-such-flag"}, exitUsage, ""},
		{[]string{"users", "set-role", "x", "surgeon", "--data", t.TempDir()}, exitUsage, ""},
		{[]string{"--help"}, exitOK, "clinicflow"},
	}
	for _, tt := range tests {
		r := clinicflow(t, nil, "", tt.args...)
		if r.code != tt.wantCode {
			t.Errorf("clinicflow %v: exit %d, want %d (stderr %q)",
				tt.args, r.code, tt.wantCode, r.errOut)
		}
		if !strings.Contains(r.out, tt.wantOut) {
			t.Errorf("clinicflow %v: stdout %q, want it to contain %q", tt.args, r.out, tt.wantOut)
		}
	}
}

func TestEveryCommandHasAnExample(t *testing.T) {
	root := newRootCmd(streams{in: strings.NewReader(""), out: io.Discard, err: io.Discard})
	for _, c := range root.Commands() {
		for _, sub := range append(c.Commands(), c) {
			if sub.Runnable() && sub.Example == "" {
				t.Errorf("clinicflow %s has no example in its help", sub.CommandPath())
			}
		}
	}
}

func TestServeFirstRunAndShutdown(t *testing.T) {
	data := t.TempDir()
	cmd := exec.Command(binary, "serve", "--data", data, "--listen", "127.0.0.1:0")
	cmd.Env = cleanEnv()
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })

	password := readPrintedPassword(t, stdout)
	addr, logs := readListenAddr(t, stderr)

	status := login(t, addr, "doctor", password)
	if status != http.StatusOK {
		t.Fatalf("login with the printed password: status %d, want 200", status)
	}
	if got := login(t, addr, "doctor", "wrong-Pass-1"); got != http.StatusUnauthorized {
		t.Errorf("login with a wrong password: status %d, want 401", got)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after SIGTERM: %v, want a clean exit", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after SIGTERM")
	}
	if text := logs.String(); !strings.Contains(text, "clinicflow stopped") {
		t.Errorf("serve logged no clean stop:\n%s", text)
	} else if strings.Contains(text, password) {
		t.Errorf("the log holds the first password")
	}
	if _, err := os.Stat(filepath.Join(data, "clinicflow.db")); err != nil {
		t.Errorf("no database in the data folder: %v", err)
	}
}

func TestServeTakesAdminFromEnvironment(t *testing.T) {
	data := t.TempDir()
	cmd := exec.Command(binary, "serve", "--data", data, "--listen", "127.0.0.1:0")
	cmd.Env = append(cleanEnv(), "CLINICFLOW_ADMIN_USERNAME=chief", "CLINICFLOW_ADMIN_PASSWORD=Chief-pass-1")
	stdout, _ := cmd.StdoutPipe()
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if !strings.Contains(line, `"chief"`) || strings.Contains(line, "Chief-pass-1") {
		t.Errorf("first-run line %q: want the username and not the password", line)
	}
	addr, _ := readListenAddr(t, stderr)
	if got := login(t, addr, "chief", "Chief-pass-1"); got != http.StatusOK {
		t.Errorf("login as the configured first account: status %d, want 200", got)
	}
}

func TestServeRefusesWeakAdminPassword(t *testing.T) {
	r := clinicflow(t, []string{"CLINICFLOW_ADMIN_PASSWORD=short"}, "",
		"serve", "--data", t.TempDir(), "--listen", "127.0.0.1:0")
	if r.code != exitError || !strings.Contains(r.errOut, "too weak") {
		t.Errorf("serve with a weak first password: exit %d, stderr %q; want 1 and the reason",
			r.code, r.errOut)
	}
}

// readPrintedPassword reads the first-run banner and returns its password.
func readPrintedPassword(t *testing.T, r io.Reader) string {
	t.Helper()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); strings.Count(line, "-") == 3 && !strings.Contains(line, " ") {
			go io.Copy(io.Discard, r)
			return line
		}
	}
	t.Fatal("serve printed no first password")
	return ""
}

// readListenAddr reads JSON log lines until the listening one, and keeps
// collecting the rest in the returned buffer.
func readListenAddr(t *testing.T, r io.Reader) (string, *syncBuffer) {
	t.Helper()
	logs := &syncBuffer{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		logs.Write(append(sc.Bytes(), '\n'))
		var line struct {
			Msg  string `json:"msg"`
			Addr string `json:"addr"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "clinicflow listening" {
			go func() {
				for sc.Scan() {
					logs.Write(append(sc.Bytes(), '\n'))
				}
			}()
			return line.Addr, logs
		}
	}
	t.Fatalf("serve never said where it listens; log:\n%s", logs.String())
	return "", nil
}

func login(t *testing.T, addr, user, password string) int {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": user, "password": password})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", "http://"+addr+"/api/auth/login/", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestUsersCommands(t *testing.T) {
	data := t.TempDir()
	d := []string{"--data", data}
	steps := []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		wantOut  string
	}{
		{"add", "Secret-pass-1\n", []string{"users", "add", "house", "--role", "doctor", "--first-name", "Gregory", "--last-name", "House", "--password-stdin"}, exitOK, "created house"},
		{"add taken", "Secret-pass-1\n", []string{"users", "add", "house", "--role", "doctor", "--password-stdin"}, exitError, ""},
		{"add weak", "weak\n", []string{"users", "add", "cuddy", "--role", "admin", "--password-stdin"}, exitError, ""},
		{"add bad role", "Secret-pass-1\n", []string{"users", "add", "cuddy", "--role", "surgeon", "--password-stdin"}, exitUsage, ""},
		{"add no role", "Secret-pass-1\n", []string{"users", "add", "cuddy", "--password-stdin"}, exitError, ""},
		{"add no password source", "", []string{"users", "add", "cuddy", "--role", "nurse"}, exitUsage, ""},
		{"add bad name", "Secret-pass-1\n", []string{"users", "add", "bad name", "--role", "nurse", "--password-stdin"}, exitUsage, ""},
		{"add nurse", "Secret-pass-1\n", []string{"users", "add", "nurse1", "--role", "nurse", "--password-stdin"}, exitOK, "role nurse"},
		{"list", "", []string{"users", "list"}, exitOK, "Gregory House"},
		{"set role", "", []string{"users", "set-role", "nurse1", "doctor"}, exitOK, "nurse1 is now doctor"},
		{"set role unknown user", "", []string{"users", "set-role", "nobody", "doctor"}, exitError, ""},
		{"set password", "Other-pass-2\n", []string{"users", "set-password", "house", "--password-stdin"}, exitOK, "sessions are ended"},
		{"deactivate", "", []string{"users", "deactivate", "nurse1"}, exitOK, "nurse1 deactivated"},
	}
	for _, s := range steps {
		r := clinicflow(t, nil, s.stdin, append(s.args, d...)...)
		if r.code != s.wantCode {
			t.Errorf("%s: exit %d, want %d (stderr %q)", s.name, r.code, s.wantCode, r.errOut)
		}
		if !strings.Contains(r.out, s.wantOut) {
			t.Errorf("%s: stdout %q, want it to contain %q", s.name, r.out, s.wantOut)
		}
	}

	r := clinicflow(t, nil, "", "users", "list", "-o", "json", "--data", data)
	var rows []userRow
	if err := json.Unmarshal([]byte(r.out), &rows); err != nil {
		t.Fatalf("users list -o json: %v in %q", err, r.out)
	}
	want := []userRow{
		{ID: 1, Username: "house", Role: "doctor", Active: true, FullName: "Gregory House"},
		{ID: 2, Username: "nurse1", Role: "doctor", Active: false, FullName: "nurse1"},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("users list -o json = %+v, want %+v", rows, want)
	}
}

func TestMigrateCommand(t *testing.T) {
	data := t.TempDir()
	db := "sqlite:" + filepath.Join(data, "x.db")
	first := clinicflow(t, nil, "", "migrate", "--database", db)
	if first.code != exitOK || !strings.Contains(first.out, "applied 0001_init.sql") {
		t.Errorf("first migrate: exit %d, stdout %q", first.code, first.out)
	}
	again := clinicflow(t, []string{"CLINICFLOW_DATABASE_URL=" + db}, "", "migrate")
	if again.code != exitOK || !strings.Contains(again.out, "up to date") {
		t.Errorf("second migrate (database from the environment): exit %d, stdout %q",
			again.code, again.out)
	}
}

func TestAuditVerifyCommand(t *testing.T) {
	data := t.TempDir()
	if r := clinicflow(t, nil, "Secret-pass-1\n", "users", "add", "a", "--role", "admin", "--password-stdin", "--data", data); r.code != 0 {
		t.Fatalf("users add: %q", r.errOut)
	}
	path := filepath.Join(data, "clinicflow.db")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := 0; i < 3; i++ {
		if _, err := db.Exec(`INSERT INTO audit_events (at, action, resource, outcome, status, prev_hash, hash)
			VALUES ('2026-01-01T00:00:00.000000Z', 'read', 'patient', 'success', 200, 'x', 'y')`); err != nil {
			t.Fatal(err)
		}
	}
	r := clinicflow(t, nil, "", "audit", "verify", "--data", data)
	if r.code != exitError || !strings.Contains(r.out, "broken at event 1") {
		t.Errorf("audit verify over forged rows: exit %d, stdout %q; want 1 and event 1 named",
			r.code, r.out)
	}

	fresh := clinicflow(t, nil, "", "audit", "verify", "--data", t.TempDir())
	if fresh.code != exitOK || !strings.Contains(fresh.out, "intact: 0 events") {
		t.Errorf("audit verify on a new database: exit %d, stdout %q", fresh.code, fresh.out)
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
