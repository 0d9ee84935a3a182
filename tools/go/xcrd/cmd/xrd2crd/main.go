// Command xrd2crd prints the CustomResourceDefinition that Crossplane derives
// from a CompositeResourceDefinition (XRD), using Crossplane's own generator:
// github.com/crossplane/crossplane-runtime/v2/pkg/xcrd.ForCompositeResource,
// the function core's definition controller calls (CRDRenderFn in
// internal/controller/apiextensions/definition).
//
//	xrd2crd [--xrd-crd CRD.yaml] XRD.yaml [XRD.yaml ...]   # or - for stdin
//
// Each input file may hold several YAML documents (or a kind: List, as
// `kubectl get -o yaml` prints); every
// apiextensions.crossplane.io/{v1,v2} CompositeResourceDefinition in them is
// converted and the CRDs are printed as one YAML stream, in input order.
//
// What the controller sees is not the file but the object the API server
// stored: defaulted from Crossplane's XRD CRD schema (v2: scope Namespaced,
// defaultCompositionUpdatePolicy Automatic, ...) and converted to the storage
// version v1 (conversion strategy None: only apiVersion changes). With
// --xrd-crd (Crossplane's apiextensions.crossplane.io_compositeresourcedefinitions
// CRD) the tool applies those schema defaults with the API server's own
// structural defaulting code first. Without it the input must already be
// defaulted (for example `kubectl get xrd NAME -o yaml` from a cluster).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/crossplane/crossplane-runtime/v2/pkg/xcrd"
	v1 "github.com/crossplane/crossplane/apis/v2/apiextensions/v1"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	extv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	"k8s.io/apimachinery/pkg/runtime"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

const xrdGroup = "apiextensions.crossplane.io"

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "xrd2crd: %v\n", err)
		os.Exit(1)
	}
}

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("xrd2crd", flag.ContinueOnError)
	xrdCRD := fs.String("xrd-crd", "", "Crossplane's CompositeResourceDefinition CRD; its schema defaults are applied to each XRD first")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("usage: xrd2crd [--xrd-crd CRD.yaml] XRD.yaml [XRD.yaml ...]")
	}

	var defaults map[string]*structuralschema.Structural
	if *xrdCRD != "" {
		var err error
		if defaults, err = loadDefaults(*xrdCRD); err != nil {
			return err
		}
	}

	var out bytes.Buffer
	n := 0
	for _, file := range fs.Args() {
		docs, err := readDocs(file, stdin)
		if err != nil {
			return err
		}
		for _, doc := range docs {
			apiVersion, _ := doc["apiVersion"].(string)
			kind, _ := doc["kind"].(string)
			if kind != "CompositeResourceDefinition" || !strings.HasPrefix(apiVersion, xrdGroup+"/") {
				continue
			}
			crd, err := convert(doc, defaults)
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			b, err := yaml.Marshal(crd)
			if err != nil {
				return err
			}
			out.WriteString("---\n")
			out.Write(b)
			n++
		}
	}
	if n == 0 {
		return errors.New("no apiextensions.crossplane.io CompositeResourceDefinition in the input")
	}
	_, err := stdout.Write(out.Bytes())
	return err
}

// convert defaults the XRD as the API server would, converts it to the
// storage version v1 and renders its CRD with Crossplane's generator.
func convert(doc map[string]interface{}, defaults map[string]*structuralschema.Structural) (*extv1.CustomResourceDefinition, error) {
	version := strings.TrimPrefix(doc["apiVersion"].(string), xrdGroup+"/")
	if defaults != nil {
		s, ok := defaults[version]
		if !ok {
			return nil, fmt.Errorf("the XRD CRD does not serve version %q", version)
		}
		structuraldefaulting.Default(doc, s)
	}
	// v1 is the storage version and the XRD CRD's conversion strategy is
	// None: the stored object is the same JSON with apiVersion rewritten.
	doc["apiVersion"] = xrdGroup + "/v1"
	raw, err := yaml.Marshal(doc)
	if err != nil {
		return nil, err
	}
	xrd := &v1.CompositeResourceDefinition{}
	if err := yaml.UnmarshalStrict(raw, xrd); err != nil {
		return nil, fmt.Errorf("not a valid XRD: %w", err)
	}
	crd, err := xcrd.ForCompositeResource(xrd)
	if err != nil {
		return nil, err
	}
	crd.APIVersion = "apiextensions.k8s.io/v1"
	crd.Kind = "CustomResourceDefinition"
	return crd, nil
}

// loadDefaults reads Crossplane's XRD CRD and returns, per served version,
// the structural schema the API server defaults XRDs with.
func loadDefaults(file string) (map[string]*structuralschema.Structural, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	crd := &extv1.CustomResourceDefinition{}
	if err := yaml.Unmarshal(raw, crd); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if crd.Spec.Group != xrdGroup || crd.Spec.Names.Kind != "CompositeResourceDefinition" {
		return nil, fmt.Errorf("%s is not the CRD of %s CompositeResourceDefinition", file, xrdGroup)
	}
	out := map[string]*structuralschema.Structural{}
	for _, v := range crd.Spec.Versions {
		if v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
			continue
		}
		internal := &apiextensions.JSONSchemaProps{}
		if err := extv1.Convert_v1_JSONSchemaProps_To_apiextensions_JSONSchemaProps(v.Schema.OpenAPIV3Schema, internal, nil); err != nil {
			return nil, fmt.Errorf("%s version %s: %w", file, v.Name, err)
		}
		s, err := structuralschema.NewStructural(internal)
		if err != nil {
			return nil, fmt.Errorf("%s version %s: %w", file, v.Name, err)
		}
		out[v.Name] = s
	}
	return out, nil
}

func readDocs(file string, stdin io.Reader) ([]map[string]interface{}, error) {
	var r io.Reader = stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	dec := utilyaml.NewYAMLOrJSONDecoder(r, 4096)
	var docs []map[string]interface{}
	for {
		var doc map[string]interface{}
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				return docs, nil
			}
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if doc == nil {
			continue
		}
		// JSON numbers as int64/float64, like the API server's decoder.
		doc = runtime.DeepCopyJSON(normalize(doc).(map[string]interface{}))
		// A List (kubectl get ... -o yaml) stands for its items.
		if items, ok := doc["items"].([]interface{}); ok && doc["kind"] == "List" {
			for _, it := range items {
				if m, ok := it.(map[string]interface{}); ok {
					docs = append(docs, m)
				}
			}
			continue
		}
		docs = append(docs, doc)
	}
}

// normalize turns the decoder's float64 numbers into int64 where they are
// whole, as the API server's JSON decoder does, so DeepCopyJSON accepts them.
func normalize(v interface{}) interface{} {
	switch x := v.(type) {
	case map[string]interface{}:
		for k, e := range x {
			x[k] = normalize(e)
		}
		return x
	case []interface{}:
		for i, e := range x {
			x[i] = normalize(e)
		}
		return x
	case float64:
		if x == float64(int64(x)) {
			return int64(x)
		}
		return x
	default:
		return v
	}
}
