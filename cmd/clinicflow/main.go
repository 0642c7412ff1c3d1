// Command clinicflow is the clinicflow daemon, its administration commands
// and its terminal client, in one binary.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
