// Command ferretdb-embedded runs FerretDB v1 with its SQLite backend on a loopback port.
// It exists because the published `cmd/ferretdb` binary panics without a generated
// version file (upstream issue #2982); the embeddable package does not need it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data-dir", "", "directory holding the SQLite files (one per database)")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn, error")
	exitWithParent := flag.Bool("exit-on-stdin-eof", false, "stop when standard input reaches end of file (the parent holds its write end)")
	flag.Parse()

	if *dataDir == "" {
		fmt.Fprintln(os.Stderr, "ferretdb-embedded: -data-dir is required")
		os.Exit(2)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-embedded: bad -log-level:", err)
		os.Exit(2)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	if *exitWithParent {
		// The parent spawns us with a pipe on stdin and never writes to it. The kernel closes its
		// end however the parent ends, kill -9 included, so EOF here means nobody owns us anymore:
		// stop rather than linger as an orphan holding the port and the SQLite files.
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			fmt.Fprintln(os.Stderr, "ferretdb-embedded: parent gone (stdin closed), stopping")
			stop()
		}()
	}

	// A shutdown that hangs must not keep the process alive: after a signal or EOF, give
	// FerretDB a few seconds to close its listeners and databases, then leave regardless.
	go func() {
		<-ctx.Done()
		time.Sleep(5 * time.Second)
		fmt.Fprintln(os.Stderr, "ferretdb-embedded: shutdown took too long, exiting")
		os.Exit(1)
	}()

	server, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dataDir + "/",
		Logger:    slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-embedded: cannot configure:", err)
		os.Exit(1)
	}

	fmt.Fprintln(os.Stderr, "ferretdb-embedded: listening on", *listen)
	server.Run(ctx)
}
