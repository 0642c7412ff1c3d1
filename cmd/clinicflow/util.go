package main

import (
	"fmt"
	"strconv"
)

// idArg reads a record id from the command line.
func idArg(s, what string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, usageError{fmt.Errorf("%s %q: want a positive number", what, s)}
	}
	return id, nil
}
