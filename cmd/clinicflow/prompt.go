package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"
)

// asker fills in values a command needs: on a terminal it asks for what is
// missing; from a script a missing required value is an error, never a
// prompt.
type asker struct {
	a       *app
	reader  *bufio.Reader
	missing []string
}

func (a *app) asker() *asker {
	return &asker{a: a, reader: bufio.NewReader(a.io.in)}
}

// interactive reports whether the command may ask: both its input and its
// output are a terminal.
func (a *app) interactive() bool { return isTerminal(a.io.in) && isTerminal(a.io.out) }

// text asks for *v when it is empty. flag names the flag that gives it.
func (k *asker) text(v *string, flag, label string, required bool) {
	k.checked(v, flag, label, required, nil)
}

// checked is text with a check of what is typed: on a terminal, an answer
// that check refuses is explained and asked for again, so a slip costs
// one line, not the whole form. A value given by flag is left to the
// command (and the server) to judge.
func (k *asker) checked(v *string, flag, label string, required bool, check func(string) error) {
	if *v != "" {
		return
	}
	if !k.a.interactive() {
		if required {
			k.missing = append(k.missing, "--"+flag)
		}
		return
	}
	for {
		fmt.Fprintf(k.a.io.err, "%s: ", label)
		line, err := k.reader.ReadString('\n')
		*v = strings.TrimSpace(line)
		if err != nil || *v == "" && !required {
			return
		}
		if *v == "" {
			continue
		}
		if check == nil {
			return
		}
		cerr := check(*v)
		if cerr == nil {
			return
		}
		fmt.Fprintf(k.a.io.err, "  %s\n", strings.TrimSpace(cerr.Error()))
	}
}

// secret asks for a password without echo.
func (k *asker) secret(v *string, label string) error {
	if *v != "" {
		return nil
	}
	f, ok := k.a.io.in.(*os.File)
	if !ok || !k.a.interactive() {
		k.missing = append(k.missing, "--password-stdin")
		return nil
	}
	fmt.Fprintf(k.a.io.err, "%s: ", label)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(k.a.io.err)
	*v = string(b)
	return err
}

// err reports what a script left out.
func (k *asker) err() error {
	if len(k.missing) == 0 {
		return nil
	}
	return usageError{fmt.Errorf("missing %s (not asked: the input is not a terminal)", strings.Join(k.missing, ", "))}
}
