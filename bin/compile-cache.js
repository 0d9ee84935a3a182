'use strict';
/**
 * V8 code cache for the CLI's own modules and its dependencies.
 *
 * Node 20 has no built-in compile cache (module.enableCompileCache arrived in
 * Node 22), and most of ddbops's cold start is V8 parsing cdk8s, cdk8s-plus's
 * generated Kubernetes API and zod. This keeps V8's compiled code per module
 * (keyed by path and content hash) in node_modules/.cache/ddbops, the same
 * technique as the v8-compile-cache package. Output is unaffected; set
 * DDBOPS_NO_COMPILE_CACHE=1 to turn it off.
 */
const Module = require('module');
const vm = require('vm');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

function install(cacheDir) {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
  } catch {
    return;
  }
  const compile = Module.prototype._compile;
  const fresh = [];
  Module.prototype._compile = function cachedCompile(content, filename) {
    const key = crypto.createHash('sha1').update(filename).update('\0').update(content).digest('hex');
    const cacheFile = path.join(cacheDir, `${key}.bin`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content), {
        filename,
        cachedData,
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      return compile.call(this, content, filename);
    }
    if (cachedData === undefined || script.cachedDataRejected) fresh.push({ cacheFile, script });
    const mod = this;
    const require = (id) => mod.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    const fn = script.runInThisContext({ displayErrors: true });
    return fn.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    // After the run, so the cache also holds the functions that actually executed.
    for (const { cacheFile, script } of fresh) {
      try {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // A read-only install just runs uncached.
      }
    }
  });
}

if (!process.env.DDBOPS_NO_COMPILE_CACHE) {
  install(process.env.DDBOPS_COMPILE_CACHE_DIR || path.join(__dirname, '..', 'node_modules', '.cache', 'ddbops'));
}
