// Preloaded with `node -r` by the benchmark: reports the process's peak RSS on exit.
'use strict';
process.on('exit', () => {
  process.stderr.write(`\n@@maxrss_kb=${process.resourceUsage().maxRSS}\n`);
});
