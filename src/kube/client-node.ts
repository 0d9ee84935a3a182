/**
 * @kubernetes/client-node, loaded on first use: only the commands that talk
 * to a cluster pay for it.
 *
 * client-node 2.x is an ES module. Node >= 20.19 loads it with require()
 * (it has no top-level await); older Node gets ERR_REQUIRE_ESM, and then a
 * real dynamic import() that TypeScript's CommonJS output leaves alone (a plain
 * `import()` would be compiled to require()). require() comes first because
 * bin/compile-cache.js compiles our modules with vm.Script, where an import()
 * inside `new Function` code has no loader.
 */
export type ClientNode = typeof import('@kubernetes/client-node');

// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<ClientNode>;

let clientNode: Promise<ClientNode> | undefined;

export function loadClientNode(): Promise<ClientNode> {
  clientNode ??= (async () => {
    try {
      return require('@kubernetes/client-node') as ClientNode;
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'ERR_REQUIRE_ESM') throw e;
      return importEsm('@kubernetes/client-node');
    }
  })();
  return clientNode;
}
