// Command web serves the Testlens HTTP API. Configuration comes from the
// environment (see package config); `web -openapi json|yaml` prints the
// OpenAPI document without a database, `web -version` prints the version.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/testlens/testlens/web/internal/config"
	"github.com/testlens/testlens/web/internal/server"
)

func main() {
	openapi := flag.String("openapi", "", "print the OpenAPI 3.1 document (json or yaml) to stdout and exit")
	version := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if err := run(*openapi, *version); err != nil {
		fmt.Fprintln(os.Stderr, "web:", err)
		os.Exit(1)
	}
}

func run(openapi string, version bool) error {
	switch {
	case version:
		fmt.Println(server.Version)
		return nil
	case openapi != "":
		doc, err := server.OpenAPI(openapi)
		if err != nil {
			return err
		}
		_, err = os.Stdout.Write(doc)
		return err
	}
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return err
	}
	return server.Run(context.Background(), cfg)
}
