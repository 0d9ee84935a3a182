/** Where a project's rendered manifests live, next to project.yaml: what `synth` writes and Argo CD applies. Its own module so the CLI can name it without loading the reader. */
export const DIST_DIR = 'dist';
