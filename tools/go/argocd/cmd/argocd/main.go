// Command argocd is the part of Argo CD's multi-call binary (argo-cd v3.1.9
// cmd/main.go) that the live loop runs: the application controller and the
// repo server, picked by ARGOCD_BINARY_NAME exactly as upstream picks them.
// The API server, UI, Dex and the CLI are left out; nothing in the loop
// talks to them, and leaving them out keeps the build to a few minutes.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"k8s.io/klog/v2"

	appcontroller "github.com/argoproj/argo-cd/v3/cmd/argocd-application-controller/commands"
	reposerver "github.com/argoproj/argo-cd/v3/cmd/argocd-repo-server/commands"
	"github.com/argoproj/argo-cd/v3/cmd/util"
	"github.com/argoproj/argo-cd/v3/util/log"
)

func init() {
	klog.SetLogger(log.NewLogrusLogger(log.NewWithCurrentConfig()))
}

func main() {
	name := filepath.Base(os.Args[0])
	if v := os.Getenv("ARGOCD_BINARY_NAME"); v != "" {
		name = v
	}
	var command *cobra.Command
	switch name {
	case "argocd-application-controller":
		command = appcontroller.NewCommand()
	case "argocd-repo-server":
		command = reposerver.NewCommand()
	default:
		fmt.Fprintf(os.Stderr, "argocd: set ARGOCD_BINARY_NAME to argocd-application-controller or argocd-repo-server (got %q)\n", name)
		os.Exit(2)
	}
	util.SetAutoMaxProcs(false)
	if err := command.Execute(); err != nil {
		os.Exit(1)
	}
}
