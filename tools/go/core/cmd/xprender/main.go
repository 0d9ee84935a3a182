// Command xprender renders a Crossplane composite resource (XR) by driving the
// hidden `crossplane internal render` subcommand of the Crossplane core binary,
// the same way `crossplane composition render --crossplane-binary` does in the
// newer (unavailable) crossplane CLI.
//
// It builds a renderv1alpha1.RenderRequest{CompositeInput} from YAML files,
// pipes it to `<core> internal render`, and prints the result as a YAML stream:
// the XR first, then every composed resource, then (with --include-events) the
// events as `kind: Event` documents. Functions must already be running: the
// address of each is read from the `render.crossplane.io/runtime-development-
// target` annotation of its pkg.crossplane.io Function object (default
// localhost:9443, as in the CLI). The core dials functions with insecure
// (plaintext) gRPC, so run them with --insecure.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	renderv1alpha1 "github.com/crossplane/crossplane/v2/proto/render/v1alpha1"
)

const (
	annotationTarget = "render.crossplane.io/runtime-development-target"
	defaultTarget    = "localhost:9443"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "xprender: %v\n", err)
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() > 0 {
			os.Exit(ee.ExitCode())
		}
		os.Exit(1)
	}
}

func run() error {
	var (
		core     = flag.String("crossplane-binary", "", "path to the Crossplane core binary (required)")
		xrFile   = flag.String("xr", "", "YAML file with the composite resource (required)")
		compFile = flag.String("composition", "", "YAML file with the Composition (required, mode: Pipeline)")
		fnFile   = flag.String("functions", "", "YAML stream of pkg.crossplane.io Function objects (required)")
		observed = flag.String("observed-resources", "", "YAML file or directory of observed composed resources")
		xrdFile  = flag.String("xrd", "", "YAML file with the XRD (optional; only selects legacy vs modern XR schema)")
		timeout  = flag.Duration("timeout", 2*time.Minute, "render timeout")
		events   = flag.Bool("include-events", false, "append events as kind: Event documents")
		debug    = flag.Bool("debug", false, "pass --debug to the core binary and forward its stderr")
	)
	flag.Parse()
	if *core == "" || *xrFile == "" || *compFile == "" || *fnFile == "" {
		flag.Usage()
		return errors.New("--crossplane-binary, --xr, --composition and --functions are required")
	}

	in := &renderv1alpha1.CompositeInput{}
	var err error
	if in.CompositeResource, err = loadOne(*xrFile); err != nil {
		return err
	}
	if in.Composition, err = loadOne(*compFile); err != nil {
		return err
	}
	if *xrdFile != "" {
		if in.CompositeResourceDefinition, err = loadOne(*xrdFile); err != nil {
			return err
		}
	}
	fns, err := loadPath(*fnFile)
	if err != nil {
		return err
	}
	for _, fn := range fns {
		m := fn.AsMap()
		if k, _ := m["kind"].(string); k != "Function" {
			return fmt.Errorf("%s: expected kind Function, got %q", *fnFile, k)
		}
		meta, _ := m["metadata"].(map[string]any)
		name, _ := meta["name"].(string)
		addr := defaultTarget
		if ann, ok := meta["annotations"].(map[string]any); ok {
			if t, ok := ann[annotationTarget].(string); ok && t != "" {
				addr = t
			}
		}
		in.Functions = append(in.Functions, &renderv1alpha1.FunctionInput{Name: name, Address: addr})
	}
	if *observed != "" {
		if in.ObservedResources, err = loadPath(*observed); err != nil {
			return err
		}
	}

	req, err := proto.Marshal(&renderv1alpha1.RenderRequest{
		Meta:  &renderv1alpha1.RequestMeta{},
		Input: &renderv1alpha1.RenderRequest_Composite{Composite: in},
	})
	if err != nil {
		return fmt.Errorf("cannot marshal render request: %w", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), *timeout+10*time.Second)
	defer cancel()
	args := []string{"internal", "render", "--timeout=" + timeout.String()}
	if *debug {
		args = append([]string{"--debug"}, args...)
	}
	cmd := exec.CommandContext(ctx, *core, args...)
	cmd.Stdin = bytes.NewReader(req)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if *debug {
		cmd.Stderr = io.MultiWriter(&stderr, os.Stderr)
	}
	if err := cmd.Run(); err != nil {
		// Exit code 3 means a function returned a FATAL result; the message
		// is on stderr either way.
		return fmt.Errorf("%s internal render failed: %w\n%s", *core, err, strings.TrimSpace(stderr.String()))
	}

	rsp := &renderv1alpha1.RenderResponse{}
	if err := proto.Unmarshal(stdout.Bytes(), rsp); err != nil {
		return fmt.Errorf("cannot unmarshal render response: %w", err)
	}
	out := rsp.GetComposite()
	if out == nil || out.GetCompositeResource() == nil {
		return errors.New("render response has no composite resource")
	}

	docs := append([]*structpb.Struct{out.GetCompositeResource()}, out.GetComposedResources()...)
	var buf bytes.Buffer
	for _, d := range docs {
		if err := writeDoc(&buf, d.AsMap()); err != nil {
			return err
		}
	}
	if *events {
		for _, e := range out.GetEvents() {
			if err := writeDoc(&buf, map[string]any{
				"apiVersion": "render.crossplane.io/v1beta1",
				"kind":       "Event",
				"type":       e.GetType(),
				"reason":     e.GetReason(),
				"message":    e.GetMessage(),
			}); err != nil {
				return err
			}
		}
	}
	_, err = os.Stdout.Write(buf.Bytes())
	return err
}

func writeDoc(w io.Writer, obj map[string]any) error {
	y, err := yaml.Marshal(obj)
	if err != nil {
		return fmt.Errorf("cannot marshal output to YAML: %w", err)
	}
	_, _ = fmt.Fprintln(w, "---")
	_, err = w.Write(y)
	return err
}

// loadOne loads a file that must contain exactly one YAML document.
func loadOne(file string) (*structpb.Struct, error) {
	docs, err := loadFile(file)
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, fmt.Errorf("%s: expected exactly one YAML document, found %d", file, len(docs))
	}
	return docs[0], nil
}

// loadPath loads every YAML document in a file, or in every *.yaml/*.yml/*.json
// file of a directory (sorted by name).
func loadPath(path string) ([]*structpb.Struct, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return loadFile(path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".yaml", ".yml", ".json":
			if !e.IsDir() {
				names = append(names, e.Name())
			}
		}
	}
	sort.Strings(names)
	var all []*structpb.Struct
	for _, n := range names {
		docs, err := loadFile(filepath.Join(path, n))
		if err != nil {
			return nil, err
		}
		all = append(all, docs...)
	}
	return all, nil
}

func loadFile(file string) ([]*structpb.Struct, error) {
	f, err := os.Open(file) //nolint:gosec // user-supplied path is the point.
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read-only.
	r := utilyaml.NewYAMLReader(bufio.NewReader(f))
	var docs []*structpb.Struct
	for {
		raw, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		j, err := yaml.YAMLToJSON(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if s := strings.TrimSpace(string(j)); s == "null" || s == "" {
			continue // empty document
		}
		st := &structpb.Struct{}
		if err := st.UnmarshalJSON(j); err != nil {
			return nil, fmt.Errorf("%s: document is not a YAML mapping: %w", file, err)
		}
		docs = append(docs, st)
	}
}
