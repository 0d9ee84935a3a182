// Command kubectl is upstream kubectl (k8s.io/kubernetes/cmd/kubectl), rebuilt
// from the published k8s.io/kubectl module so its version is pinned by this
// wrapper module rather than by whatever kubectl happens to be on PATH.
package main

import (
	"k8s.io/component-base/cli"
	"k8s.io/kubectl/pkg/cmd"
	"k8s.io/kubectl/pkg/cmd/util"

	// Import to initialize client auth plugins.
	_ "k8s.io/client-go/plugin/pkg/client/auth"
)

func main() {
	command := cmd.NewDefaultKubectlCommand()
	if err := cli.RunNoErrOutput(command); err != nil {
		// Pretty-print the error and exit with an error.
		util.CheckErr(err)
	}
}
