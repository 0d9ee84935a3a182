// Command apiextensions-apiserver is upstream k8s.io/apiextensions-apiserver
// (same options and flags as its main.go / pkg/cmd/server) with one addition:
// it serves the root discovery document at /apis, and it enables the OpenAPI v2
// endpoint (which also switches on publishing of CRD schemas under /openapi/v2
// and /openapi/v3).
//
// Upstream turns root discovery off (apiserver.Config.Complete sets
// EnableDiscovery=false) because in a real control plane kube-aggregator
// serves /apis. Standalone, /apis answers 404 and kubectl (whose RESTMapper is
// built from /apis discovery) cannot apply or get anything. We install the
// same handler the generic apiserver would have installed with discovery on:
// the aggregated (apidiscovery.k8s.io/v2) document, which includes CRD groups
// as they become established, with the unaggregated group list as fallback.
//
// Upstream main leaves OpenAPIConfig (v2) nil, and apiextensions only runs its
// CRD OpenAPI controllers (v2 and v3) when it is set, so kubectl's client-side
// validation fails with "failed to download openapi". We set it exactly as
// upstream's own pkg/cmd/server/testing/testserver.go does.
package main

import (
	"context"
	"os"

	"github.com/spf13/cobra"

	extensionsapiserver "k8s.io/apiextensions-apiserver/pkg/apiserver"
	"k8s.io/apiextensions-apiserver/pkg/cmd/server/options"
	generatedopenapi "k8s.io/apiextensions-apiserver/pkg/generated/openapi"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	discoveryendpoint "k8s.io/apiserver/pkg/endpoints/discovery/aggregated"
	openapinamer "k8s.io/apiserver/pkg/endpoints/openapi"
	genericapiserver "k8s.io/apiserver/pkg/server"
	"k8s.io/apiserver/pkg/util/openapi"
	"k8s.io/component-base/cli"
)

func main() {
	ctx := genericapiserver.SetupSignalContext()
	os.Exit(cli.Run(newServerCommand(ctx)))
}

// newServerCommand mirrors k8s.io/apiextensions-apiserver/pkg/cmd/server.NewServerCommand.
func newServerCommand(ctx context.Context) *cobra.Command {
	o := options.NewCustomResourceDefinitionsServerOptions(os.Stdout, os.Stderr)
	cmd := &cobra.Command{
		Short: "Launch an API extensions API server",
		Long:  "Launch an API extensions API server (standalone, with /apis root discovery)",
		PersistentPreRunE: func(*cobra.Command, []string) error {
			return o.ServerRunOptions.ComponentGlobalsRegistry.Set()
		},
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.Complete(); err != nil {
				return err
			}
			if err := o.Validate(); err != nil {
				return err
			}
			return run(c.Context(), o)
		},
	}
	cmd.SetContext(ctx)
	o.AddFlags(cmd.Flags())
	return cmd
}

// run mirrors k8s.io/apiextensions-apiserver/pkg/cmd/server.Run plus /apis and OpenAPI v2.
func run(ctx context.Context, o *options.CustomResourceDefinitionsServerOptions) error {
	config, err := o.Config()
	if err != nil {
		return err
	}
	config.GenericConfig.OpenAPIConfig = genericapiserver.DefaultOpenAPIConfig(
		openapi.GetOpenAPIDefinitionsWithoutDisabledFeatures(generatedopenapi.GetOpenAPIDefinitions),
		openapinamer.NewDefinitionNamer(extensionsapiserver.Scheme))
	server, err := config.Complete().New(genericapiserver.NewEmptyDelegate())
	if err != nil {
		return err
	}
	g := server.GenericAPIServer
	wrapped := discoveryendpoint.WrapAggregatedDiscoveryToHandler(g.DiscoveryGroupManager, g.AggregatedDiscoveryGroupManager, nil)
	g.Handler.GoRestfulContainer.Add(wrapped.GenerateWebService("/apis", metav1.APIGroupList{}))
	return g.PrepareRun().RunWithContext(ctx)
}
